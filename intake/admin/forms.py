"""Forms of the admin pages: a staff login, the programme's targets, the audit log's filter."""

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import DateField, EmailField, PasswordField, RadioField, SelectField, StringField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import NumberRange, Optional, ValidationError

from intake.forms.fields import (
    WholeNumberField,
    email_address,
    max_length,
    password_length,
    plausible_date,
    required,
)
from intake.models import Role
from intake.reports import DEFAULT_TARGETS, INDICATOR_LABELS

ROLE_LABELS = {
    Role.COORDINATOR.value: _l("Coordinator"),
    Role.ADMIN.value: _l("Admin (also manages logins, targets and reads the audit log)"),
}


class StaffUserForm(FlaskForm):
    email = EmailField(_l("E-mail address"),
                       validators=[required(), email_address(), max_length(254)])
    name = StringField(_l("Name"), validators=[required(), max_length(200)])
    role = RadioField(_l("Role"), choices=[SelectChoice(k, v) for k, v in ROLE_LABELS.items()],
                      default=Role.COORDINATOR.value, validators=[required()])
    password = PasswordField(
        _l("Password"), validators=[required(), password_length()],
        description=_l("At least 10 characters. Give it to the person in a safe way; they can "
                       "change it with “Forgot your password?”."),
    )


class AuditFilterForm(FlaskForm):
    """A GET filter over the audit log; choices are filled in by the view."""

    class Meta:
        csrf = False

    user = SelectField(_l("Who"), validators=[Optional()], validate_choice=False)
    action = SelectField(_l("Action"), validators=[Optional()], validate_choice=False)
    start = DateField(_l("From"), validators=[Optional(), plausible_date])
    end = DateField(_l("To"), validators=[Optional(), plausible_date])

    def validate_end(self, field) -> None:
        if field.data and self.start.data and field.data < self.start.data:
            raise ValidationError(_l("The end date must be on or after the start date."))

    def validate_user(self, field) -> None:
        if field.data and field.data not in {choice.value for choice in field.choices}:
            raise ValidationError(_l("Choose a person from the list."))

    def validate_action(self, field) -> None:
        # Only actions in the log can be asked for: odd bytes never reach the database.
        if field.data and field.data not in {choice.value for choice in field.choices}:
            raise ValidationError(_l("Choose an action from the list."))


def _target_field(key: str):
    validators = [Optional()] if DEFAULT_TARGETS[key] is None else [required()]
    validators.append(NumberRange(min=0, max=100_000,
                                  message=_l("Enter a whole number, 0 or more.")))
    hint = (_l("Leave empty for no target.") if DEFAULT_TARGETS[key] is None
            else _l("Default: %(value)d.", value=DEFAULT_TARGETS[key]))
    return WholeNumberField(INDICATOR_LABELS[key], validators=validators, description=hint)


class TargetsForm(FlaskForm):
    """One whole number per indicator; keys with a default cannot be left empty."""

    participating_companies = _target_field("participating_companies")
    participating_companies_22 = _target_field("participating_companies_22")
    participating_companies_23 = _target_field("participating_companies_23")
    workshop_series = _target_field("workshop_series")
    deep_analyses = _target_field("deep_analyses")
    action_plans = _target_field("action_plans")
    mapping_interviews = _target_field("mapping_interviews")
    consultant_support = _target_field("consultant_support")

    def values(self) -> dict[str, int | None]:
        return {key: self[key].data for key in DEFAULT_TARGETS}
