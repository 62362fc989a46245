"""Small checkers shared by the catalogue and profile validators.

Each checker takes the :class:`Report`, the path of the field (for the message) and the value;
it returns the normalised value, or :data:`INVALID` after recording an error. Callers carry on
after an invalid field so that one run reports every problem in the file.
"""

import functools
import json
import re
from datetime import date

from intake import reference
from intake.questionnaire import AREA_KEYS, REQUIRED_AREA_KEYS

from .errors import Report

INVALID = object()  # a checker's "already reported" result
MISSING = object()  # a key that is not in the object

# Limits that keep a hostile or broken file from reaching the database: the column sizes of
# intake/models/catalogue.py, and a generous cap on free text and list lengths.
MAX_CODE = 40
MAX_TITLE = 300
MAX_NAME = 200
MAX_TEXT = 20_000
MAX_ITEMS = 200_000  # per section: room for a national network's 100,000 cases, twice over
MAX_LIST = 100
MAX_EMPLOYEES = 1_000_000
MAX_SEATS = 100_000

_SIMPLE_KEY = re.compile(r"[A-Za-z0-9_\-]{1,60}")
_ISO_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
_CONTROL = re.compile(r"[\x00-\x1f\x7f]")


def checker(func):
    """A MISSING value was already reported by :func:`get`: pass it on as INVALID quietly."""

    @functools.wraps(func)
    def wrapper(report, where, value, *args, **kwargs):
        if value is MISSING or value is INVALID:
            return INVALID
        return func(report, where, value, *args, **kwargs)

    return wrapper


def show(value: object) -> str:
    """A value as it looked in the JSON file, shortened so one message stays one line."""
    try:
        text = json.dumps(value, ensure_ascii=False)
    except (TypeError, ValueError):
        text = repr(value)
    return text if len(text) <= 60 else text[:57] + "..."


def show_key(key: object) -> str:
    """A key for a message path: bare when simple, quoted (and escaped) otherwise."""
    return key if isinstance(key, str) and _SIMPLE_KEY.fullmatch(key) else show(key)


def kind(value: object) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true/false"
    if isinstance(value, (int, float)):
        return "a number"
    if isinstance(value, str):
        return "a string"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "an object"
    return type(value).__name__


def is_int(value: object) -> bool:
    # bool is a subclass of int in Python, but true is not 1 in a catalogue.
    return isinstance(value, int) and not isinstance(value, bool)


@checker
def obj(report: Report, where: str, value: object) -> dict | object:
    if not isinstance(value, dict):
        report.error(where, f"expected an object, got {kind(value)}")
        return INVALID
    return value


def warn_unknown(report: Report, where: str, value: dict, allowed) -> None:
    """Unknown keys inside an object are ignored with a warning (newer optional fields)."""
    for key in value:
        if key not in allowed:
            report.warn(f"{where}.{show_key(key)}", "unknown key, ignored")


def reject_unknown_top_level(report: Report, data: dict, allowed) -> None:
    """Unknown top-level keys are errors: a misspelt section would otherwise vanish silently."""
    for key in data:
        if key not in allowed:
            report.error("top level", f"unknown key {show(key)} (allowed: {', '.join(allowed)})")


def get(report: Report, where: str, value: dict, key: str, required: bool) -> object:
    """``value[key]``, MISSING if absent. An optional key given as null counts as absent.

    ``where`` is the path of ``value``; "" for the top level of the file.
    """
    if key in value and not (value[key] is None and not required):
        return value[key]
    if required:
        report.error(f"{where}.{key}" if where else key, "required field is missing")
    return MISSING


@checker
def string(
    report: Report, where: str, value: object, max_len: int = MAX_TEXT, nonblank: bool = False
) -> str | object:
    if not isinstance(value, str):
        report.error(where, f"expected a string, got {kind(value)}")
        return INVALID
    if len(value) > max_len:
        report.error(where, f"too long: {len(value)} characters (at most {max_len})")
        return INVALID
    if "\x00" in value:
        report.error(where, "contains a NUL character")
        return INVALID
    if nonblank and not value.strip():
        report.error(where, "must not be empty")
        return INVALID
    return value


def is_code(value: object) -> bool:
    """True for a usable item code: 1-40 characters, no control characters or outer spaces."""
    return (
        isinstance(value, str)
        and 0 < len(value) <= MAX_CODE
        and value == value.strip()
        and not _CONTROL.search(value)
    )


@checker
def code(report: Report, where: str, value: object) -> str | object:
    """An item code: 1-40 characters, no control characters, no surrounding spaces."""
    value = string(report, where, value, MAX_CODE, nonblank=True)
    if value is INVALID:
        return INVALID
    if not is_code(value):
        report.error(where, f"{show(value)} has control characters or surrounding spaces")
        return INVALID
    return value


@checker
def integer(
    report: Report, where: str, value: object, lo: int, hi: int, what: str = "a whole number"
) -> int | object:
    if not is_int(value):
        report.error(where, f"expected {what} {lo}-{hi}, got {show(value)}")
        return INVALID
    if not lo <= value <= hi:
        report.error(where, f"{value} is out of range (expected {what} {lo}-{hi})")
        return INVALID
    return value


@checker
def _coded(report: Report, where: str, value: object, valid, what: str, example: str):
    if isinstance(value, str) and valid(value):
        return value
    hint = f" (write it as a string, e.g. {show(example)})" if is_int(value) else ""
    report.error(where, f"{show(value)} is not {what}{hint}")
    return INVALID


@checker
def county(report: Report, where: str, value: object) -> str | object:
    return _coded(report, where, value, reference.is_county, "a Swedish county code", "22")


@checker
def sector(report: Report, where: str, value: object) -> str | object:
    return _coded(report, where, value, reference.is_sni_division, "an SNI 2007 division", "25")


@checker
def iso_date(report: Report, where: str, value: object) -> str | object:
    """An ISO date ``YYYY-MM-DD``, kept as that string (the JSON form round-trips)."""
    if isinstance(value, str) and _ISO_DATE.fullmatch(value):
        try:
            date.fromisoformat(value)
            return value
        except ValueError:
            pass
    report.error(where, f"{show(value)} is not a date written YYYY-MM-DD")
    return INVALID


@checker
def _code_list(report: Report, where: str, value: object, item_check, what: str):
    if not isinstance(value, list):
        report.error(where, f"expected a list of {what}, got {kind(value)}")
        return INVALID
    if len(value) > MAX_LIST:
        report.error(where, f"too many entries: {len(value)} (at most {MAX_LIST})")
        return INVALID
    result, ok = [], True
    for i, item in enumerate(value):
        checked = item_check(report, f"{where}[{i}]", item)
        if checked is INVALID:
            ok = False
        elif checked in result:
            report.warn(f"{where}[{i}]", f"{show(checked)} is listed twice, counted once")
        else:
            result.append(checked)
    if ok and not result:
        report.warn(where, f"no {what}: this item will never be suggested")
    return result if ok else INVALID


@checker
def _area_key(report: Report, where: str, value: object) -> str | object:
    if isinstance(value, str) and value in AREA_KEYS:
        return value
    report.error(where, f"{show(value)} is not an area (areas: {', '.join(AREA_KEYS)})")
    return INVALID


@checker
def area_list(report: Report, where: str, value: object) -> list | object:
    return _code_list(report, where, value, _area_key, "areas")


@checker
def county_list(report: Report, where: str, value: object) -> list | object:
    return _code_list(report, where, value, county, "counties")


@checker
def answers(report: Report, where: str, value: object) -> dict | object:
    """``{area: {"maturity": 1-5, "priority": 1-5, "text": str}}`` in the areas' order.

    The four required areas must be there; text is optional and defaults to "".
    """
    if obj(report, where, value) is INVALID:
        return INVALID
    ok = True
    for key in value:
        if key not in AREA_KEYS:
            report.error(
                f"{where}.{show_key(key)}", f"unknown area (areas: {', '.join(AREA_KEYS)})"
            )
            ok = False
    for key in REQUIRED_AREA_KEYS:
        if key not in value:
            report.error(f"{where}.{key}", "required area is missing")
            ok = False
    result = {}
    for key in AREA_KEYS:
        if key not in value:
            continue
        here = f"{where}.{key}"
        answer = obj(report, here, value[key])
        if answer is INVALID:
            ok = False
            continue
        warn_unknown(report, here, answer, ("maturity", "priority", "text"))
        checked = {}
        for field in ("maturity", "priority"):
            raw = get(report, here, answer, field, required=True)
            checked[field] = (
                INVALID if raw is MISSING else integer(report, f"{here}.{field}", raw, 1, 5)
            )
        raw_text = get(report, here, answer, "text", required=False)
        checked["text"] = "" if raw_text is MISSING else string(report, f"{here}.text", raw_text)
        if INVALID in checked.values():
            ok = False
        result[key] = checked
    return result if ok else INVALID
