"""Bulk actions of the inbox: one action on many companies, all of it or none of it.

Each function takes the companies' ids (resolved from a selection or from "all matching this
filter"), works in the caller's transaction and flushes; the request commits once, so a refusal
or an error half-way leaves nothing done. Every company touched gets an audit event of its own.
"""

from dataclasses import dataclass
from decimal import Decimal

from flask_babel import lazy_gettext as _l
from sqlalchemy import select, update
from sqlalchemy.orm import selectinload

from intake.clock import utcnow
from intake.extensions import db
from intake.models import Company, Intake, SuggestionKind, User
from intake.operations import audit, booking, company_messages, review

ACTIONS = ("accept", "book", "assign", "export", "answers")


class BulkError(ValueError):
    """The action cannot be taken as asked; nothing was changed. `field` names the form field."""

    def __init__(self, field: str, message):
        super().__init__(str(message))
        self.field = field
        self.message = message


@dataclass(frozen=True)
class BulkResult:
    done: int
    skipped: int = 0
    untold: int = 0  # companies booked that could not be e-mailed (their contact was erased)


def _companies(company_ids: list[int]) -> list[Company]:
    """The companies with their intakes and suggestions, in three queries whatever their number."""
    if not company_ids:
        raise BulkError("company", _l("Select at least one company."))
    return list(db.session.scalars(
        select(Company).where(Company.id.in_(company_ids)).order_by(Company.id)
        .options(selectinload(Company.intakes).selectinload(Intake.suggestions))))


def accept_top_series(company_ids: list[int], user: User) -> BulkResult:
    """Accept each company's top workshop-series suggestion, if it is not decided yet.

    The decision is the one a coordinator takes on the review page (`review.accept_many` does
    what `review.decide` does for an accept): audited, numbered for matching, the status moved
    on. Companies without an undecided top suggestion
    (a draft, a decided one) are counted as skipped.
    """
    companies = _companies(company_ids)
    chosen = []
    for company in companies:
        intake = company.current_intake
        series = [s for s in (intake.suggestions if intake else [])
                  if s.kind == SuggestionKind.WORKSHOP_SERIES]
        top = min(series, key=lambda s: s.rank) if series else None
        if top is not None and not top.decision:
            chosen.append(top)
    review.accept_many(chosen, user)
    return BulkResult(len(chosen), len(companies) - len(chosen))


def book_on_series(company_ids: list[int], series_id: int | None, user: User,
                   support_value_eur: Decimal = Decimal(0)) -> BulkResult:
    """Book every company on the series within its seats, or none (`booking.enrol_many`), and
    e-mail each one its booking as a single booking does."""
    companies = _companies(company_ids)
    if series_id is None:
        raise BulkError("book_series", _l("Choose a workshop series from the list."))
    try:
        booked = booking.enrol_many(companies, series_id, user, support_value_eur)
    except booking.BookingError as error:
        raise BulkError("book_series", error.message) from None
    # Each company is told, as after a single booking, in the same transaction.
    untold = company_messages.tell_bookings(booked)
    return BulkResult(len(booked), len(companies) - len(booked), untold)


def assign_coordinator(company_ids: list[int], coordinator_id: int | None,
                       user: User) -> BulkResult:
    """Make one coordinator responsible for every company (None: nobody), in one UPDATE; each
    change audited with who was responsible before. The version moves on, as for any edit."""
    if not company_ids:
        raise BulkError("company", _l("Select at least one company."))
    coordinator = db.session.get(User, coordinator_id) if coordinator_id else None
    if coordinator_id is not None and (coordinator is None or not coordinator.is_staff
                                       or not coordinator.is_active_login):
        raise BulkError("coordinator", _l("Choose a coordinator from the list."))
    new_id = coordinator.id if coordinator is not None else None
    before = dict(db.session.execute(
        select(Company.id, Company.responsible_coordinator_id)
        .where(Company.id.in_(company_ids))).all())
    changed = [cid for cid, previous in before.items() if previous != new_id]
    if changed:
        db.session.execute(
            update(Company).where(Company.id.in_(changed))
            .values(responsible_coordinator_id=new_id, version=Company.version + 1,
                    updated_at=utcnow())
            .execution_options(synchronize_session=False))
        for company in [o for o in db.session.identity_map.values()
                        if isinstance(o, Company) and o.id in before]:
            db.session.expire(company)
        audit.record_many(user, "company.assign_coordinator", "company", {
            cid: {"coordinator_id": new_id, "previous_coordinator_id": before[cid],
                  "bulk": True} for cid in changed})
    return BulkResult(len(changed), len(before) - len(changed))


def record_export(company_ids: list[int], kind: str, user: User) -> None:
    """An export of companies' data is audited per company: it is personal data leaving."""
    if not company_ids:
        raise BulkError("company", _l("Select at least one company."))
    audit.record_many(user, "inbox.export", "company",
                      {cid: {"export": kind} for cid in company_ids})


def intakes_with_answers(company_ids: list[int]) -> list[tuple[Company, Intake]]:
    """The companies with their latest intakes and answers, for the raw export, by name."""
    companies = db.session.scalars(
        select(Company).where(Company.id.in_(company_ids)).order_by(Company.name, Company.id)
        .options(selectinload(Company.intakes).selectinload(Intake.answers)))
    return [(c, c.current_intake) for c in companies if c.current_intake is not None]
