"""AI Readiness Assessor: the headless core.

Content models, the condition language, the framework catalogue and the loading of
questionnaires live here. Nothing in this package imports Qt or `ui`; everything the
desktop app does, the core can do without it.
"""

__version__ = "0.1.0"
