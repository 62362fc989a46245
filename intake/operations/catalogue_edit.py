"""Keeping the catalogue by hand: create, edit, retire and bring back series, coaches and cases.

Every change is audited and bumps the catalogue version, so the next match refits on the
catalogue as it now is. Edits carry the version the coordinator saw: a save over someone
else's newer save is refused (`EditConflict`), never applied silently. The view commits.
"""

from sqlalchemy import func, or_, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm.exc import StaleDataError

from intake.clock import utcnow
from intake.extensions import db
from intake.matching_bridge import catalogue_changed
from intake.models import Case, Coach, WorkshopSeries, seats_booked
from intake.operations import audit

# URL segment -> (model, entity name in the audit log and in the interchange format).
KINDS = {
    "series": (WorkshopSeries, "workshop_series"),
    "coaches": (Coach, "coaches"),
    "cases": (Case, "cases"),
}
STATUSES = ("active", "retired", "all")


class CodeTaken(ValueError):
    """Another item of the same kind already has this code."""


class EditConflict(RuntimeError):
    """Someone else saved the item after the coordinator opened it."""


class SeatsBelowBooked(ValueError):
    """A series' seats would drop below the companies already booked into it (unconfirmed)."""

    def __init__(self, booked: int, seats: int):
        super().__init__(f"{seats} seats, {booked} booked")
        self.booked = booked
        self.seats = seats


# Long texts are audited as changed, without their values (they run to pages).
LONG_FIELDS = frozenset({"description", "profile", "summary", "outcome", "answers"})


def model_for(kind: str):
    """The model of a URL's kind; KeyError for anything else (the view answers 404)."""
    return KINDS[kind][0]


def get_item(kind: str, item_id: int):
    """The item, or None when the kind or the id is unknown."""
    if kind not in KINDS:
        return None
    return db.session.get(model_for(kind), item_id)


def list_items(kind: str, status: str = "active", query: str = "", area: str = "",
               county: str = "") -> list:
    """Items of `kind` by code, filtered by status, a free-text query, an area and a county."""
    model = model_for(kind)
    stmt = select(model).order_by(model.code)
    if status == "active":
        stmt = stmt.where(model.retired_at.is_(None))
    elif status == "retired":
        stmt = stmt.where(model.retired_at.is_not(None))
    query = (query or "").strip().lower()
    if query:
        text_column = {"series": WorkshopSeries.title, "coaches": Coach.name,
                       "cases": Case.summary}[kind]
        pattern = f"%{query}%"
        stmt = stmt.where(or_(func.lower(model.code).like(pattern),
                              func.lower(text_column).like(pattern)))
    items = list(db.session.scalars(stmt))
    # Areas and counties are JSON lists: filtered here, portably; the catalogue is small.
    if area:
        items = [i for i in items if area in _areas(kind, i)]
    if county:
        items = [i for i in items if county in _counties(kind, i)]
    return items


def _areas(kind: str, item) -> list:
    if kind == "cases":
        return list(item.answers or {})
    return list(item.areas or [])


def _counties(kind: str, item) -> list:
    if kind == "coaches":
        return list(item.counties or [])
    return [item.county]


def counts() -> dict[str, dict[str, int]]:
    """Active and retired items per kind, for the catalogue's start page."""
    result = {}
    for kind, (model, _name) in KINDS.items():
        rows = dict(db.session.execute(
            select(model.retired_at.is_(None), func.count(model.id))
            .group_by(model.retired_at.is_(None))).all())
        result[kind] = {"active": rows.get(True, 0), "retired": rows.get(False, 0)}
    return result


def _code_taken(model, code: str, own_id: int | None = None) -> bool:
    stmt = select(model.id).where(model.code == code)
    if own_id is not None:
        stmt = stmt.where(model.id != own_id)
    return db.session.scalar(stmt) is not None


def _changed(kind: str, user, action: str, item, details: dict) -> None:
    audit.record(user, f"catalogue.{action}", KINDS[kind][1], item.id,
                 {"code": item.code, **details})
    catalogue_changed()


def create_item(kind: str, values: dict, user):
    """Add a new item from the form's `values` (column -> value); raises CodeTaken."""
    model = model_for(kind)
    if _code_taken(model, values["code"]):
        raise CodeTaken(values["code"])
    item = model(**values)
    db.session.add(item)
    try:
        db.session.flush()
    except IntegrityError:  # another coordinator took the code a moment ago
        raise CodeTaken(values["code"]) from None
    _changed(kind, user, "create", item, {})
    return item


def _check_seats(item, seats: int | None) -> None:
    """Raise SeatsBelowBooked if `seats` is fewer than the series' bookings."""
    if seats is None or seats == item.seats:
        return
    booked = seats_booked([item.id]).get(item.id, 0)
    if seats < booked:
        raise SeatsBelowBooked(booked, seats)


def update_item(kind: str, item, values: dict, seen_version: int | None, user,
                confirm_seats: bool = False):
    """Apply `values` unless the item changed since the coordinator saw `seen_version`.

    A series' seats may go below what is booked only when `confirm_seats` says the coordinator
    saw the warning (the bookings stay; no new ones are taken).
    """
    if seen_version is None or item.version != seen_version:
        raise EditConflict(item.code)
    new_code = values.get("code", item.code)
    if new_code != item.code and _code_taken(model_for(kind), new_code, item.id):
        raise CodeTaken(new_code)
    below_booked = False
    if kind == "series":
        try:
            _check_seats(item, values.get("seats"))
        except SeatsBelowBooked:
            if not confirm_seats:
                raise
            below_booked = True
    changed = sorted(k for k, v in values.items() if getattr(item, k) != v)
    if not changed:
        return item
    old_code = item.code
    changes = {k: [getattr(item, k), values[k]] for k in changed if k not in LONG_FIELDS}
    for key in changed:
        setattr(item, key, values[key])
    try:
        db.session.flush()
    except StaleDataError:  # saved by someone else between our read and our write
        raise EditConflict(old_code) from None
    except IntegrityError:
        raise CodeTaken(values["code"]) from None
    details = {"fields": changed, "old_code": old_code, "changes": changes}
    if below_booked:
        details["seats_below_booked"] = True
    _changed(kind, user, "update", item, details)
    return item


def set_retired(kind: str, item, retired: bool, user):
    """Retire an item (matching stops suggesting it) or bring it back; idempotent."""
    if (item.retired_at is not None) == retired:
        return item
    item.retired_at = utcnow() if retired else None
    try:
        db.session.flush()
    except StaleDataError:
        raise EditConflict(item.code) from None
    _changed(kind, user, "retire" if retired else "restore", item, {})
    return item


def series_choices() -> list[tuple[int, str, bool]]:
    """Every series as (id, "code – title", retired), for a case's select."""
    return [(s.id, f"{s.code} – {s.title}", s.retired_at is not None)
            for s in db.session.scalars(select(WorkshopSeries).order_by(WorkshopSeries.code))]


def coach_choices() -> list[tuple[int, str, bool]]:
    return [(c.id, f"{c.code} – {c.name}", c.retired_at is not None)
            for c in db.session.scalars(select(Coach).order_by(Coach.code))]
