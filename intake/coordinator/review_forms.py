"""The review's forms: a decision on a suggestion, and asking for fresh suggestions.

A card offers accept as one button, and change or reject behind one disclosure with the choice
and the reason. Every form of a card shares its prefix (`s<id>-`), so the fields keep the names
the server reads, whichever form sent them.
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
REASON_LIMIT = 2000


class DecisionForm(FlaskForm):
    """Accept, change or reject one suggestion; a reason is required to change or reject."""

    decision = RadioField(_l("Change or reject"), choices=options(DECISION_CHOICES),
                          validators=[required()])
    code = SelectField(_l("Instead, choose (when you change)"), validators=[Optional()],
                       validate_choice=False)
    reason = TextAreaField(_l("Reason"), validators=[Optional(), max_length(REASON_LIMIT)],
                           description=_l("The company reads it."))

    def __init__(self, *args, alternatives=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.code.choices = options([("", _l("Choose")), *alternatives])
        # Accept is a button of its own: the radios start at "change", and so do the links.
        self.decision.summary_target = f"{self.decision.id}-1"


class RecomputeForm(FlaskForm):
    """Only the CSRF token: asks for fresh suggestions."""
