"""The company's details and its contact: registered by the company, edited by a coordinator."""

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import EmailField, RadioField, SelectField, StringField, TelField
from wtforms.validators import NumberRange, Optional, Regexp, ValidationError

from intake.forms import choices as company_choices
from intake.forms.fields import (
    WholeNumberField,
    choices,
    email_address,
    max_length,
    required,
)
from intake.operations.registration import CompanyDetails


class CompanyDetailsForm(FlaskForm):
    """What describes the company and its contact; shared by registration and editing."""

    name = StringField(_l("Company name"), validators=[required(), max_length(200)])
    sni_division = SelectField(_l("Industry (SNI 2007 division)"), validators=[required()],
                               validate_choice=True)
    county = SelectField(_l("County"), validators=[required()])
    municipality = StringField(_l("Municipality"), validators=[required(), max_length(100)])
    employees = WholeNumberField(
        _l("Number of employees"),
        validators=[required(), NumberRange(min=0, max=1_000_000,
                                            message=_l("Enter a whole number, 0 or more."))],
    )
    turnover_band = SelectField(_l("Annual turnover"), validators=[required()])
    # Nothing is chosen until the company chooses: the question may be left blank.
    leadership = RadioField(_l("Is the company led by women, men or both? (optional)"),
                            validators=[Optional()])
    contact_name = StringField(_l("Contact person's name"),
                               validators=[required(), max_length(200)])
    contact_role = StringField(_l("Role at the company"), validators=[required(),
                                                                       max_length(200)])
    contact_email = EmailField(_l("E-mail address"),
                               validators=[required(), email_address(), max_length(254)])
    contact_phone = TelField(
        _l("Phone number"),
        validators=[required(), max_length(40),
                    Regexp(r"^\+?[0-9 ()-]{6,40}$",
                           message=_l("Enter a phone number, such as 070-123 45 67."))],
    )
    de_minimis_received = RadioField(
        _l("Has the company received de minimis aid in this or the two previous fiscal years?"),
        choices=choices([("no", _l("No")), ("yes", _l("Yes"))]),
        validators=[required()],
    )
    de_minimis_amount_eur = WholeNumberField(
        _l("If yes: total amount received, in euro"),
        validators=[Optional(), NumberRange(
            min=0, max=100_000_000, message=_l("Enter a whole number of euro, 0 or more."))],
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.sni_division.choices = company_choices.sni_choices()
        self.county.choices = company_choices.county_choices()
        self.turnover_band.choices = company_choices.turnover_choices()
        self.leadership.choices = company_choices.leadership_choices()
        # The question is long; the error summary names it by this.
        self.de_minimis_received.summary_label = _l("De minimis aid received")

    @staticmethod
    def initial(company) -> dict:
        """The stored details as the form's data. Not `obj=company`: WTForms would prefer the
        model's attributes (a bool for the yes/no radio) over these form values."""
        return {
            "name": company.name, "sni_division": company.sni_division,
            "county": company.county_code, "municipality": company.municipality,
            "employees": company.employees, "turnover_band": company.turnover_band,
            "leadership": company.leadership, "contact_name": company.contact_name,
            "contact_role": company.contact_role, "contact_email": company.contact_email,
            "contact_phone": company.contact_phone,
            "de_minimis_received": "yes" if company.de_minimis_received else "no",
            "de_minimis_amount_eur": company.de_minimis_amount_eur,
        }

    def details(self) -> CompanyDetails:
        return CompanyDetails(
            name=self.name.data, sni_division=self.sni_division.data, county=self.county.data,
            municipality=self.municipality.data, employees=self.employees.data,
            turnover_band=self.turnover_band.data, leadership=self.leadership.data or None,
            contact_name=self.contact_name.data, contact_role=self.contact_role.data,
            contact_email=self.contact_email.data, contact_phone=self.contact_phone.data,
            de_minimis_received=self.de_minimis_received.data == "yes",
            de_minimis_amount_eur=self.de_minimis_amount_eur.data or 0,
        )

    def validate(self, extra_validators=None) -> bool:
        valid = super().validate(extra_validators)
        # Optional() ends the field's own chain when empty, so the cross-field rule lives here.
        amount = self.de_minimis_amount_eur
        if self.de_minimis_received.data == "yes" and amount.data is None and not amount.errors:
            amount.errors = [*amount.errors, _l("Enter the amount received, in euro.")]
            return False
        return valid

    def validate_sni_division(self, field) -> None:
        if not field.data:
            raise ValidationError(_l("Choose the company's industry."))

    def validate_county(self, field) -> None:
        if not field.data:
            raise ValidationError(_l("Choose the county."))

    def validate_turnover_band(self, field) -> None:
        if not field.data:
            raise ValidationError(_l("Choose the turnover."))
