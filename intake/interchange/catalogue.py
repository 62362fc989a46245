"""The catalogue file (``intake-catalogue/1``): validation on import, and the export form.

The format is a public contract (interchange v1), so the rules here follow it literally and
every message names the file, the item and the field.
"""

import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date

from intake.questionnaire import AREA_KEYS

from . import fields as f
from .errors import Report

__all__ = [
    "FORMAT",
    "READABLE_FORMATS",
    "ValidatedCatalogue",
    "validate_catalogue",
    "catalogue_to_json",
    "catalogue_json_chunks",
]

FORMAT = "intake-catalogue/1"
READABLE_FORMATS = (FORMAT,)
TOP_LEVEL_KEYS = ("format", "workshop_series", "coaches", "cases")

SERIES_KEYS = ("code", "title", "description", "areas", "county", "starts_on", "seats")
COACH_KEYS = ("code", "name", "profile", "areas", "counties", "capacity")
CASE_KEYS = ("code", "company", "answers", "summary", "outcome", "workshop_series", "coach")
CASE_COMPANY_KEYS = ("sector", "employees", "county")


@dataclass
class ValidatedCatalogue:
    """The normalised items of a valid catalogue file, in file order.

    Every dict has all the keys of its kind in the spec's order; optional values that were
    absent (or null) are None. ``starts_on`` stays an ISO date string.
    """

    workshop_series: list[dict] = field(default_factory=list)
    coaches: list[dict] = field(default_factory=list)
    cases: list[dict] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)


def _label(section: str, index: int, item: object) -> str:
    # Name the item by its code when it has a usable one, else by its position.
    raw = item.get("code") if isinstance(item, dict) else None
    return f"{section}[{raw}]" if f.is_code(raw) else f"{section}[#{index}]"


def _series(r: Report, where: str, item: dict) -> dict:
    f.warn_unknown(r, where, item, SERIES_KEYS)
    out = {
        "code": f.code(r, f"{where}.code", f.get(r, where, item, "code", True)),
        "title": f.string(
            r, f"{where}.title", f.get(r, where, item, "title", True), f.MAX_TITLE, nonblank=True
        ),
        "description": f.string(
            r, f"{where}.description", f.get(r, where, item, "description", True)
        ),
        "areas": f.area_list(r, f"{where}.areas", f.get(r, where, item, "areas", True)),
        "county": None,
        "starts_on": None,
        "seats": None,
    }
    checks = {
        "county": f.county,
        "starts_on": f.iso_date,
        "seats": lambda r, w, v: f.integer(r, w, v, 0, f.MAX_SEATS),
    }
    for key, check in checks.items():
        raw = f.get(r, where, item, key, False)
        if raw is not f.MISSING:
            out[key] = check(r, f"{where}.{key}", raw)
    return out


def _coach(r: Report, where: str, item: dict) -> dict:
    f.warn_unknown(r, where, item, COACH_KEYS)
    capacity = f.get(r, where, item, "capacity", False)
    return {
        "code": f.code(r, f"{where}.code", f.get(r, where, item, "code", True)),
        "name": f.string(
            r, f"{where}.name", f.get(r, where, item, "name", True), f.MAX_NAME, nonblank=True
        ),
        "profile": f.string(r, f"{where}.profile", f.get(r, where, item, "profile", True)),
        "areas": f.area_list(r, f"{where}.areas", f.get(r, where, item, "areas", True)),
        "counties": f.county_list(r, f"{where}.counties", f.get(r, where, item, "counties", True)),
        "capacity": None
        if capacity is f.MISSING
        else f.integer(r, f"{where}.capacity", capacity, 0, f.MAX_SEATS),
    }


def _case_company(r: Report, where: str, value: object) -> dict | object:
    if f.obj(r, where, value) is f.INVALID:
        return f.INVALID
    # An earlier case is anonymised: a name or org_number here is reported and dropped.
    f.warn_unknown(r, where, value, CASE_COMPANY_KEYS)
    company = {
        "sector": f.sector(r, f"{where}.sector", f.get(r, where, value, "sector", True)),
        "employees": f.integer(
            r, f"{where}.employees", f.get(r, where, value, "employees", True), 0, f.MAX_EMPLOYEES
        ),
        "county": f.county(r, f"{where}.county", f.get(r, where, value, "county", True)),
    }
    return f.INVALID if f.INVALID in company.values() else company


def _case(r: Report, where: str, item: dict) -> dict:
    f.warn_unknown(r, where, item, CASE_KEYS)
    out = {
        "code": f.code(r, f"{where}.code", f.get(r, where, item, "code", True)),
        "company": _case_company(r, f"{where}.company", f.get(r, where, item, "company", True)),
        "answers": f.answers(r, f"{where}.answers", f.get(r, where, item, "answers", True)),
        "summary": f.string(r, f"{where}.summary", f.get(r, where, item, "summary", True)),
        "outcome": None,
        "workshop_series": None,
        "coach": None,
    }
    outcome = f.get(r, where, item, "outcome", False)
    if outcome is not f.MISSING:
        out["outcome"] = f.string(r, f"{where}.outcome", outcome)
    for key in ("workshop_series", "coach"):
        raw = f.get(r, where, item, key, False)
        if raw is not f.MISSING:
            out[key] = f.code(r, f"{where}.{key}", raw)
    return out


_SECTIONS = (("workshop_series", _series), ("coaches", _coach), ("cases", _case))


def _section(r: Report, data: dict, name: str, check) -> list[tuple[str, dict]]:
    """The checked items of one section, each with its label for later messages."""
    raw = data.get(name)
    if raw is None:  # a file may carry only some sections, e.g. just the coaches
        return []
    if not isinstance(raw, list):
        r.error(name, f"expected a list, got {f.kind(raw)}")
        return []
    if len(raw) > f.MAX_ITEMS:
        r.error(name, f"too many items: {len(raw)} (at most {f.MAX_ITEMS})")
        return []
    items, seen = [], {}
    for index, item in enumerate(raw):
        where = _label(name, index, item)
        if f.obj(r, where, item) is f.INVALID:
            continue
        checked = check(r, where, item)
        code = checked["code"]
        if code is not f.INVALID:
            if code in seen:
                r.error(
                    f"{where}.code",
                    f"{f.show(code)} appears more than once (items #{seen[code]} and #{index})",
                )
            else:
                seen[code] = index
        items.append((where, checked))
    return items


def _check_references(
    r: Report,
    cases: list[tuple[str, dict]],
    series: list[dict],
    coaches: list[dict],
    known_codes: dict | None,
) -> None:
    known_codes = known_codes or {}
    targets = {
        "workshop_series": (
            {s["code"] for s in series} | set(known_codes.get("workshop_series") or ()),
            "a workshop series",
        ),
        "coach": ({c["code"] for c in coaches} | set(known_codes.get("coaches") or ()), "a coach"),
    }
    for where, case in cases:
        for key, (codes, what) in targets.items():
            ref = case[key]
            if ref is not None and ref is not f.INVALID and ref not in codes:
                r.error(
                    f"{where}.{key}", f"{f.show(ref)} is not {what} in this file or in the database"
                )


def validate_catalogue(
    data: object, filename: str, known_codes: dict | None = None
) -> ValidatedCatalogue:
    """Check a parsed catalogue file against the spec; return its normalised items.

    ``known_codes`` is ``{"workshop_series": set, "coaches": set}`` of codes already in the
    database, which a case may reference. Every problem is collected first; if there is any,
    :class:`InterchangeError` is raised with all of them, so nothing is imported by halves.
    """
    r = Report(filename)
    if not isinstance(data, dict):
        r.error("top level", f"expected a JSON object, got {f.kind(data)}")
        r.raise_if_errors()
    f.reject_unknown_top_level(r, data, TOP_LEVEL_KEYS)
    readable = ", ".join(READABLE_FORMATS)
    if "format" not in data:
        r.error("format", f"required field is missing (this version reads: {readable})")
    elif data["format"] not in READABLE_FORMATS:
        r.error(
            "format",
            f"{f.show(data['format'])} is not a format this version reads (it reads: {readable})",
        )
    checked = {name: _section(r, data, name, check) for name, check in _SECTIONS}
    result = {name: [item for _, item in items] for name, items in checked.items()}
    _check_references(
        r, checked["cases"], result["workshop_series"], result["coaches"], known_codes
    )
    r.raise_if_errors()
    return ValidatedCatalogue(warnings=r.warnings, **result)


def _iso(value: object) -> object:
    return value.isoformat() if isinstance(value, date) else value


def _pick(item: dict, keys, keep_none=()) -> dict:
    return {k: _iso(item.get(k)) for k in keys if item.get(k) is not None or k in keep_none}


def _export_series(item: dict) -> dict:
    return _pick(item, SERIES_KEYS, keep_none=("county",))


def _export_coach(item: dict) -> dict:
    return _pick(item, COACH_KEYS)


def _export_case(item: dict) -> dict:
    out = _pick(item, CASE_KEYS)
    out["company"] = _pick(item["company"], CASE_COMPANY_KEYS)
    answers = item["answers"]
    out["answers"] = {
        key: {
            "maturity": answers[key]["maturity"],
            "priority": answers[key]["priority"],
            "text": answers[key].get("text") or "",
        }
        for key in AREA_KEYS
        if key in answers
    }
    return out


def _by_code(items):
    return sorted(items, key=lambda item: item["code"])


def catalogue_to_json(ws, coaches, cases) -> dict:
    """The catalogue file for the given items (dicts shaped as :class:`ValidatedCatalogue`'s).

    Items are sorted by code and keys follow the spec's order, so an export is stable and
    ``validate_catalogue(catalogue_to_json(...))`` gives back the same items. Optional keys
    whose value is None are left out, except a series' ``county``: null there means "open to
    every county" and is kept. ``starts_on`` may be a date or an ISO string.
    """
    return {
        "format": FORMAT,
        "workshop_series": [_export_series(s) for s in _by_code(ws)],
        "coaches": [_export_coach(c) for c in _by_code(coaches)],
        "cases": [_export_case(c) for c in _by_code(cases)],
    }


def catalogue_json_chunks(ws, coaches, cases_by_code: Iterable[dict]) -> Iterator[str]:
    """The text of ``json.dumps(catalogue_to_json(...), ensure_ascii=False, indent=2)`` and a
    final newline, written piece by piece: ``cases_by_code`` may be a generator that reads a
    hundred thousand cases from the database a chunk at a time, already in code order.
    """
    yield "{\n" + f'  "format": {json.dumps(FORMAT)},\n'
    sections = (("workshop_series", map(_export_series, _by_code(ws))),
                ("coaches", map(_export_coach, _by_code(coaches))),
                ("cases", map(_export_case, cases_by_code)))
    for index, (name, items) in enumerate(sections):
        last_section = index == len(sections) - 1
        yield f'  "{name}": ['
        first = True
        for item in items:
            text = json.dumps(item, ensure_ascii=False, indent=2).replace("\n", "\n    ")
            yield ("\n    " if first else ",\n    ") + text
            first = False
        yield ("]" if first else "\n  ]") + ("\n" if last_section else ",\n")
    yield "}\n"
