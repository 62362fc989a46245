"""The inbox's filter form.

A GET form: a bad value (a typed-in date like "31/02", a county that does not exist) becomes an
error next to its field and the filter is simply not applied.
"""

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import DateField, SelectField, StringField
from wtforms.validators import Optional, ValidationError

from intake.forms import choices
from intake.forms.fields import choices as options
from intake.forms.fields import max_length
from intake.labels import STATUS, name_of
from intake.questionnaire import load


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
            (area.key, name_of("area", area.key)) for area in load().areas])
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
