"""Forms of the coordinator's survey pages: marking a series finished."""

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm

from intake.forms.fields import IsoDateField, plausible_date, required


class FinishSeriesForm(FlaskForm):
    finished_on = IsoDateField(
        _l("Finished on"), validators=[required(), plausible_date],
        description=_l("Each booked company is sent the follow-up survey from this day, and "
                       "the six-month survey with the re-assessment later."))
