"""Choice lists for select fields, in the user's language (counties, industries, bands)."""

from flask_babel import lazy_gettext as _l

from intake import reference
from intake.forms.fields import choices
from intake.labels import LEADERSHIP, TURNOVER_BAND, name_of


def county_options() -> list[tuple[str, str]]:
    """Every county as (code, "name (code)"), in code order."""
    return [(c["code"], f'{name_of("county", c["code"])} ({c["code"]})')
            for c in reference.counties()]


def county_choices():
    return choices([("", _l("Choose county")), *county_options()])


def sni_choices():
    return choices([("", _l("Choose industry"))] + [
        (d["code"], f'{d["code"]} – {name_of("sni", d["code"])}')
        for d in reference.sni_divisions()
    ])


def turnover_choices():
    return choices([("", _l("Choose turnover")), *TURNOVER_BAND.items()])


def leadership_choices():
    return choices([*LEADERSHIP.items(), ("", _l("Prefer not to say"))])
