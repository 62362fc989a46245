"""The profile file that ``match`` reads: one company and its answers, nothing stored."""

from intake import orgnr

from . import fields as f
from .errors import Report

__all__ = ["validate_profile"]

TOP_LEVEL_KEYS = ("company", "answers")
COMPANY_KEYS = ("name", "org_number", "sector", "employees", "county")

_ORGNR_PROBLEMS = {
    "format": "is not an organisation number (ten digits, optional hyphen)",
    "checksum": "has a wrong check digit (the last digit)",
}


def _org_number(r: Report, where: str, value: object) -> str | object:
    try:
        return orgnr.normalise(value)
    except orgnr.OrgNumberError as exc:
        r.error(where, f"{f.show(value)} {_ORGNR_PROBLEMS.get(exc.code, 'is not valid')}")
        return f.INVALID


def _company(r: Report, where: str, value: object) -> dict | object:
    if f.obj(r, where, value) is f.INVALID:
        return f.INVALID
    f.warn_unknown(r, where, value, COMPANY_KEYS)
    name = f.get(r, where, value, "name", False)
    number = f.get(r, where, value, "org_number", False)
    return {
        "name": None if name is f.MISSING else f.string(r, f"{where}.name", name, f.MAX_NAME),
        "org_number": None
        if number is f.MISSING
        else _org_number(r, f"{where}.org_number", number),
        "sector": f.sector(r, f"{where}.sector", f.get(r, where, value, "sector", True)),
        "employees": f.integer(
            r, f"{where}.employees", f.get(r, where, value, "employees", True), 0, f.MAX_EMPLOYEES
        ),
        "county": f.county(r, f"{where}.county", f.get(r, where, value, "county", True)),
    }


def validate_profile(data: object, filename: str, warnings: list[str] | None = None) -> dict:
    """Check a parsed profile file; return ``{"company": {...}, "answers": {...}}``, normalised.

    ``company`` always has the keys name, org_number (canonical ``NNNNNN-NNNN``; None when
    absent), sector, employees and county. ``answers`` holds the four required areas and any
    optional ones, each ``{"maturity", "priority", "text"}`` with text defaulting to "".
    Raises :class:`InterchangeError` listing every problem. Warnings (unknown keys) are
    appended to ``warnings`` when a list is given.
    """
    r = Report(filename)
    if not isinstance(data, dict):
        r.error("top level", f"expected a JSON object, got {f.kind(data)}")
        r.raise_if_errors()
    f.reject_unknown_top_level(r, data, TOP_LEVEL_KEYS)
    company = _company(r, "company", f.get(r, "", data, "company", True))
    answers = f.answers(r, "answers", f.get(r, "", data, "answers", True))
    if warnings is not None:
        warnings.extend(r.warnings)
    r.raise_if_errors()
    return {"company": company, "answers": answers}
