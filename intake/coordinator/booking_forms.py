"""Forms for booking and following a company, and the coordinator's edit of its details.

Amounts accept the Swedish way of writing them ("1 500,50") as well as "1500.50"; every parse
error is our own message, so that it is translated with the rest of the app. The forms query
nothing: the view hands them the series and coaches to choose from, with what is booked.
"""

from decimal import Decimal

from flask import current_app
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from flask_wtf.file import FileAllowed, FileField
from wtforms import BooleanField, HiddenField, SelectField, TextAreaField
from wtforms.validators import NumberRange, Optional, ValidationError

from intake.forms.company_details import CompanyDetailsForm
from intake.forms.fields import EuroField, IsoDateField, max_length, required
from intake.labels import ACTIVITY
from intake.models import Coach, WorkshopSeries
from intake.operations.booking import STAGES, VALUED_STAGES, Attachment

# Extension -> the content type the file is served with (never the browser's claim).
ATTACHMENT_TYPES = {
    "pdf": "application/pdf",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "odt": "application/vnd.oasis.opendocument.text",
    "txt": "text/plain",
    "png": "image/png",
    "jpg": "image/jpeg",
    "jpeg": "image/jpeg",
}
MAX_SUPPORT_EUR = Decimal("10000000")
VALUED = {str(kind) for kind in VALUED_STAGES}


def support_value_field(optional: bool = False, description=None):
    return EuroField(
        _l("Value of the subsidised support, in euro"),
        places=2,
        validators=[Optional() if optional else required(),
                    NumberRange(min=0, max=MAX_SUPPORT_EUR,
                                message=_l("Enter an amount of 0 euro or more."))],
        description=description or _l("What the support is worth to the company: it counts "
                                      "towards the de minimis ceiling of EUR 300,000 over "
                                      "three years."),
    )


def confirm_field():
    return BooleanField(_l("I have checked the de minimis ledger: book this even though the "
                           "company passes the EUR 300,000 ceiling."))


def _check_choice(field, message) -> None:
    if not field.data or field.data not in {str(value) for value, _label in field.choices}:
        raise ValidationError(message)


class EnrolForm(FlaskForm):
    workshop_series = SelectField(_l("Workshop series"), validators=[required()],
                                  validate_choice=False)
    support_value_eur = support_value_field()
    confirm_over_ceiling = confirm_field()

    def __init__(self, *args, series_options=(), chosen_codes=(), **kwargs):
        """`series_options`: (series, seats booked) pairs, in the order to list them;
        `chosen_codes`: the series the company's review chose, marked as such."""
        super().__init__(*args, **kwargs)
        self.workshop_series.choices = [("", _l("Choose a workshop series"))] + [
            (str(s.id), _series_label(s, booked, s.code in chosen_codes))
            for s, booked in series_options]

    def validate_workshop_series(self, field) -> None:
        _check_choice(field, _l("Choose a workshop series from the list."))


def _series_label(series: WorkshopSeries, booked: int, chosen: bool = False) -> str:
    parts = [series.title, f"({series.code})"]
    if chosen:
        parts[0] = _("Accepted in the review:") + " " + parts[0]
    if series.starts_on:
        parts.append(series.starts_on.isoformat())
    if series.seats is not None:
        free = max(series.seats - booked, 0)
        parts.append(_("%(free)d of %(seats)d seats free", free=free, seats=series.seats)
                     if free else _("full"))
    return " – ".join([parts[0] + " " + parts[1], *parts[2:]])


class CoachForm(FlaskForm):
    coach = SelectField(_l("Coach"), validators=[required()], validate_choice=False)

    def __init__(self, *args, coach_options=(), chosen_codes=(), **kwargs):
        """`coach_options`: (coach, companies assigned now) pairs, in the order to list them;
        `chosen_codes`: the coaches the company's review chose, marked as such."""
        super().__init__(*args, **kwargs)
        self.coach.choices = [("", _l("Choose a coach"))] + [
            (str(c.id), _coach_label(c, assigned, c.code in chosen_codes))
            for c, assigned in coach_options]

    def validate_coach(self, field) -> None:
        _check_choice(field, _l("Choose a coach from the list."))


def _coach_label(coach: Coach, assigned: int, chosen: bool = False) -> str:
    name = f"{_l('Accepted in the review:')} {coach.name}" if chosen else coach.name
    if coach.capacity is None:
        return name
    free = max(coach.capacity - assigned, 0)
    note = (_l("%(free)d of %(capacity)d places free", free=free, capacity=coach.capacity)
            if free else _l("fully booked"))
    return f"{name} – {note}"


class StageForm(FlaskForm):
    kind = SelectField(_l("Stage"), validators=[required()], validate_choice=False)
    occurred_on = IsoDateField(_l("Date"), validators=[required()],
                               parse_message=_l("Enter a real date, such as 2026-03-15."),
                               description=_l("When it took place, or is planned for "
                                              "(at most a year ahead)."))
    notes = TextAreaField(_l("Notes (for an action plan: the plan itself)"),
                          validators=[Optional(), max_length(20000)])
    # Asked for a deep analysis, an action plan or consultant support; the operation says
    # what is missing (`booking.stage_value`), so that the rule lives in one place.
    support_value_eur = support_value_field(optional=True, description=_l(
        "For a deep analysis, an action plan or consultant support: what the support is worth "
        "to the company (0 if nothing). It counts towards the de minimis ceiling of "
        "EUR 300,000 over three years. A mapping interview has no value."))
    attachment = FileField(
        _l("Attached file"),
        validators=[Optional(), FileAllowed(
            sorted(ATTACHMENT_TYPES),
            _l("Attach a PDF, Word (docx), Excel (xlsx), OpenDocument text (odt), plain text, "
               "PNG or JPEG file."))],
        description=_l("PDF, docx, xlsx, odt, txt, png or jpg."),
    )
    confirm_over_ceiling = confirm_field()

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.kind.choices = [("", _l("Choose a stage"))] + [
            (str(kind), ACTIVITY[str(kind)]) for kind in STAGES]

    def validate_kind(self, field) -> None:
        _check_choice(field, _l("Choose a stage from the list."))

    @staticmethod
    def initial(activity) -> dict:
        """A recorded stage as the form's data, for a correction."""
        return {"kind": activity.kind, "occurred_on": activity.occurred_on,
                "notes": activity.notes,
                "support_value_eur": activity.support_value_eur if activity.kind in VALUED
                else None}

    def validate_attachment(self, field) -> None:
        limit = current_app.config.get("MAX_CONTENT_LENGTH")
        storage = field.data
        if not storage or not getattr(storage, "filename", ""):
            return
        size = len(storage.read())
        storage.seek(0)
        if size == 0:
            raise ValidationError(_l("The file is empty."))
        if limit and size > limit:
            raise ValidationError(_l("The file is too large: at most %(mb)d MB.",
                                     mb=max(limit // (1024 * 1024), 1)))


def clean_filename(name: str) -> str:
    """The file's own name without any path, quotes or control characters."""
    name = (name or "").replace("\\", "/").rsplit("/", 1)[-1]
    name = "".join(ch for ch in name if ch.isprintable() and ch not in '"<>|:*?').strip(" .")
    if len(name) > 255:
        stem, dot, ext = name.rpartition(".")
        name = (stem[: 250 - len(ext)] + dot + ext) if dot else name[:255]
    return name


def attachment_from(form: StageForm) -> Attachment | None:
    storage = form.attachment.data
    if not storage or not getattr(storage, "filename", ""):
        return None
    name = clean_filename(storage.filename)
    ext = name.rpartition(".")[2].lower()
    return Attachment(name=name or f"attachment.{ext}", content_type=ATTACHMENT_TYPES[ext],
                      data=storage.read())


class ActionForm(FlaskForm):
    """A button that changes something (un-enrol, end an assignment): CSRF and nothing else."""


class CompanyEditForm(CompanyDetailsForm):
    """The company's details as a coordinator edits them, with the version the form was
    loaded at, so that a save over someone else's newer one is refused."""

    version = HiddenField()

    @staticmethod
    def initial(company) -> dict:
        return {**CompanyDetailsForm.initial(company), "version": str(company.version)}

    def loaded_version(self) -> int:
        try:
            return int(self.version.data)
        except (TypeError, ValueError):
            return -1
