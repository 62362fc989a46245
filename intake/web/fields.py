"""Validators shared by several forms, with messages in the user's language."""

from flask_babel import lazy_gettext as _l
from wtforms import SelectChoice
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
