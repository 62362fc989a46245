"""Swedish first, English on request: which language a request is served in, and helpers."""

from datetime import UTC, datetime

from babel import dates
from flask import Flask, current_app, g, has_request_context, request, session
from flask_babel import (
    format_date,
    format_datetime,
    format_decimal,
    get_locale,
    get_timezone,
    get_translations,
)

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


def current_language() -> str:
    return str(get_locale() or current_app.config["BABEL_DEFAULT_LOCALE"])


def localized(texts: dict | None, lang: str | None = None) -> str:
    """Pick a text of a {"sv": ..., "en": ...} mapping, falling back to Swedish."""
    if not texts:
        return ""
    lang = lang or current_language()
    return texts.get(lang) or texts.get("sv") or next(iter(texts.values()), "")


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
    """The request's translations, looked up once per page rather than once per text.

    Flask-Babel's template callables resolve the domain, the locale and the catalogue for
    each of the forty-odd texts of a page, which was a tenth of a questionnaire step's time.
    Keyed on the locale object, so a language switched within the request
    (`flask_babel.refresh`) is followed at once.
    """
    locale = get_locale()
    cached = g.get("_page_translations")
    if cached is None or cached[0] is not locale:
        cached = g._page_translations = (locale, get_translations())
    return cached[1]


def install(app: Flask) -> None:
    app.jinja_env.install_gettext_callables(
        gettext=lambda s: _page_translations().ugettext(s),
        ngettext=lambda s, p, n: _page_translations().ungettext(s, p, n),
        pgettext=lambda c, s: _page_translations().upgettext(c, s),
        npgettext=lambda c, s, p, n: _page_translations().unpgettext(c, s, p, n),
        newstyle=True,
    )
    app.jinja_env.filters.update(
        localized=localized, format_date=format_date, format_datetime=format_datetime,
        format_number=format_decimal, eur=format_eur,
    )

    @app.context_processor
    def language_context():
        lang = current_language()
        other = "en" if lang == "sv" else "sv"
        return {"current_lang": lang, "other_lang": other}
