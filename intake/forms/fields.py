"""Fields and validators shared by several forms, with messages in the user's language.

Every typed field here replaces WTForms' English parse error with our own translated one, and a
value that cannot be parsed stops that field's validation: the user reads one message saying
what to type, not a second one about a range the value never reached.
"""

import re
from decimal import Decimal, InvalidOperation

from flask_babel import lazy_gettext as _l
from markupsafe import Markup, escape
from wtforms import DateField, DecimalField, IntegerField, SelectChoice
from wtforms import SelectField as _SelectField
from wtforms.validators import Email, InputRequired, Length, StopValidation, ValidationError
from wtforms.widgets import Select, TextInput

PASSWORD_MIN_LENGTH = 10
FIRST_YEAR, LAST_YEAR = 1990, 2100


def required():
    return InputRequired(message=_l("This field is required."))


def email_address():
    return Email(message=_l("Enter a valid e-mail address, such as name@company.se."),
                 check_deliverability=False)


def login_address(form, field) -> None:
    """Any address a login can have: only an "@" is asked for.

    Logins are made in several ways (registration, an admin, the CLI, the demo loader with
    `.invalid` addresses), and email_validator refuses special-use domains, so the login and
    reset forms must not be stricter than the loosest of them. A typing mistake simply fails.
    """
    if "@" not in (field.data or ""):
        raise ValidationError(_l("Enter the e-mail address you log in with, such as "
                                 "name@company.se."))


def password_length():
    return Length(min=PASSWORD_MIN_LENGTH, max=200,
                  message=_l("The password must be at least %(min)d characters long.",
                             min=PASSWORD_MIN_LENGTH))


def max_length(limit: int):
    return Length(max=limit, message=_l("At most %(max)d characters.", max=limit))


def plausible_date(form, field) -> None:
    """Keep dates where date arithmetic (a ledger's three years back, a day forward) is safe."""
    if field.data and not FIRST_YEAR <= field.data.year <= LAST_YEAR:
        raise ValidationError(_l("Enter a date between the years %(first)d and %(last)d.",
                                 first=FIRST_YEAR, last=LAST_YEAR))


def choices(pairs) -> list[SelectChoice]:
    """(value, label) pairs as the option objects WTForms wants for select and radio fields."""
    return [SelectChoice(value, label) for value, label in pairs]


class _StopOnParseError:
    """A typed field whose parse error ends its validation (see the module docstring)."""

    def pre_validate(self, form):
        # An empty optional field is left to `Optional`, which clears the parse error.
        if self.process_errors and self.raw_data and str(self.raw_data[0]).strip():
            raise StopValidation()


class WholeNumberField(_StopOnParseError, IntegerField):
    """A whole number typed as digits (spaces allowed: "1 500"), at most 15 of them.

    WTForms' own field accepts any length, and NumberRange then overflows comparing a
    300-digit number as a float: a 500 instead of a message next to the field.
    """

    parse_message = _l("Enter a whole number, such as 12.")

    def process_formdata(self, valuelist):
        if not valuelist:
            return
        raw = str(valuelist[0]).replace(" ", "").replace("\u00a0", "")
        if raw == "":
            self.data = None
            return
        if not re.fullmatch(r"-?[0-9]{1,15}", raw):
            self.data = None
            raise ValueError(self.parse_message)
        self.data = int(raw)


class IsoDateField(_StopOnParseError, DateField):
    """A date as a date input sends it (YYYY-MM-DD), with our own message when it is not one."""

    def __init__(self, *args, parse_message=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.parse_message = parse_message or _l(
            "Enter a date as YYYY-MM-DD, such as 2027-03-01.")

    def process_formdata(self, valuelist):
        try:
            super().process_formdata(valuelist)
        except ValueError:
            raise ValueError(self.parse_message) from None


class EuroField(DecimalField):
    """An amount in euro with at most two decimals; spaces and a decimal comma are fine.

    A text input, not type=number: a number input would refuse "1 500,50" in some browsers and
    send nothing, and the user would not see what they typed.
    """

    widget = TextInput()

    def process_formdata(self, valuelist):
        if not valuelist or not valuelist[0].strip():
            self.data = None
            return
        raw = valuelist[0].replace("\u00a0", "").replace(" ", "").replace(",", ".")
        try:
            value = Decimal(raw)
        except InvalidOperation:
            self.data = None
            raise ValueError(_l("Enter an amount in euro, such as 1500 or 1500,50.")) from None
        if not value.is_finite() or value != value.quantize(Decimal("0.01")):
            self.data = None
            raise ValueError(_l("Enter an amount in euro with at most two decimals."))
        self.data = value


class PlainOptionsSelect(Select):
    """WTForms' select, writing each plain option (no extra attributes) itself, in exactly
    the markup WTForms writes: the inbox's filter and bulk forms have about a hundred options,
    and the generic attribute writer was a tenth of the page's time (docs/performance.md)."""

    @classmethod
    def render_option(cls, choice, **kwargs):
        if kwargs or choice.render_kw:
            return super().render_option(choice, **kwargs)
        value = str(choice.value) if isinstance(choice.value, bool) else choice.value
        selected = "selected " if choice.selected else ""
        return Markup(f'<option {selected}value="{escape(value)}">{_label(choice)}</option>')


def _label(choice) -> Markup:
    """A choice's label, escaped; a lazy translation is translated once (testing it for
    emptiness and escaping it each translated it again: a hundred translations an inbox page)."""
    label = choice.label
    if label is not None and not isinstance(label, str):
        label = str(label)
    return escape(label or choice.value)


def radio_inputs(field, skip=()) -> Markup:
    """A radio field's inputs and labels, each in a `div.radio`, in exactly the markup WTForms'
    own widget writes for the inputs (attributes in its order); `skip` leaves out options by
    value, and the others keep their ids, so that an error's link still finds them.

    Written here rather than by the widget (a quarter of a questionnaire step's time) or a
    template loop (still 7%): docs/performance.md. Tests hold the markup to the widget's.
    """
    name, base = escape(field.name), escape(field.id)
    required = "required " if field.flags.required else ""
    rows = []
    for index, choice in enumerate(field.iter_choices()):
        if choice.value in skip:
            continue
        checked = "checked " if choice.selected else ""
        label = _label(choice)
        rows.append(
            f'<div class="radio"><input {checked}id="{base}-{index}" name="{name}" {required}'
            f'type="radio" value="{escape(choice.value)}"> '
            f'<label for="{base}-{index}">{label}</label></div>')
    return Markup("\n".join(rows))


class SelectField(_SelectField):
    """A select list drawn by `PlainOptionsSelect`."""

    widget = PlainOptionsSelect()
