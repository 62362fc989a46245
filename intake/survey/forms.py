"""The survey's form, generated from its data: one field per question, by a registry of types.

Every field is optional to the form itself: a draft keeps whatever was answered. On submit,
`missing_required` says next to each required question that it needs an answer. Values outside
a question's choices or ranges are refused next to the field, with the other answers kept.
"""

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import RadioField, SelectMultipleField, TextAreaField
from wtforms.validators import NumberRange, Optional, ValidationError
from wtforms.widgets import CheckboxInput, ListWidget, TextInput

from intake.forms.fields import WholeNumberField, choices, max_length
from intake.i18n import localized

AMOUNT_MAX = 10_000_000_000  # ten billion kronor: beyond any company in the programme
LEVELS = ("1", "2", "3", "4", "5")


class CheckboxesField(SelectMultipleField):
    widget = ListWidget(prefix_label=False)
    option_widget = CheckboxInput()


def _scale(question, lang: str, low: int, high: int) -> RadioField:
    labels = {low: localized(question.low, lang), high: localized(question.high, lang)}
    pairs = [(str(n), f"{n} – {labels[n]}" if n in labels else str(n))
             for n in range(low, high + 1)]
    return RadioField(localized(question.text, lang), choices=choices(pairs),
                      validators=[Optional()])


def _choice(question, lang: str) -> RadioField:
    return RadioField(localized(question.text, lang),
                      choices=choices((o.key, localized(o.text, lang)) for o in question.options),
                      validators=[Optional()])


def _actions(question, lang: str) -> CheckboxesField:
    return CheckboxesField(
        localized(question.text, lang),
        choices=choices((o.key, localized(o.text, lang)) for o in question.options),
        description=localized(question.hint, lang) if question.hint else "",
        validators=[Optional(), _nothing_alone])


def _nothing_alone(form, field) -> None:
    if "nothing" in (field.data or []) and len(field.data) > 1:
        raise ValidationError(_l("“Nothing yet” cannot be chosen together with an action."))


def _text(question, lang: str) -> TextAreaField:
    return TextAreaField(localized(question.text, lang),
                         validators=[Optional(), max_length(question.limit)])


# The registry: a question type -> the field that asks it.
FIELDS = {
    "rating": lambda q, lang: _scale(q, lang, 1, 5),
    "recommend": lambda q, lang: _scale(q, lang, 0, 10),
    "choice": _choice,
    "actions": _actions,
    "text": _text,
}


def level_field_name(area_key: str, statement_key: str) -> str:
    return f"level_{area_key}__{statement_key}"


def make_survey_form(survey, lang: str, questionnaire=None, areas=(), data=None) -> FlaskForm:
    """The form for `survey` in `lang`; with the re-assessment's `areas` of `questionnaire`,
    one 1–5 radio group per maturity statement, worded as in the questionnaire."""

    class SurveyForm(FlaskForm):
        pass

    for question in survey.questions:
        setattr(SurveyForm, question.key, FIELDS[question.type](question, lang))
        if question.type == "actions":
            # Text, not a number input: "250 000" is how an amount is written in Swedish.
            SurveyForm.investment_sek = WholeNumberField(
                localized(question.amount, lang), widget=TextInput(),
                validators=[Optional(), NumberRange(min=0, max=AMOUNT_MAX, message=_l(
                    "Enter an amount between 0 and %(max)s kronor.", max="10 000 000 000"))])
    for area in areas:
        for statement in area.statements:
            setattr(SurveyForm, level_field_name(area.key, statement.key), RadioField(
                localized(statement.text, lang),
                choices=choices((n, f"{n} – {localized(statement.levels[n], lang)}")
                                for n in LEVELS),
                validators=[Optional()]))
    return SurveyForm(data=data)


def missing_required(form, survey) -> bool:
    """Say next to each unanswered required question that it needs an answer; True if any."""
    missing = False
    for question in survey.questions:
        field = form[question.key]
        if question.required and field.data in (None, "", []) and not field.errors:
            field.errors = [*field.errors, _l("Please answer this question.")]
            missing = True
    return missing


def answers_from(form, survey) -> dict:
    """The answers as stored: numbers as numbers, choices by key, texts stripped."""
    answers = {}
    for question in survey.questions:
        value = form[question.key].data
        if question.type in ("rating", "recommend") and value not in (None, ""):
            answers[question.key] = int(value)
        elif question.type == "choice" and value:
            answers[question.key] = value
        elif question.type == "actions":
            answers[question.key] = list(value or [])
            if "investment" in answers[question.key] and form.investment_sek.data is not None:
                answers["investment_sek"] = form.investment_sek.data
        elif question.type == "text" and (value or "").strip():
            answers[question.key] = value.strip()
    return answers


def levels_from(form, areas) -> dict:
    levels = {}
    for area in areas:
        for statement in area.statements:
            value = form[level_field_name(area.key, statement.key)].data
            if value in LEVELS:
                levels.setdefault(area.key, {})[statement.key] = int(value)
    return levels


def form_data(answers: dict, levels: dict | None) -> dict:
    """A stored draft as the form's initial data."""
    data = {}
    for key, value in (answers or {}).items():
        data[key] = value if isinstance(value, list) else (
            value if key == "investment_sek" else str(value))
    for area_key, statements in (levels or {}).items():
        for statement_key, level in statements.items():
            data[level_field_name(area_key, statement_key)] = str(level)
    return data
