"""Swedish first, English on request: which language a request is served in, and helpers."""

from datetime import UTC, datetime
from functools import cache

from babel import Locale, dates
from flask import Flask, current_app, g, has_request_context, request, session
from flask_babel import (
    format_date,
    format_datetime,
    format_decimal,
    get_locale,
    get_timezone,
    get_translations,
)
from jinja2.nodes import EvalContext
from jinja2.runtime import Context
from jinja2.utils import pass_context
from markupsafe import Markup

SESSION_KEY = "lang"


def select_locale() -> str:
    """An explicit choice (the switch) wins, then the browser's preference, then Swedish."""
    languages = current_app.config["LANGUAGES"]
    if not has_request_context():  # a CLI command or an e-mail rendered outside a request
        return current_app.config["BABEL_DEFAULT_LOCALE"]
    chosen = session.get(SESSION_KEY)
    if chosen in languages:
        return chosen
    return request.accept_languages.best_match(languages) or languages[0]


def request_locale() -> Locale:
    """`select_locale`'s choice as a babel Locale, parsed once per language for the process:
    Flask-Babel parses a selector's string into a new Locale on every request."""
    return _parsed(select_locale())


@cache
def _parsed(tag: str) -> Locale:
    return Locale.parse(tag)


def current_language() -> str:
    return str(get_locale() or current_app.config["BABEL_DEFAULT_LOCALE"])


def localized(texts: dict | None, lang: str | None = None) -> str:
    """Pick a text of a {"sv": ..., "en": ...} mapping, falling back to Swedish."""
    if not texts:
        return ""
    lang = lang or current_language()
    return texts.get(lang) or texts.get("sv") or next(iter(texts.values()), "")


@pass_context
def _localized_filter(context: Context, texts: dict | None) -> str:
    """`localized` in a template: the page's language is in its context (`current_lang`),
    looked up once per page rather than once per text; a macro imported without the page's
    context looks it up."""
    return localized(texts, context.get("current_lang"))


def date_formatter():
    """`format_date` for the many dates of one page, writing exactly what it writes.

    Flask-Babel looks up the language, the time zone and the pattern again for every date (most
    of a date's cost); here they are looked up once, and a day already written is not written
    again. A date-time is the day it is in the reader's time zone, as `format_date` makes it.
    """
    from flask_babel import _get_format  # the pattern `format_date` itself uses

    locale, zone, pattern = get_locale(), get_timezone(), _get_format("date", None)
    written: dict = {}

    def format_day(value) -> str:
        if isinstance(value, datetime):
            aware = value if value.tzinfo else value.replace(tzinfo=UTC)
            value = zone.normalize(aware.astimezone(zone)).date()
        if value not in written:
            written[value] = dates.format_date(value, pattern, locale=locale)
        return written[value]

    return format_day


def format_eur(value) -> str:
    """An amount in euro with two decimals, written the way the reader's language writes them."""
    return format_decimal(value or 0, format="#,##0.00")


def _page_translations():
    """The request's translations, looked up once per request rather than once per text.

    Flask-Babel resolves the domain, the locale and the catalogue for each text, and a page
    has forty-odd. Keyed on the locale object, so a language switched within the request
    (`flask_babel.refresh`, `force_locale`) is followed at once.
    """
    locale = get_locale()
    cached = g.get("_page_translations")
    if cached is None or cached[0] is not locale:
        cached = g._page_translations = (locale, get_translations())
    return cached[1]


def _translations_of(context: Context):
    """The translations the page was rendered with (see `language_context`), or, in a macro
    imported without the page's context, the request's."""
    return context.get("page_translations") or _page_translations()


def _as_jinja_writes(eval_ctx: EvalContext, text: str, variables: dict):
    """A translation as Jinja's new-style gettext returns it: markup-safe where the template
    escapes, and always a format string (`%%` is a percent sign, a name is escaped)."""
    if eval_ctx.autoescape:
        text = Markup(text)
    return text % variables if variables or "%" in text else text


@pass_context
def _gettext(context: Context, string: str, **variables):
    return _as_jinja_writes(context.eval_ctx, _translations_of(context).ugettext(string),
                            variables)


@pass_context
def _ngettext(context: Context, singular: str, plural: str, num: int, **variables):
    variables.setdefault("num", num)
    return _as_jinja_writes(context.eval_ctx,
                            _translations_of(context).ungettext(singular, plural, num), variables)


@pass_context
def _pgettext(context: Context, msgctxt: str, string: str, **variables):
    variables.setdefault("context", msgctxt)
    return _as_jinja_writes(context.eval_ctx,
                            _translations_of(context).upgettext(msgctxt, string), variables)


@pass_context
def _npgettext(context: Context, msgctxt: str, singular: str, plural: str, num: int,
               **variables):
    variables.setdefault("context", msgctxt)
    variables.setdefault("num", num)
    return _as_jinja_writes(
        context.eval_ctx, _translations_of(context).unpgettext(msgctxt, singular, plural, num),
        variables)


def install(app: Flask) -> None:
    # Jinja's own new-style callables (`install_gettext_callables`) pass through three context
    # calls per text (`_` resolves `gettext`, which calls the function): a tenth of a
    # questionnaire step. These do what they do in one, and `_` is `gettext` itself.
    app.jinja_env.newstyle_gettext = True
    app.jinja_env.globals.update(_=_gettext, gettext=_gettext, ngettext=_ngettext,
                                 pgettext=_pgettext, npgettext=_npgettext)
    app.jinja_env.filters.update(
        localized=_localized_filter, format_date=format_date, format_datetime=format_datetime,
        format_number=format_decimal, eur=format_eur,
    )

    @app.context_processor
    def language_context():
        lang = current_language()
        other = "en" if lang == "sv" else "sv"
        return {"current_lang": lang, "other_lang": other,
                "page_translations": _page_translations()}
