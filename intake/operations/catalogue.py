"""Keeping the catalogue: upserting an interchange file, and writing the catalogue back out."""

from dataclasses import dataclass, field
from datetime import date

from sqlalchemy import select

from intake.extensions import db
from intake.matching_bridge import (
    active,
    bump_catalogue_version,
    case_dict,
    coach_dict,
    series_dict,
)
from intake.models import Case, Coach, WorkshopSeries


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
        bump_catalogue_version()
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
