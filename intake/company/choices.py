"""Choice lists for the company forms, in the user's language."""

from flask_babel import lazy_gettext as _l

from intake import reference
from intake.i18n import current_language
from intake.web.fields import choices

TURNOVER_BANDS = {
    "under_20": _l("Under SEK 20 million"),
    "20_100": _l("SEK 20–100 million"),
    "100_500": _l("SEK 100–500 million"),
    "over_500": _l("Over SEK 500 million"),
}

LEADERSHIP = {
    "women": _l("Mainly women"),
    "men": _l("Mainly men"),
    "mixed": _l("Both women and men"),
}


def county_choices():
    lang = current_language()
    return choices([("", _l("Choose county"))] + [
        (c["code"], f'{c["en"] if lang == "en" else c["sv"]} ({c["code"]})')
        for c in reference.counties()
    ])


def sni_choices():
    lang = current_language()
    return choices([("", _l("Choose industry"))] + [
        (d["code"], f'{d["code"]} – {d["en"] if lang == "en" else d["sv"]}')
        for d in reference.sni_divisions()
    ])


def turnover_choices():
    return choices([("", _l("Choose turnover")), *TURNOVER_BANDS.items()])


def leadership_choices():
    return choices([*LEADERSHIP.items(), ("", _l("Prefer not to say"))])
