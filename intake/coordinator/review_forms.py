"""The coordinator's inbox filter form and the review's decision forms.

The filter form is a GET form: a bad value (a typed-in date like "31/02", a county that does not
exist) becomes an error next to its field and the filter is simply not applied. Decision forms
are one per suggestion on the same page, so each gets a prefix that keeps its ids unique.
"""

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import DateField, RadioField, SelectField, StringField, TextAreaField
from wtforms.validators import Optional, ValidationError

from intake.company import choices
from intake.i18n import localized
from intake.models import Decision
from intake.questionnaire import load
from intake.web.fields import choices as options
from intake.web.fields import max_length, required
from intake.web.labels import STATUS

DECISION_CHOICES = (
    (Decision.ACCEPTED.value, _l("Accept")),
    (Decision.CHANGED.value, _l("Change to another")),
    (Decision.REJECTED.value, _l("Reject")),
)


class InboxFilterForm(FlaskForm):
    class Meta:
        csrf = False  # a GET search form changes nothing

    q = StringField(_l("Name or organisation number"), validators=[Optional(), max_length(100)])
    status = SelectField(_l("Status"), validators=[Optional()])
    county = SelectField(_l("County"), validators=[Optional()])
    area = SelectField(_l("Area of greatest need"), validators=[Optional()])
    series = SelectField(_l("Workshop series"), validators=[Optional()])
    submitted_from = DateField(_l("Submitted from"), validators=[Optional()],
                               description=_l("For example 2026-01-31."))
    submitted_to = DateField(_l("Submitted to"), validators=[Optional()],
                             description=_l("For example 2026-03-31."))

    def __init__(self, *args, series_choices=(), **kwargs):
        super().__init__(*args, **kwargs)
        everything = ("", _l("All"))
        self.status.choices = options([everything, *STATUS.items()])
        self.county.choices = options([everything]) + list(choices.county_choices())[1:]
        self.area.choices = options([everything] + [
            (area.key, localized(area.title)) for area in load().areas])
        self.series.choices = options([everything] + [(str(i), label)
                                                      for i, label in series_choices])

    def validate_submitted_to(self, field) -> None:
        start = self.submitted_from.data
        if field.data and start and field.data < start and not self.submitted_from.errors:
            raise ValidationError(_l("The end date must not be before the start date."))

    def valid(self, name: str):
        """The field's value when it is valid and given, else None (the filter is ignored)."""
        field = self[name]
        return None if field.errors or field.data in ("", None) else field.data


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
