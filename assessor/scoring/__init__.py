"""The scoring layer, pure: answers and their values, the scorecard, the roadmap and the
plan with a consultant's edits laid over it. No I/O, no clock.
"""
