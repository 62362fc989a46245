"""The review's forms: a decision on a suggestion, and asking for fresh suggestions.

Decision forms are one per suggestion on the same page, so each gets a prefix that keeps its
ids unique.
"""

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import RadioField, SelectField, TextAreaField
from wtforms.validators import Optional

from intake.forms.fields import choices as options
from intake.forms.fields import max_length, required
from intake.models import Decision

DECISION_CHOICES = (
    (Decision.ACCEPTED.value, _l("Accept")),
    (Decision.CHANGED.value, _l("Change to another")),
    (Decision.REJECTED.value, _l("Reject")),
)


class DecisionForm(FlaskForm):
    """Accept, change or reject one suggestion; a reason is required to change or reject."""

    decision = RadioField(_l("Decision"), choices=options(DECISION_CHOICES),
                          validators=[required()])
    code = SelectField(_l("Instead, choose"), validators=[Optional()], validate_choice=False)
    reason = TextAreaField(_l("Reason"), validators=[Optional(), max_length(2000)],
                           description=_l("Required when you change or reject. The company "
                                          "sees it."))

    def __init__(self, *args, alternatives=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.code.choices = options([("", _l("Choose")), *alternatives])


class RecomputeForm(FlaskForm):
    """Only the CSRF token: asks for fresh suggestions."""
