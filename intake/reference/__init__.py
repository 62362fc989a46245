"""Reference code lists: Swedish counties (länskoder) and SNI 2007 divisions.

The lists are shipped as JSON next to this module and read once with importlib.resources,
so they work from a wheel or a zip as well as from a checkout. Callers get fresh copies:
the cached originals cannot be mutated by accident.
"""

import json
from functools import cache
from importlib.resources import files

__all__ = [
    "counties",
    "county_name",
    "is_county",
    "sni_divisions",
    "sni_name",
    "is_sni_division",
]


@cache
def _load(filename: str) -> tuple[dict, ...]:
    raw = files(__name__).joinpath(filename).read_text(encoding="utf-8")
    return tuple(json.loads(raw))


@cache
def _index(filename: str) -> dict[str, dict]:
    return {row["code"]: row for row in _load(filename)}


def _name(filename: str, code: str, lang: str) -> str:
    try:
        row = _index(filename)[code]
    except (KeyError, TypeError):
        raise KeyError(f"unknown code {code!r} in {filename}") from None
    # Swedish is the programme's language; any language we do not carry falls back to it.
    return row["en"] if lang == "en" else row["sv"]


def counties() -> list[dict]:
    """All 21 Swedish counties in code order: ``{"code", "sv", "en"}``."""
    return [dict(row) for row in _load("counties.json")]


def county_name(code: str, lang: str = "sv") -> str:
    """The county's name in ``lang`` ("sv" or "en"; others fall back to "sv").

    Raises KeyError for a code that is not a county.
    """
    return _name("counties.json", code, lang)


def is_county(code: object) -> bool:
    """True for a two-digit county code given as a string, e.g. "22"."""
    return isinstance(code, str) and code in _index("counties.json")


def sni_divisions() -> list[dict]:
    """All 88 SNI 2007 divisions in code order: ``{"code", "section", "sv", "en"}``."""
    return [dict(row) for row in _load("sni2007.json")]


def sni_name(code: str, lang: str = "sv") -> str:
    """The division's name in ``lang`` ("sv" or "en"; others fall back to "sv").

    Raises KeyError for a code that is not an SNI 2007 division.
    """
    return _name("sni2007.json", code, lang)


def is_sni_division(code: object) -> bool:
    """True for a two-digit SNI 2007 division given as a string, e.g. "25"."""
    return isinstance(code, str) and code in _index("sni2007.json")
