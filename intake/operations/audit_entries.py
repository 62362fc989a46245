"""The audit log as a person reads it: who did what to whom, with names instead of ids and
codes, old → new values, in the reader's language.

The events store codes and ids (names change, and some are personal data); this turns a page
of them into sentences with a few queries for the page as a whole: the companies, the catalogue
items and the logins they name.
"""

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal, InvalidOperation

from flask_babel import format_date
from flask_babel import lazy_gettext as _l
from sqlalchemy import select

from intake.extensions import db
from intake.i18n import format_eur
from intake.labels import (
    ACTIVITY,
    AUDIT_ACTION,
    AUDIT_FIELD,
    DECISION_BADGE,
    KIND_NAME,
    ROLE,
    name_of,
)
from intake.models import AuditEvent, Company, User
from intake.operations.suggestions import catalogue_items, title_of

# The audit's entity names of catalogue items, as the suggestion kinds name them.
CATALOGUE_ENTITIES = {"workshop_series": "workshop_series", "coaches": "coach", "cases": "case"}
MONEY = {"support_value_eur", "de_minimis_amount_eur"}
DATES = {"occurred_on", "starts_on", "ends_on", "start", "end", "held_on", "due_on"}


@dataclass
class AuditEntry:
    event: AuditEvent
    who: str
    action: str
    subject: str
    changes: list[tuple[str, str, str]] = field(default_factory=list)  # what, before, after
    facts: list[tuple[str, str]] = field(default_factory=list)  # what, value


@dataclass
class _Names:
    companies: dict = field(default_factory=dict)
    items: dict = field(default_factory=dict)  # (kind, code) -> catalogue row

    def company(self, company_id) -> str:
        if company_id is None:
            return ""
        company = self.companies.get(_int(company_id))
        return company.name if company else str(_l("Company #%(id)s", id=company_id))

    def item(self, kind: str, code: str | None) -> str:
        if not code:
            return "–"
        row = self.items.get((kind, code))
        return f"{_short(title_of(row))} ({code})" if row else str(code)


def _int(value) -> int | None:
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


def _short(text: str, limit: int = 70) -> str:
    text = " ".join((text or "").split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _company_id(event: AuditEvent):
    if event.entity == "company":
        return event.entity_id
    return (event.details or {}).get("company_id")


def _names(events: list[AuditEvent]) -> _Names:
    names = _Names()
    ids = {_int(_company_id(e)) for e in events} - {None}
    if ids:
        names.companies = {c.id: c for c in db.session.scalars(
            select(Company).where(Company.id.in_(ids)))}
    wanted: dict[str, set] = {"workshop_series": set(), "coach": set(), "case": set()}
    for e in events:
        d = e.details or {}
        kind = CATALOGUE_ENTITIES.get(e.entity) or d.get("kind")
        if kind in wanted:
            wanted[kind] |= {d.get("code"), d.get("decision_code"),
                             (d.get("previous") or {}).get("decision_code")}
        wanted["workshop_series"].add(d.get("workshop_series"))
        wanted["coach"].add(d.get("coach"))
    for kind, codes in wanted.items():
        for code, row in catalogue_items(kind, codes - {None}).items():
            names.items[(kind, code)] = row
    return names


def value_text(key: str, value) -> str:
    """One stored value as a reader reads it."""
    if value is None or value == "":
        return "–"
    if isinstance(value, bool):
        return str(_l("Yes") if value else _l("No"))
    if key in MONEY:
        try:
            return f"{format_eur(Decimal(str(value)))} EUR"
        except InvalidOperation:
            return str(value)
    if key in DATES:
        try:
            return format_date(date.fromisoformat(str(value)[:10]))
        except ValueError:
            return str(value)
    if key == "kind":
        return str(ACTIVITY.get(value, value))
    if key == "contact":
        return name_of("contact", value)
    if key == "decision":
        return str(DECISION_BADGE.get(value, value))
    if key in ("county", "county_code"):
        return name_of("county", value)
    if key == "sni_division":
        return f"{value} – {name_of('sni', value)}"
    if key == "status":
        return name_of("status", value)
    if key == "turnover_band":
        return name_of("turnover", value)
    if key == "leadership":
        return name_of("leadership", value)
    if key in ("areas",) and isinstance(value, list):
        return ", ".join(name_of("area", a) for a in value)
    if key == "counties" and isinstance(value, list):
        return ", ".join(name_of("county", c) for c in value)
    if isinstance(value, dict):
        return ", ".join(f"{_label(k)}: {value_text(k, v)}" for k, v in value.items())
    if isinstance(value, list):
        return ", ".join(str(v) for v in value)
    return str(value)


def _label(key: str) -> str:
    return str(AUDIT_FIELD.get(key, key))


def _changes(changes) -> list[tuple[str, str, str]]:
    """Stored {field: [old, new]} as (label, old, new) lines; anything else is left out."""
    if not isinstance(changes, dict):
        return []
    return [(_label(k), value_text(k, pair[0]), value_text(k, pair[1]))
            for k, pair in sorted(changes.items())
            if isinstance(pair, list | tuple) and len(pair) == 2]


def _describe(entry: AuditEntry, names: _Names) -> None:
    e, d = entry.event, entry.event.details or {}
    action = e.action
    if action.startswith("suggestion."):
        entry.subject = names.company(d.get("company_id"))
        kind = d.get("kind")
        previous = d.get("previous") or {}
        entry.facts.append((str(KIND_NAME.get(kind, kind)), names.item(kind, d.get("code"))))
        entry.changes.append((_label("decision"), value_text("decision", previous.get("decision")),
                              value_text("decision", action.split(".", 1)[1])))
        if d.get("decision_code") or previous.get("decision_code"):
            entry.changes.append((_label("decision_code"),
                                  names.item(kind, previous.get("decision_code")),
                                  names.item(kind, d.get("decision_code"))))
        if d.get("reason"):
            entry.facts.append((_label("reason"), d["reason"]))
    elif e.entity in CATALOGUE_ENTITIES and action.startswith("catalogue."):
        kind = CATALOGUE_ENTITIES[e.entity]
        entry.subject = f"{KIND_NAME[kind]}: {names.item(kind, d.get('code'))}"
        pairs = d.get("changes") if isinstance(d.get("changes"), dict) else {}
        entry.changes = _changes(pairs)
        unvalued = [f for f in d.get("fields", []) if f not in pairs]
        if unvalued:
            entry.facts.append((str(_l("Also changed")), ", ".join(map(_label, unvalued))))
        if d.get("seats_below_booked"):
            entry.facts.append((str(_l("Seats below the bookings")), str(_l("confirmed"))))
    elif action == "company.edit":
        entry.subject = names.company(e.entity_id)
        pairs = d.get("changes") if isinstance(d.get("changes"), dict) else {}
        entry.changes = _changes(pairs)
        personal = [f for f in d.get("fields", []) if f not in pairs]
        if personal:
            entry.facts.append((str(_l("Also changed (personal data, values not kept)")),
                                ", ".join(map(_label, personal))))
    elif action == "booking.correct_stage":
        entry.subject = names.company(e.entity_id)
        entry.changes = _changes(d.get("changes"))
        if d.get("notes_changed"):
            entry.facts.append((_label("notes"), str(_l("changed"))))
    elif action == "targets.update":
        from intake.reports import INDICATOR_LABELS

        entry.subject = str(_l("The programme's targets"))
        entry.changes = [(str(INDICATOR_LABELS.get(k, k)), value_text(k, v.get("from")),
                          value_text(k, v.get("to"))) for k, v in sorted(d.items())
                         if isinstance(v, dict)]
    elif e.entity == "user":
        entry.subject = d.get("email") or f"#{e.entity_id}"
        if d.get("role"):
            entry.facts.append((_label("role"), str(ROLE.get(d["role"], d["role"]))))
    else:
        company_id = _company_id(e)
        entry.subject = names.company(company_id) if company_id else ""
        for key, value in d.items():
            if key in ("company_id", "activity_id", "confirmed_over_ceiling") and not (
                    key == "confirmed_over_ceiling" and value):
                continue
            if key == "workshop_series":
                text = names.item("workshop_series", value)
            elif key == "coach":
                text = names.item("coach", value)
            elif key in ("before", "after"):
                text = str(len(value)) if isinstance(value, list) else value_text(key, value)
            else:
                text = value_text(key, value)
            entry.facts.append((_label(key), text))


def audit_entries(events: list[AuditEvent]) -> list[AuditEntry]:
    """The events of one page of the log, in words."""
    names = _names(events)
    entries = []
    for event in events:
        user: User | None = event.user
        who = (f"{user.name} ({user.email})" if user and user.name else user.email if user
               else str(_l("System or removed login")))
        entry = AuditEntry(event=event, who=who,
                           action=str(AUDIT_ACTION.get(event.action, event.action)), subject="")
        _describe(entry, names)
        entries.append(entry)
    return entries
