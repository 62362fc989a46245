"""The company's own forms: registration and erasure. The details part is shared with the
coordinators (`intake.forms.company_details`); the questionnaire's form is generated from the
questionnaire's data in `intake.company.questionnaire_form`."""

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import BooleanField, PasswordField, StringField
from wtforms.validators import EqualTo, InputRequired, ValidationError

from intake import orgnr
from intake.forms.company_details import CompanyDetailsForm
from intake.forms.fields import max_length, password_length, required

ORG_NUMBER_MESSAGES = {
    "format": _l("Enter the organisation number as ten digits, for example 556036-0793."),
    "checksum": _l("The organisation number is not valid: check the digits "
                   "(the last digit is a check digit)."),
}


def valid_org_number(form, field) -> None:
    try:
        field.data = orgnr.normalise(field.data or "")
    except orgnr.OrgNumberError as error:
        raise ValidationError(ORG_NUMBER_MESSAGES[error.code]) from None


class RegistrationForm(CompanyDetailsForm):
    org_number = StringField(_l("Organisation number"),
                             validators=[required(), valid_org_number],
                             description=_l("Ten digits, for example 556036-0793."))
    password = PasswordField(_l("Choose a password"), validators=[required(), password_length()],
                             description=_l("At least 10 characters."))
    confirm = PasswordField(
        _l("Repeat the password"),
        validators=[required(), EqualTo("password", message=_l("The passwords do not match."))],
    )
    consent = BooleanField(
        _l("I have read the privacy notice and agree that my contact details are processed "
           "for the programme."),
        validators=[InputRequired(message=_l(
            "You need to agree to the processing of your contact details to register."))],
    )

    # The order of the page (the organisation number after the name): the error summary
    # lists the fields in this order too.
    field_order = (
        "name", "org_number", "sni_division", "county", "municipality", "employees",
        "turnover_band", "leadership", "contact_name", "contact_role", "contact_email",
        "contact_phone", "de_minimis_received", "de_minimis_amount_eur", "password", "confirm",
        "consent",
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        place = {name: i for i, name in enumerate(self.field_order)}
        self._fields = dict(sorted(self._fields.items(), key=lambda kv: place.get(kv[0], -1)))


class EraseForm(FlaskForm):
    password = PasswordField(_l("Your password, to confirm"),
                             validators=[required(), max_length(200)])
