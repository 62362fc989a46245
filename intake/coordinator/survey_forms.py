"""Forms of the coordinator's survey pages: marking a series finished."""

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm

from intake.clock import today
from intake.forms.fields import IsoDateField, plausible_date, required


class FinishSeriesForm(FlaskForm):
    finished_on = IsoDateField(
        _l("Finished on"), validators=[required(), plausible_date],
        description=_l("Each booked company is sent the follow-up survey from this day, and "
                       "the six-month survey with the re-assessment later."))


def finish_form_for(series) -> FinishSeriesForm:
    """The form the `coordinator/series/_finish.html` include expects, filled in."""
    return FinishSeriesForm(formdata=None,
                            data={"finished_on": series.finished_on or today()})
