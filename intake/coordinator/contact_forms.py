"""Forms for the contact log and the next steps of a company. They query nothing: the view
hands the next-step form the staff logins to choose an owner from."""

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import SelectField, StringField, TextAreaField
from wtforms.validators import ValidationError

from intake.forms.fields import IsoDateField, max_length, plausible_date, required
from intake.labels import CONTACT_KIND


def _check_choice(field, message) -> None:
    if not field.data or field.data not in {str(value) for value, _label in field.choices}:
        raise ValidationError(message)


class NoteForm(FlaskForm):
    kind = SelectField(_l("Kind of contact"), validators=[required()], validate_choice=False)
    occurred_on = IsoDateField(_l("Date"), validators=[required(), plausible_date],
                               parse_message=_l("Enter a real date, such as 2026-03-15."))
    text = TextAreaField(_l("What was said or agreed"),
                         validators=[required(), max_length(5000)])

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.kind.choices = [("", _l("Choose the kind of contact"))] + list(CONTACT_KIND.items())

    def validate_kind(self, field) -> None:
        _check_choice(field, _l("Choose the kind of contact from the list."))


class NextStepForm(FlaskForm):
    text = StringField(_l("Next step"), validators=[required(), max_length(300)],
                       description=_l("What is to be done, such as “Call about the deep "
                                      "analysis”."))
    owner = SelectField(_l("Owner"), validators=[required()], validate_choice=False)
    due_on = IsoDateField(_l("Due"), validators=[required(), plausible_date],
                          parse_message=_l("Enter a real date, such as 2026-03-15."))

    def __init__(self, *args, owners=(), **kwargs):
        """`owners`: the staff logins a step can be given to, as (id, name) pairs."""
        super().__init__(*args, **kwargs)
        self.owner.choices = [("", _l("Choose an owner"))] + [
            (str(uid), name) for uid, name in owners]

    def validate_owner(self, field) -> None:
        _check_choice(field, _l("Choose an owner from the list."))
