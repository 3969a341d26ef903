"""The use-case layer: everything a user can ask for, each in one transaction, each saying
what it changed. The command line and the app call these, never the layers below.
"""
