"""The library layer: reading content from disk into validated objects. Questionnaire
files with every problem at its line, the framework catalogue, target profiles and the
regulatory calendar, bundled and the consultant's own, gathered in a `Library`.
"""
