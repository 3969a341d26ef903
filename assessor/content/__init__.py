"""The content layer: the questionnaire format, the condition language, the assessment
context, target profiles and the regulatory calendar, as pure models and rules. It reads
no files; `assessor.library` does.
"""
