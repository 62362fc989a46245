"""A coordinator's notes on a company: the contact log and the next steps, with who owns each
step and when it is due. Staff-only data: `privacy` leaves it out of the company's export and
erases it with the company. Every change is audited."""

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from flask_babel import lazy_gettext as _
from sqlalchemy import select
from sqlalchemy.orm import contains_eager

from intake.clock import today, utcnow
from intake.extensions import db
from intake.models import Company, ContactKind, ContactNote, NextStep, User
from intake.operations import audit
from intake.operations.id_lists import among

MAX_DAYS_BACK = 3660  # a note about a contact ten years ago is a typo


class ContactLogError(ValueError):
    """The note or step cannot be saved as asked; `field` names the form field it concerns."""

    def __init__(self, field: str, message):
        super().__init__(str(message))
        self.field = field
        self.message = message


@dataclass(frozen=True)
class ContactLog:
    """What the review page shows: notes newest first, open steps due first, recent done."""

    notes: list
    open_steps: list
    done_steps: list
    today: date


def contact_log(company: Company) -> ContactLog:
    notes = list(db.session.scalars(
        select(ContactNote).where(ContactNote.company_id == company.id)
        .order_by(ContactNote.occurred_on.desc(), ContactNote.id.desc())))
    steps = list(db.session.scalars(
        select(NextStep).where(NextStep.company_id == company.id)
        .order_by(NextStep.due_on, NextStep.id)))
    return ContactLog(notes=notes, open_steps=[s for s in steps if s.done_at is None],
                      done_steps=[s for s in steps if s.done_at is not None], today=today())


def add_note(company: Company, kind: str, occurred_on: date, text: str,
             user: User | None) -> ContactNote:
    """Log a contact with the company (a call, a visit, an e-mail, a meeting)."""
    if kind not in {k.value for k in ContactKind}:
        raise ContactLogError("kind", _("Choose the kind of contact."))
    if occurred_on > today():
        raise ContactLogError("occurred_on", _("The date is in the future. Enter the date "
                                               "the contact took place."))
    if (today() - occurred_on).days > MAX_DAYS_BACK:
        raise ContactLogError("occurred_on", _("The date is more than ten years ago."))
    text = (text or "").strip()
    if not text:
        raise ContactLogError("text", _("Write what was said or agreed."))
    note = ContactNote(company_id=company.id, kind=kind, occurred_on=occurred_on, text=text,
                       author_id=getattr(user, "id", None))
    db.session.add(note)
    db.session.flush()
    # The audit names the note, not its text: the text is erased with the company.
    audit.record(user, "contact.note", "company", company.id,
                 {"note_id": note.id, "contact": kind, "occurred_on": occurred_on})
    return note


def add_next_step(company: Company, text: str, due_on: date, owner: User | None,
                  user: User | None) -> NextStep:
    """Set a next step for the company: what, by whom (a staff login), by when."""
    if owner is None or not owner.is_staff or not owner.is_active:
        raise ContactLogError("owner", _("Choose a coordinator who owns the step."))
    text = (text or "").strip()
    if not text:
        raise ContactLogError("text", _("Write what is to be done."))
    step = NextStep(company_id=company.id, text=text[:300], due_on=due_on, owner_id=owner.id,
                    created_by_id=getattr(user, "id", None))
    db.session.add(step)
    db.session.flush()
    audit.record(user, "contact.next_step", "company", company.id,
                 {"next_step_id": step.id, "owner_id": owner.id, "due_on": due_on})
    return step


def mark_done(step: NextStep, user: User | None) -> bool:
    """Mark the step done; False if it already was (nothing recorded)."""
    if step.done_at is not None:
        return False
    step.done_at = utcnow()
    db.session.flush()
    audit.record(user, "contact.next_step_done", "company", step.company_id,
                 {"next_step_id": step.id})
    return True


def step_of(company: Company, step_id: int) -> NextStep | None:
    """The company's next step with this id, or None (the view answers 404)."""
    return db.session.scalar(select(NextStep).where(NextStep.id == step_id,
                                                    NextStep.company_id == company.id))


def open_next_steps(company_ids: Iterable[int]) -> dict[int, NextStep]:
    """The open next step due first for each of these companies (for an inbox column); a
    company without one is absent. One query, whatever the number of companies."""
    ids = list(company_ids)
    if not ids:
        return {}
    steps = db.session.scalars(
        select(NextStep).where(among(NextStep.company_id, ids), NextStep.done_at.is_(None))
        .order_by(NextStep.company_id, NextStep.due_on, NextStep.id))
    first: dict[int, NextStep] = {}
    for step in steps:
        first.setdefault(step.company_id, step)
    return first


def my_next_steps(user: User) -> list[NextStep]:
    """The open next steps `user` owns, due first, with their companies."""
    return list(db.session.scalars(
        select(NextStep).join(Company, Company.id == NextStep.company_id)
        .options(contains_eager(NextStep.company))
        .where(NextStep.owner_id == user.id, NextStep.done_at.is_(None))
        .order_by(NextStep.due_on, Company.name, NextStep.id)))


def erase_for(company: Company) -> None:
    """Erase the company's notes and steps (the privacy notice promises it on erasure)."""
    for model in (ContactNote, NextStep):
        for row in db.session.scalars(select(model).where(model.company_id == company.id)):
            db.session.delete(row)
    db.session.flush()
