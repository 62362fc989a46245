"""The participant side of follow-up surveys: a mailed link opens one survey, with no login."""

from intake.survey.views import bp

__all__ = ["bp"]
