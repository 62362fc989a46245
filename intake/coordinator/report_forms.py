"""Forms of the reports pages: the period of the dashboard and the admin's targets."""

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import DateField
from wtforms.validators import NumberRange, Optional, ValidationError

from intake.reports import DEFAULT_TARGETS, INDICATOR_LABELS, Period
from intake.web.fields import WholeNumberField, required

DATE_HINT = _l("Leave empty for no limit.")
FIRST_YEAR, LAST_YEAR = 1990, 2100


def plausible_date(form, field) -> None:
    """Keep dates where date arithmetic (a ledger's three years back, a day forward) is safe."""
    if field.data and not FIRST_YEAR <= field.data.year <= LAST_YEAR:
        raise ValidationError(_l("Enter a date between the years %(first)d and %(last)d.",
                                 first=FIRST_YEAR, last=LAST_YEAR))


class PeriodForm(FlaskForm):
    """A GET filter: no CSRF token (it changes nothing), values read from the query string."""

    class Meta:
        csrf = False

    start = DateField(_l("From"), validators=[Optional(), plausible_date],
                      description=DATE_HINT)
    end = DateField(_l("To"), validators=[Optional(), plausible_date], description=DATE_HINT)

    def validate_end(self, field) -> None:
        if field.data and self.start.data and field.data < self.start.data:
            raise ValidationError(_l("The end date must be on or after the start date."))

    def period(self) -> Period:
        """The period asked for; an invalid form means no limit (the errors are shown)."""
        if self.errors:
            return Period()
        return Period(self.start.data, self.end.data)

    def query_args(self) -> dict[str, str]:
        """The period as query-string arguments, for links to the exports."""
        period = self.period()
        return {k: v.isoformat() for k, v in (("start", period.start), ("end", period.end)) if v}


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
