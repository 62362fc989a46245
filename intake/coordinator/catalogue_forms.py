"""Forms for keeping the catalogue: a workshop series, a coach, an earlier case, an upload.

The rules follow the interchange format (codes, counties, SNI divisions, 1-5 scales, the four
required areas), so an item typed here exports to a file that imports again unchanged.
"""

import re

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from flask_wtf.file import FileAllowed, FileField, FileRequired, FileSize
from wtforms import (
    BooleanField,
    EmailField,
    HiddenField,
    SelectField,
    SelectMultipleField,
    StringField,
    TextAreaField,
)
from wtforms.validators import NumberRange, Optional, ValidationError
from wtforms.widgets import CheckboxInput, ListWidget

from intake import questionnaire
from intake.forms.choices import county_choices, county_options, sni_choices
from intake.forms.fields import (
    IsoDateField,
    WholeNumberField,
    email_address,
    max_length,
    required,
)
from intake.i18n import localized
from intake.labels import name_of
from intake.questionnaire import AREA_KEYS, REQUIRED_AREA_KEYS

MAX_UPLOAD_BYTES = 5 * 1024 * 1024
MAX_TEXT = 20_000
_CONTROL = re.compile(r"[\x00-\x1f\x7f]")


def _strip(value):
    return value.strip() if isinstance(value, str) else value


def valid_code(form, field) -> None:
    if field.data and _CONTROL.search(field.data):
        raise ValidationError(_l("A code may not contain tabs, line breaks or control characters."))


def at_least_one(form, field) -> None:
    if not field.data:
        raise ValidationError(_l("Choose at least one."))


def whole_number(low: int, high: int):
    return NumberRange(min=low, max=high,
                       message=_l("Enter a whole number from %(min)d to %(max)d.",
                                  min=low, max=high))


class CheckboxesField(SelectMultipleField):
    """Several choices as a group of checkboxes (rendered by the catalogue's own macro)."""

    widget = ListWidget(prefix_label=False)
    option_widget = CheckboxInput()


def area_choices() -> list[tuple[str, str]]:
    return [(a.key, name_of("area", a.key)) for a in questionnaire.load().areas]


class VersionedForm(FlaskForm):
    """The item's version as the coordinator saw it, so a later save can spot a conflict."""

    version = HiddenField()

    def seen_version(self) -> int | None:
        try:
            return int(self.version.data)
        except (TypeError, ValueError):
            return None


class SeriesForm(VersionedForm):
    code = StringField(_l("Code"), filters=[_strip],
                       validators=[required(), max_length(40), valid_code],
                       description=_l("A short unique code, such as WS-LEAN-Z."))
    title = StringField(_l("Title"), filters=[_strip], validators=[required(), max_length(300)])
    description = TextAreaField(_l("Description"),
                                validators=[required(), max_length(MAX_TEXT)],
                                description=_l("What the series covers; matching reads this."))
    areas = CheckboxesField(_l("Areas"), validators=[at_least_one])
    county = SelectField(_l("County"), default="")
    starts_on = IsoDateField(_l("Start date"), validators=[Optional()],
                          description=_l("Written YYYY-MM-DD."))
    ends_on = IsoDateField(_l("Last date"), validators=[Optional()],
                           description=_l("The day of the last workshop, written YYYY-MM-DD. "
                                          "The series counts as carried out once it has "
                                          "passed."))
    location = StringField(_l("Location"), filters=[_strip], validators=[max_length(200)])
    seats = WholeNumberField(_l("Seats"), validators=[Optional(), whole_number(0, 100_000)])
    confirm_seats = BooleanField(_l("Set the seats below what is booked anyway. The bookings "
                                    "stay; no new ones are taken."))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.areas.choices = area_choices()
        self.county.choices = [("", _l("Open to all counties (online)"))] + \
            county_options()

    def values(self) -> dict:
        return {
            "code": self.code.data, "title": self.title.data,
            "description": self.description.data, "areas": list(self.areas.data),
            "county": self.county.data or None, "starts_on": self.starts_on.data,
            "ends_on": self.ends_on.data,
            "location": self.location.data or None, "seats": self.seats.data,
        }

    def validate_ends_on(self, field) -> None:
        if field.data and self.starts_on.data and field.data < self.starts_on.data:
            raise ValidationError(_l("The last date must be on or after the start date."))


class CoachForm(VersionedForm):
    code = StringField(_l("Code"), filters=[_strip],
                       validators=[required(), max_length(40), valid_code],
                       description=_l("A short unique code, such as CO-01."))
    name = StringField(_l("Name"), filters=[_strip], validators=[required(), max_length(200)])
    profile = TextAreaField(_l("Profile"), validators=[required(), max_length(MAX_TEXT)],
                            description=_l("Experience and what the coach helps with; "
                                           "matching reads this."))
    areas = CheckboxesField(_l("Areas"), validators=[at_least_one])
    counties = CheckboxesField(_l("Counties"), validators=[at_least_one])
    capacity = WholeNumberField(_l("Capacity (companies at a time)"),
                            validators=[Optional(), whole_number(0, 100_000)])
    email = EmailField(_l("E-mail address"), filters=[_strip],
                       validators=[Optional(), email_address(), max_length(254)])

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.areas.choices = area_choices()
        self.counties.choices = county_options()

    def values(self) -> dict:
        return {
            "code": self.code.data, "name": self.name.data, "profile": self.profile.data,
            "areas": list(self.areas.data), "counties": list(self.counties.data),
            "capacity": self.capacity.data, "email": self.email.data or None,
        }


class CaseForm(VersionedForm):
    """An earlier company's story, anonymised; its answers are fields named `<area>_<part>`."""

    code = StringField(_l("Code"), filters=[_strip],
                       validators=[required(), max_length(40), valid_code],
                       description=_l("A short unique code, such as CASE-001."))
    sector = SelectField(_l("Industry (SNI 2007 division)"), validators=[required()])
    employees = WholeNumberField(_l("Number of employees"),
                             validators=[required(), whole_number(0, 1_000_000)])
    county = SelectField(_l("County"), validators=[required()])
    summary = TextAreaField(_l("Summary"), validators=[required(), max_length(MAX_TEXT)],
                            description=_l("The company's situation, without its name."))
    outcome = TextAreaField(_l("Outcome"), validators=[Optional(), max_length(MAX_TEXT)])
    workshop_series = SelectField(_l("Workshop series it took part in"), default="")
    coach = SelectField(_l("Coach it had"), default="")

    def __init__(self, *args, series=(), coaches=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.sector.choices = sni_choices()
        self.county.choices = county_choices()
        self.workshop_series.choices = _linked(series)
        self.coach.choices = _linked(coaches)
        q = questionnaire.load()
        scale = [(k, f"{k} – {localized(v)}") for k, v in q.maturity_scale.items()]
        urgency = [(k, f"{k} – {localized(v)}") for k, v in q.priority_scale.items()]
        for area in q.areas:
            title = localized(area.title)
            self[f"{area.key}_maturity"].choices = [("", _l("Not answered"))] + scale
            self[f"{area.key}_priority"].choices = [("", _l("Not answered"))] + urgency
            for part, label in (("maturity", _l("%(area)s: maturity", area=title)),
                                ("priority", _l("%(area)s: how urgent", area=title)),
                                ("text", _l("%(area)s: in the company's words", area=title))):
                self[f"{area.key}_{part}"].label.text = str(label)

    def validate_sector(self, field) -> None:
        if not field.data:
            raise ValidationError(_l("Choose the company's industry."))

    def validate_county(self, field) -> None:
        if not field.data:
            raise ValidationError(_l("Choose the county."))

    def validate(self, extra_validators=None) -> bool:
        ok = super().validate(extra_validators)
        for key in AREA_KEYS:
            maturity, priority = self[f"{key}_maturity"], self[f"{key}_priority"]
            text = self[f"{key}_text"]
            needed = key in REQUIRED_AREA_KEYS or maturity.data or priority.data or \
                (text.data or "").strip()
            for part in (maturity, priority):
                if needed and not part.data:
                    message = _l("Required for this area.") if key in REQUIRED_AREA_KEYS else \
                        _l("Give both maturity and urgency, or leave the whole area empty.")
                    part.errors = [*part.errors, message]
                    ok = False
        return ok

    def answers(self) -> dict:
        result = {}
        for key in AREA_KEYS:
            if self[f"{key}_maturity"].data and self[f"{key}_priority"].data:
                result[key] = {"maturity": int(self[f"{key}_maturity"].data),
                               "priority": int(self[f"{key}_priority"].data),
                               "text": self[f"{key}_text"].data or ""}
        return result

    def values(self) -> dict:
        return {
            "code": self.code.data, "sector": self.sector.data, "employees": self.employees.data,
            "county": self.county.data, "answers": self.answers(), "summary": self.summary.data,
            "outcome": self.outcome.data or None,
            "workshop_series_id": int(self.workshop_series.data) if self.workshop_series.data
            else None,
            "coach_id": int(self.coach.data) if self.coach.data else None,
        }


def _linked(options) -> list[tuple[str, str]]:
    return [("", _l("None"))] + [
        (str(item_id), f"{label} ({_l('retired')})" if retired else label)
        for item_id, label, retired in options
    ]


for _key in AREA_KEYS:
    setattr(CaseForm, f"{_key}_maturity", SelectField(_key, default=""))
    setattr(CaseForm, f"{_key}_priority", SelectField(_key, default=""))
    setattr(CaseForm, f"{_key}_text", TextAreaField(
        _key, validators=[Optional(), max_length(MAX_TEXT)]))


def case_data(case) -> dict:
    """A stored case as the form's initial data."""
    data = {"code": case.code, "sector": case.sector, "employees": case.employees,
            "county": case.county, "summary": case.summary, "outcome": case.outcome or "",
            "workshop_series": str(case.workshop_series_id or ""),
            "coach": str(case.coach_id or ""), "version": case.version}
    for key, answer in (case.answers or {}).items():
        data[f"{key}_maturity"] = str(answer.get("maturity", ""))
        data[f"{key}_priority"] = str(answer.get("priority", ""))
        data[f"{key}_text"] = answer.get("text", "")
    return data


class RetireForm(FlaskForm):
    """Only the CSRF token: retiring and bringing back are single buttons."""


class ImportForm(FlaskForm):
    file = FileField(
        _l("Catalogue file"),
        validators=[
            FileRequired(message=_l("Choose a file to upload.")),
            FileAllowed(["json", "xlsx"], message=_l("Upload a .json or an .xlsx file.")),
            FileSize(MAX_UPLOAD_BYTES, message=_l("The file is larger than 5 MB.")),
        ],
        description=_l("An interchange file (.json) or an Excel workbook (.xlsx) in the "
                       "template's layout, at most 5 MB."),
        render_kw={"accept": ".json,.xlsx"},
    )
