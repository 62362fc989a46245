"""Validators shared by several forms, with messages in the user's language."""

import re

from flask_babel import lazy_gettext as _l
from wtforms import IntegerField, SelectChoice
from wtforms.validators import Email, InputRequired, Length

PASSWORD_MIN_LENGTH = 10


def required():
    return InputRequired(message=_l("This field is required."))


def email_address():
    return Email(message=_l("Enter a valid e-mail address, such as name@company.se."),
                 check_deliverability=False)


def password_length():
    return Length(min=PASSWORD_MIN_LENGTH, max=200,
                  message=_l("The password must be at least %(min)d characters long.",
                             min=PASSWORD_MIN_LENGTH))


def max_length(limit: int):
    return Length(max=limit, message=_l("At most %(max)d characters.", max=limit))


def choices(pairs) -> list[SelectChoice]:
    """(value, label) pairs as the option objects WTForms wants for select and radio fields."""
    return [SelectChoice(value, label) for value, label in pairs]


class WholeNumberField(IntegerField):
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
