"""A WTForms form for one area of the questionnaire, generated from the questionnaire's data."""

from flask_wtf import FlaskForm
from wtforms import RadioField, TextAreaField
from wtforms.validators import Optional

from intake.forms.fields import choices, max_length
from intake.i18n import localized

LEVELS = ("1", "2", "3", "4", "5")
TEXT_LIMIT = 5000


def statement_field_name(key: str) -> str:
    return f"statement_{key}"


def make_area_form(questionnaire, area, lang: str, data=None) -> FlaskForm:
    """A form with one 1–5 radio group per statement, the priority and the free text.

    Every field is optional: a step is saved as a draft however far the company got; the
    review page says what is missing before submit.
    """
    key = (id(questionnaire), area.key, lang)
    cached = _FORM_CLASSES.get(key)
    if cached is None or cached[0] is not questionnaire:
        if len(_FORM_CLASSES) > 256:
            _FORM_CLASSES.clear()
        cached = _FORM_CLASSES[key] = (questionnaire, _area_form_class(questionnaire, area, lang))
    return cached[1](data=data)


# (questionnaire, class) per (id(questionnaire), area, language): a questionnaire is immutable
# data, so its form classes are built once per process; building one was a tenth of a step's
# time. The questionnaire is kept with its class so that its id cannot be reused meanwhile.
_FORM_CLASSES: dict = {}


def _area_form_class(questionnaire, area, lang: str) -> type[FlaskForm]:
    class AreaForm(FlaskForm):
        pass

    for statement in area.statements:
        setattr(AreaForm, statement_field_name(statement.key), RadioField(
            localized(statement.text, lang),
            choices=choices((n, f"{n} – {localized(statement.levels[n], lang)}") for n in LEVELS),
            validators=[Optional()],
        ))
    AreaForm.priority = RadioField(
        localized(area.priority_question, lang),
        choices=choices((n, f"{n} – {localized(questionnaire.priority_scale[n], lang)}")
                        for n in LEVELS),
        validators=[Optional()],
    )
    # The limit is shown by the field's counter (templates/_macros/forms.html).
    AreaForm.text = TextAreaField(localized(area.text_prompt, lang),
                                  validators=[Optional(), max_length(TEXT_LIMIT)])
    return AreaForm


def form_data_for(answer) -> dict:
    """What a stored answer looks like as the form's initial data."""
    if answer is None:
        return {}
    data = {statement_field_name(k): str(v) for k, v in answer.levels.items()}
    data["priority"] = str(answer.priority) if answer.priority else None
    data["text"] = answer.text
    return data


def answers_from(form, area) -> tuple[dict[str, int], int | None, str]:
    levels = {}
    for statement in area.statements:
        value = getattr(form, statement_field_name(statement.key)).data
        if value in LEVELS:
            levels[statement.key] = int(value)
    priority = int(form.priority.data) if form.priority.data in LEVELS else None
    return levels, priority, form.text.data or ""
