"""The catalogue in and out of files: an interchange JSON or Excel upload upserted by code, all
or nothing, and the catalogue written back out in the same shapes."""

from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import joinedload
from sqlalchemy.orm.exc import StaleDataError

from intake.excel.catalogue_reader import read_workbook
from intake.extensions import db
from intake.interchange import (
    InterchangeError,
    catalogue_json_chunks,
    load_json,
    validate_catalogue,
)
from intake.matching_bridge import (
    active,
    case_dict,
    catalogue_changed,
    coach_dict,
    series_dict,
)
from intake.models import Case, Coach, WorkshopSeries
from intake.operations import audit


@dataclass
class ImportResult:
    created: dict[str, int] = field(default_factory=lambda: {"workshop_series": 0,
                                                              "coaches": 0, "cases": 0})
    updated: dict[str, int] = field(default_factory=lambda: {"workshop_series": 0,
                                                              "coaches": 0, "cases": 0})

    @property
    def changed(self) -> bool:
        return any(self.created.values()) or any(self.updated.values())


def known_codes() -> dict[str, set[str]]:
    """Codes already in the database, which a case in a file may refer to."""
    return {
        "workshop_series": set(db.session.scalars(select(WorkshopSeries.code))),
        "coaches": set(db.session.scalars(select(Coach.code))),
    }


CHUNK = 1000  # rows read or written at a time: 100,000 cases never sit in memory at once


def _upsert_all(model, items: list[tuple[str, dict]], result: ImportResult, key: str) -> None:
    """Create or update each (code, values) pair, reading the existing rows a chunk at a time.

    One query per chunk instead of one per item, and a flush per chunk, so that a file of a
    hundred thousand cases imports in minutes and in bounded memory.
    """
    for start in range(0, len(items), CHUNK):
        chunk = items[start:start + CHUNK]
        existing = {row.code: row for row in db.session.scalars(
            select(model).where(model.code.in_([code for code, _ in chunk])))}
        for code, values in chunk:
            row = existing.get(code)
            if row is None:
                db.session.add(model(code=code, **values))
                result.created[key] += 1
            elif any(getattr(row, name) != value for name, value in values.items()):
                for name, value in values.items():
                    setattr(row, name, value)
                result.updated[key] += 1
        db.session.flush()


def import_catalogue(catalogue) -> ImportResult:
    """Upsert a validated catalogue by code; the caller commits once, or nothing is kept."""
    result = ImportResult()
    _upsert_all(WorkshopSeries, [(item["code"], {
        "title": item["title"], "description": item["description"],
        "areas": list(item["areas"]), "county": item.get("county"),
        "starts_on": date.fromisoformat(item["starts_on"]) if item.get("starts_on") else None,
        "seats": item.get("seats"),
    }) for item in catalogue.workshop_series], result, "workshop_series")
    _upsert_all(Coach, [(item["code"], {
        "name": item["name"], "profile": item["profile"], "areas": list(item["areas"]),
        "counties": list(item["counties"]), "capacity": item.get("capacity"),
    }) for item in catalogue.coaches], result, "coaches")
    series_ids = dict(db.session.execute(select(WorkshopSeries.code, WorkshopSeries.id)).all())
    coach_ids = dict(db.session.execute(select(Coach.code, Coach.id)).all())
    _upsert_all(Case, [(item["code"], {
        "sector": item["company"]["sector"], "employees": item["company"]["employees"],
        "county": item["company"]["county"], "answers": item["answers"],
        "summary": item["summary"], "outcome": item.get("outcome"),
        "workshop_series_id": series_ids.get(item.get("workshop_series")),
        "coach_id": coach_ids.get(item.get("coach")),
    }) for item in catalogue.cases], result, "cases")
    db.session.flush()
    if result.changed:
        catalogue_changed()
    return result


def _strip_runtime(item: dict, *keys: str) -> dict:
    return {k: v for k, v in item.items() if k not in keys}


def export_catalogue() -> dict:
    """The active catalogue in the interchange format, ready for `catalogue_to_json`."""
    return {
        "workshop_series": [_strip_runtime(series_dict(s), "booked")
                            for s in active(WorkshopSeries)],
        "coaches": [_strip_runtime(coach_dict(c), "assigned") for c in active(Coach)],
        "cases": list(_cases_by_code()),
    }


def export_catalogue_json() -> Iterator[str]:
    """The active catalogue as an interchange file's text, a piece at a time: the same text as
    `catalogue_to_json` gives, without holding a large programme's cases in memory at once."""
    yield from catalogue_json_chunks(
        [_strip_runtime(series_dict(s), "booked") for s in active(WorkshopSeries)],
        [_strip_runtime(coach_dict(c), "assigned") for c in active(Coach)],
        _cases_by_code())


def _cases_by_code() -> Iterator[dict]:
    """Active cases as interchange dicts in code order, read and released a chunk at a time.

    The codes are sorted here rather than by the database, whose collation may order
    punctuation differently from the file's order.
    """
    ids = [case_id for _, case_id in sorted(db.session.execute(
        select(Case.code, Case.id).where(Case.retired_at.is_(None))).all())]
    for start in range(0, len(ids), CHUNK):
        chunk = ids[start:start + CHUNK]
        rows = {case.id: case for case in db.session.scalars(
            select(Case).where(Case.id.in_(chunk))
            .options(joinedload(Case.workshop_series), joinedload(Case.coach)))}
        for case_id in chunk:
            yield case_dict(rows[case_id])
        for case in rows.values():
            db.session.expunge(case)


def import_validated(catalogue, user, filename: str, extras: dict | None = None) -> ImportResult:
    """Upsert a validated catalogue (JSON or Excel) and audit it; the view commits.

    `extras` carries the Excel-only columns the interchange format has no field for
    (`{"workshop_series": {code: {"location": ...}}, "coaches": {code: {"email": ...}}}`);
    an item whose only change is there still counts as updated.
    """
    extras = extras or {}
    models = {"workshop_series": WorkshopSeries, "coaches": Coach}
    before = {key: {row.code: row for row in db.session.scalars(select(model))}
              for key, model in models.items()}
    snapshot = {key: {code: _plain(row) for code, row in rows.items()}
                for key, rows in before.items()}
    result = import_catalogue(catalogue)
    extra_changes = 0
    for key, model in models.items():
        for code, values in extras.get(key, {}).items():
            row = db.session.scalar(select(model).where(model.code == code))
            if row is None or all(getattr(row, k) == v for k, v in values.items()):
                continue
            for name, value in values.items():
                setattr(row, name, value)
            # Counted once: only if import_catalogue left the row's interchange fields alone.
            if code in snapshot[key] and snapshot[key][code] == _plain(row):
                result.updated[key] += 1
            extra_changes += 1
    db.session.flush()
    if extra_changes and not result.changed:
        catalogue_changed()
    audit.record(user, "catalogue.import", "catalogue", None,
                 {"file": filename, "created": result.created, "updated": result.updated})
    return result


def _plain(row) -> dict:
    """A row's interchange fields, to tell whether `import_catalogue` changed it."""
    names = ("title", "description", "areas", "county", "starts_on", "seats", "name",
             "profile", "counties", "capacity")
    values = {n: getattr(row, n) for n in names if hasattr(row, n)}
    return {n: list(v) if isinstance(v, list) else v for n, v in values.items()}


def export_extras() -> dict:
    """The Excel-only columns of the active catalogue, by code (see `import_validated`)."""
    return {
        "workshop_series": {s.code: {"location": s.location} for s in active(WorkshopSeries)},
        "coaches": {c.code: {"email": c.email} for c in active(Coach)},
    }


class ImportFailed(Exception):
    """The upload imports nothing; `errors` and `warnings` are the messages to show."""

    def __init__(self, errors: list[str], warnings: list[str] | None = None):
        super().__init__("\n".join(errors))
        self.errors, self.warnings = list(errors), list(warnings or [])


def import_upload(raw: bytes, filename: str, user) -> tuple[ImportResult, list[str]]:
    """Check an uploaded .json or .xlsx file whole, then upsert it; ImportFailed if any error.

    Returns the counts and the warnings (unknown keys or columns, items with no area).
    """
    try:
        if filename.lower().endswith(".xlsx"):
            catalogue, extras = read_workbook(raw, filename, known_codes())
        else:
            catalogue = validate_catalogue(load_json(raw, filename), filename, known_codes())
            extras = None
    except InterchangeError as error:
        raise ImportFailed(error.errors, error.warnings) from None
    try:
        result = import_validated(catalogue, user, filename, extras)
    except (IntegrityError, StaleDataError):  # another save of the same items just now
        raise ImportFailed([f"{filename}: the catalogue changed while importing; "
                            "nothing was imported, please try again"]) from None
    return result, catalogue.warnings
