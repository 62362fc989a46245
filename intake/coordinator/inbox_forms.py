"""The inbox's filter form.

A GET form: a bad value (a typed-in date like "31/02", a county that does not exist) becomes an
error next to its field and the filter is simply not applied.
"""

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import (
    BooleanField,
    DateField,
    SelectMultipleField,
    StringField,
    widgets,
)
from wtforms.validators import AnyOf, Length, Optional, ValidationError

from intake.coordinator.booking_forms import _series_label, support_value_field
from intake.forms import choices
from intake.forms.fields import SelectField, max_length, required
from intake.forms.fields import choices as options
from intake.labels import INBOX_COLUMN, STATUS, name_of
from intake.operations.bulk import ACTIONS
from intake.operations.inbox import COLUMNS, MAX_SELECTION
from intake.questionnaire import load


class CheckboxListField(SelectMultipleField):
    """Several choices as a list of checkboxes (the inbox's columns)."""

    widget = widgets.ListWidget(prefix_label=False)
    option_widget = widgets.CheckboxInput()


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
    responsible = SelectField(_l("Responsible coordinator"), validators=[Optional()])
    cols = CheckboxListField(_l("Columns"), validators=[Optional()])

    def __init__(self, *args, series_choices=(), staff_choices=(), **kwargs):
        super().__init__(*args, **kwargs)
        everything = ("", _l("All"))
        self.status.choices = options([everything, *STATUS.items()])
        self.county.choices = options([everything]) + list(choices.county_choices())[1:]
        self.area.choices = options([everything] + [
            (area.key, name_of("area", area.key)) for area in load().areas])
        self.series.choices = options([everything] + [(str(i), label)
                                                      for i, label in series_choices])
        self.responsible.choices = options([everything, ("mine", _l("Mine")),
                                            ("none", _l("Nobody yet"))]
                                           + [(str(i), label) for i, label in staff_choices])
        self.cols.choices = [(key, INBOX_COLUMN[key]) for key in COLUMNS]

    def validate_submitted_to(self, field) -> None:
        start = self.submitted_from.data
        if field.data and start and field.data < start and not self.submitted_from.errors:
            raise ValidationError(_l("The end date must not be before the start date."))

    def valid(self, name: str):
        """The field's value when it is valid and given, else None (the filter is ignored)."""
        field = self[name]
        return None if field.errors or field.data in ("", None) else field.data


class BulkForm(FlaskForm):
    """One action on the companies ticked in the inbox, or on all the filter matches.

    The checkboxes sit in the table, outside this form's element, and join it by their `form`
    attribute; the filters travel in the form's URL, so "all matching" means what was shown.
    """

    company = SelectMultipleField(_l("Companies"), coerce=int, validate_choice=False,
                                  validators=[Length(max=MAX_SELECTION)])
    all_matching = BooleanField(_l("All companies that match the filters"))
    action = StringField(validators=[required(), AnyOf(ACTIONS)])
    book_series = SelectField(_l("Workshop series"), validate_choice=False)
    support_value_eur = support_value_field(
        optional=True, description=_l("The same for every company; 0 or empty if none."))
    coordinator = SelectField(_l("Coordinator"), validate_choice=False)

    def __init__(self, *args, series_options=(), staff_choices=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.book_series.choices = [("", _l("Choose a workshop series"))] + [
            (str(s.id), _series_label(s, booked)) for s, booked in series_options]
        self.coordinator.choices = [("", _l("Choose a coordinator")),
                                    ("nobody", _l("Nobody (take the responsibility away)"))] + [
            (str(i), label) for i, label in staff_choices]

    def validate_book_series(self, field) -> None:
        if self.action.data == "book" and field.data not in {v for v, _ in field.choices[1:]}:
            raise ValidationError(_l("Choose a workshop series from the list."))

    def validate_coordinator(self, field) -> None:
        if self.action.data == "assign" and field.data not in {
                v for v, _ in field.choices[1:]}:
            raise ValidationError(_l("Choose a coordinator from the list."))

    def validate_company(self, field) -> None:
        if not field.data and not self.all_matching.data:
            raise ValidationError(_l("Select at least one company, or all that match."))


class SaveViewForm(FlaskForm):
    name = StringField(_l("Name of the view"), validators=[required(), max_length(80)],
                       description=_l("For example “My submitted, newest first”."))
