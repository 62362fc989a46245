"""The reports pages' form: the period the dashboard and the workbooks cover."""

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import DateField
from wtforms.validators import Optional, ValidationError

from intake.forms.fields import plausible_date
from intake.reports import Period

DATE_HINT = _l("Leave empty for no limit.")


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
