"""The catalogue in and out of files: an interchange JSON or Excel upload upserted by code, all
or nothing, and the catalogue written back out in the same shapes."""

from dataclasses import dataclass, field
from datetime import date

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm.exc import StaleDataError

from intake.excel.catalogue_reader import read_workbook
from intake.extensions import db
from intake.interchange import InterchangeError, load_json, validate_catalogue
from intake.matching_bridge import (
    active,
    case_dict,
    coach_dict,
    matching_inputs_changed,
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


def _upsert(model, code: str, values: dict, result: ImportResult, key: str):
    row = db.session.scalar(select(model).where(model.code == code))
    if row is None:
        row = model(code=code, **values)
        db.session.add(row)
        result.created[key] += 1
        return row
    if any(getattr(row, name) != value for name, value in values.items()):
        for name, value in values.items():
            setattr(row, name, value)
        result.updated[key] += 1
    return row


def import_catalogue(catalogue) -> ImportResult:
    """Upsert a validated catalogue by code; the caller commits once, or nothing is kept."""
    result = ImportResult()
    for item in catalogue.workshop_series:
        starts_on = item.get("starts_on")
        _upsert(WorkshopSeries, item["code"], {
            "title": item["title"], "description": item["description"],
            "areas": list(item["areas"]), "county": item.get("county"),
            "starts_on": date.fromisoformat(starts_on) if starts_on else None,
            "seats": item.get("seats"),
        }, result, "workshop_series")
    for item in catalogue.coaches:
        _upsert(Coach, item["code"], {
            "name": item["name"], "profile": item["profile"], "areas": list(item["areas"]),
            "counties": list(item["counties"]), "capacity": item.get("capacity"),
        }, result, "coaches")
    db.session.flush()
    series_ids = dict(db.session.execute(select(WorkshopSeries.code, WorkshopSeries.id)).all())
    coach_ids = dict(db.session.execute(select(Coach.code, Coach.id)).all())
    for item in catalogue.cases:
        company = item["company"]
        _upsert(Case, item["code"], {
            "sector": company["sector"], "employees": company["employees"],
            "county": company["county"], "answers": item["answers"], "summary": item["summary"],
            "outcome": item.get("outcome"),
            "workshop_series_id": series_ids.get(item.get("workshop_series")),
            "coach_id": coach_ids.get(item.get("coach")),
        }, result, "cases")
    db.session.flush()
    if result.changed:
        matching_inputs_changed()
    return result


def _strip_runtime(item: dict, *keys: str) -> dict:
    return {k: v for k, v in item.items() if k not in keys}


def export_catalogue() -> dict:
    """The active catalogue in the interchange format, ready for `catalogue_to_json`."""
    return {
        "workshop_series": [_strip_runtime(series_dict(s), "booked")
                            for s in active(WorkshopSeries)],
        "coaches": [_strip_runtime(coach_dict(c), "assigned") for c in active(Coach)],
        "cases": [case_dict(c) for c in active(Case)],
    }


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
        matching_inputs_changed()
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
