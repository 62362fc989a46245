"""Names of the app's codes in the user's language: one place for every audience.

The app's own codes (statuses, stage kinds, decisions, size classes, turnover bands) are named
by translated messages; counties and SNI divisions by `intake.reference`, which holds both
languages; areas by the questionnaire. `name_of(kind, code, lang)` answers all of them, and
falls back to the code itself, so that a code that is no longer known still shows as something.
"""

import functools
import re

from flask import Flask
from flask_babel import force_locale
from flask_babel import lazy_gettext as _l
from markupsafe import Markup

from intake import questionnaire, reference
from intake.i18n import current_language, localized
from intake.models import IntakeStatus

STATUS = {
    "draft": _l("Draft"),
    "submitted": _l("Submitted"),
    "under_review": _l("Under review"),
    "matched": _l("Matched"),
    "enrolled": _l("Enrolled"),
}

SUGGESTION_KIND = {
    "workshop_series": _l("Suggested workshop series"),
    "coach": _l("Suggested coaches"),
    "case": _l("Comparable earlier companies"),
}

# One item of a kind, as a line of a message names it.
KIND_NAME = {
    "workshop_series": _l("Workshop series"),
    "coach": _l("Coach"),
    "case": _l("Comparable earlier company"),
}

# How well a suggestion fits, relative to the best in the catalogue (operations/suggestions).
FIT = {
    "strong": _l("Strong fit"),
    "good": _l("Good fit"),
    "partial": _l("Partial fit"),
}

# A decision as the coordinator's page shows it on a card, short.
DECISION_BADGE = {
    "accepted": _l("Accepted"),
    "changed": _l("Changed"),
    "rejected": _l("Rejected"),
}

DECISION = {
    "accepted": _l("Accepted by a coordinator"),
    "changed": _l("Changed by a coordinator"),
    "rejected": _l("Not recommended by a coordinator"),
}

ACTIVITY = {
    "workshop_series": _l("Workshop series"),
    "mapping_interview": _l("Mapping interview"),
    "deep_analysis": _l("Deep analysis"),
    "action_plan": _l("Action plan"),
    "consultant_support": _l("Consultant support"),
}

TURNOVER_BAND = {
    "under_20": _l("Under SEK 20 million"),
    "20_100": _l("SEK 20–100 million"),
    "100_500": _l("SEK 100–500 million"),
    "over_500": _l("Over SEK 500 million"),
}

LEADERSHIP = {
    "women": _l("Mainly women"),
    "men": _l("Mainly men"),
    "mixed": _l("Both women and men"),
}

# The EU SME size classes (see `reports.size_class`): a short name for spreadsheet cells, and
# the name with its bounds for pages.
SIZE_CLASS = {
    "micro": _l("Micro"),
    "small": _l("Small"),
    "medium": _l("Medium"),
    "large": _l("Large"),
}
SIZE_CLASS_DESCRIPTION = {
    "micro": _l("Micro (under 10 employees)"),
    "small": _l("Small (10–49 employees)"),
    "medium": _l("Medium (50–249 employees)"),
    "large": _l("Large (250 employees or more)"),
}

# Who leads the company, as the funder's reports count it ("unknown": not stated).
LEADERSHIP_CLASS = {
    "women": _l("Led mainly by women"),
    "men": _l("Led mainly by men"),
    "mixed": _l("Led by women and men"),
    "unknown": _l("Not stated"),
}

ROLE = {
    "company": _l("Company"),
    "coordinator": _l("Coordinator"),
    "admin": _l("Admin"),
}

# What each audited action is, as the audit log says it.
AUDIT_ACTION = {
    "intake.review_opened": _l("Opened the review"),
    "suggestion.accepted": _l("Accepted a suggestion"),
    "suggestion.changed": _l("Changed a suggestion to another item"),
    "suggestion.rejected": _l("Rejected a suggestion"),
    "suggestions.recomputed": _l("Recomputed the suggestions"),
    "booking.enrol": _l("Booked into a workshop series"),
    "booking.unenrol": _l("Cancelled a booking"),
    "booking.assign_coach": _l("Assigned a coach"),
    "booking.end_coach": _l("Ended a coach's assignment"),
    "booking.record_stage": _l("Recorded a stage"),
    "booking.correct_stage": _l("Corrected a stage"),
    "booking.remove_stage": _l("Removed a stage"),
    "company.edit": _l("Edited the company's details"),
    "catalogue.create": _l("Added to the catalogue"),
    "catalogue.update": _l("Changed in the catalogue"),
    "catalogue.retire": _l("Retired from the catalogue"),
    "catalogue.restore": _l("Brought back to the catalogue"),
    "catalogue.import": _l("Imported a catalogue file"),
    "user.create": _l("Created a login"),
    "user.deactivate": _l("Switched a login off"),
    "user.reactivate": _l("Switched a login on again"),
    "targets.update": _l("Changed the targets"),
    "export.participants": _l("Downloaded the participant list"),
    "contact.note": _l("Logged a contact"),
    "contact.next_step": _l("Set a next step"),
    "contact.next_step_done": _l("Marked a next step done"),
    "series.session_add": _l("Added a session to a series"),
    "series.session_update": _l("Changed a session of a series"),
    "series.session_remove": _l("Removed a session from a series"),
    "series.attendance": _l("Recorded attendance"),
    "series.mail": _l("E-mailed the companies booked into a series"),
    "export.roster": _l("Downloaded a series' roster"),
    # bulk actions of the inbox
    "company.assign_coordinator": _l("Made a coordinator responsible"),
    "inbox.export": _l("Exported from the inbox"),
    "export.final_report": _l("Downloaded the final report"),
    "series.finished": _l("Marked a workshop series finished"),
    "survey.sent_by_hand": _l("Sent a follow-up survey by hand"),
}

# The kinds of contact a coordinator logs with a company.
CONTACT_KIND = {
    "phone": _l("Phone call"), "visit": _l("Visit"), "email": _l("E-mail"),
    "meeting": _l("Meeting"),
}

# The fields the audit log names, in words.
AUDIT_FIELD = {
    "decision": _l("Decision"), "decision_code": _l("Chosen instead"), "reason": _l("Reason"),
    "code": _l("Code"), "title": _l("Title"), "description": _l("Description"),
    "areas": _l("Areas"), "county": _l("County"), "county_code": _l("County"),
    "counties": _l("Counties"), "starts_on": _l("Start date"), "ends_on": _l("Last date"),
    "location": _l("Location"), "seats": _l("Seats"), "name": _l("Name"),
    "profile": _l("Profile"), "capacity": _l("Capacity"), "email": _l("E-mail address"),
    "summary": _l("Summary"), "outcome": _l("Outcome"), "sector": _l("Industry"),
    "employees": _l("Employees"), "answers": _l("Answers"),
    "workshop_series": _l("Workshop series"), "workshop_series_id": _l("Workshop series"),
    "coach": _l("Coach"), "coach_id": _l("Coach"), "kind": _l("Stage"),
    "occurred_on": _l("Date"), "support_value_eur": _l("Support"), "notes": _l("Notes"),
    "attachment": _l("File"), "confirmed_over_ceiling": _l("Over the de minimis ceiling"),
    "sni_division": _l("Industry"), "municipality": _l("Municipality"),
    "turnover_band": _l("Annual turnover"), "leadership": _l("Led by"),
    "contact_name": _l("Contact person's name"), "contact_role": _l("Role at the company"),
    "contact_email": _l("Contact's e-mail address"), "contact_phone": _l("Phone number"),
    "de_minimis_received": _l("De minimis aid received"),
    "de_minimis_amount_eur": _l("De minimis amount"), "status": _l("Status"),
    "role": _l("Role"), "file": _l("File"), "created": _l("Created"), "updated": _l("Updated"),
    "before": _l("Suggestions before"), "after": _l("Suggestions after"),
    "start": _l("From"), "end": _l("To"), "companies": _l("Companies"),
    "old_code": _l("Code before"), "fields": _l("Fields"), "coaches": _l("Coaches"),
    "cases": _l("Earlier cases"),
    "held_on": _l("Date"), "due_on": _l("Due"), "owner_id": _l("Owner"),
    "subject": _l("Subject"), "present": _l("Present"), "absent": _l("Absent"),
    "coordinator_id": _l("Responsible coordinator"),
    "previous_coordinator_id": _l("Responsible before"), "bulk": _l("Several at once"),
    "export": _l("Export"),
}

# The inbox's columns a coordinator can choose (the company is always shown).
INBOX_COLUMN = {
    "status": _l("Status"), "county": _l("County"), "main_need": _l("Area of greatest need"),
    "submitted": _l("Submitted"), "decided": _l("Decided"), "booked": _l("Booked"),
    "latest_stage": _l("Latest stage"), "responsible": _l("Responsible coordinator"),
    "next_step": _l("Next step"),
}

_TRANSLATED = {
    "status": STATUS, "activity": ACTIVITY, "decision": DECISION, "turnover": TURNOVER_BAND,
    "fit": FIT, "kind": KIND_NAME, "contact": CONTACT_KIND,
    "leadership": LEADERSHIP, "size_class": SIZE_CLASS, "leadership_class": LEADERSHIP_CLASS,
}
_REFERENCE = {
    "county": (reference.is_county, reference.county_name),
    "sni": (reference.is_sni_division, reference.sni_name),
}
KINDS = frozenset(_TRANSLATED) | frozenset(_REFERENCE) | {"area"}


def name_of(kind: str, code: str | None, lang: str | None = None) -> str:
    """The name of `code` (a county, an SNI division, a size class, ...) in `lang`.

    `lang` None means the request's language. An unknown code comes back as it is, and None as
    an empty string: a page never fails on a code a later version no longer knows.
    """
    if code is None:
        return ""
    if kind == "area":
        titles = {a.key: a.title for a in questionnaire.load().areas}
        return localized(titles[code], lang) if code in titles else str(code)
    if kind in _REFERENCE:
        known, name = _REFERENCE[kind]
        return name(code, lang or current_language()) if known(code) else str(code)
    label = _TRANSLATED[kind].get(code)
    if label is None:
        return str(code)
    if lang is None:
        return str(label)
    with force_locale(lang):
        return str(label)


def resolved(labels: dict) -> dict:
    """`labels` translated once into the request's language.

    A lazy label is translated again each time a template prints it (about 30 µs through
    Flask-Babel's context look-ups); a page printing one per row and column, like the inbox,
    resolves its labels once instead. Markup, because a lazy label prints unescaped too.
    """
    return {key: Markup(str(label)) for key, label in labels.items()}


def names_once():
    """`name_of` for one page that names the same codes in every row (a county, an area):
    each code is looked up once (a fresh cache per page, so a language never leaks into the
    next request)."""
    return functools.cache(name_of)


def summary_label(text) -> str | None:
    """A field's label as an error summary names it: without "(optional)" and end punctuation;
    None for a label that is a long sentence (the error message then speaks alone)."""
    label = re.sub(r"\s*\([^)]*\)\s*$", "", str(text).strip()).rstrip(" .:?")
    return label if len(label) <= 60 else None


def init_app(app: Flask) -> None:
    app.jinja_env.filters["summary_label"] = summary_label
    app.jinja_env.globals.update(
        STATUS_LABELS=STATUS, KIND_LABELS=SUGGESTION_KIND, DECISION_LABELS=DECISION,
        ACTIVITY_LABELS=ACTIVITY, name_of=name_of, IntakeStatus=IntakeStatus,
        KIND_NAMES=KIND_NAME, FIT_LABELS=FIT, DECISION_BADGES=DECISION_BADGE,
        COLUMN_LABELS=INBOX_COLUMN,
    )
