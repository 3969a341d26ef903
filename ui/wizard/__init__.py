"""The new-assessment wizard (`NewAssessmentWizard`) and its screens for review."""

from ui.wizard.new_assessment import NewAssessmentWizard, screens

__all__ = ["NewAssessmentWizard", "screens"]
