"""Forms for a workshop series' page: its sessions, attendance and the mail to all booked."""

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import StringField, TextAreaField

from intake.forms.fields import IsoDateField, max_length, plausible_date, required


class SessionForm(FlaskForm):
    held_on = IsoDateField(_l("Date"), validators=[required(), plausible_date],
                           parse_message=_l("Enter a real date, such as 2026-03-15."))
    title = StringField(_l("Theme"), validators=[max_length(200)])


class SeriesMailForm(FlaskForm):
    subject = StringField(_l("Subject"), validators=[required(), max_length(200)])
    body = TextAreaField(_l("Message"), validators=[required(), max_length(10000)],
                         description=_l("Each company gets its own e-mail, with a greeting, the "
                                        "series' dates and a link to its status page in its "
                                        "own language around your text."))
