"""The demo: a programme in its second month, built through the app's own operations.

`load_demo()` makes the demo catalogue, a coordinator and the fictional companies of
`intake.demo.companies`: drafts, submitted ones with suggestions, reviews under way and
finished, bookings in a finished, a running and a coming workshop series, a coach, and one
company with stages up to an action plan. The finished series is marked finished, so its
companies' follow-up surveys are due. Loading again changes nothing: a company that exists
is left as it is, and every date counts from the day the demo was first loaded. The CLI
(`flask --app wsgi demo load`) refuses to run it in production and prints the logins.
"""

from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from decimal import Decimal
from pathlib import Path

from sqlalchemy import func, select

from intake.clock import today
from intake.demo.companies import COMPANIES, DEMO_ORG_PREFIX, SCHEDULE, DemoCompany
from intake.extensions import db
from intake.interchange import load_json, validate_catalogue
from intake.models import Company, Decision, Role, SuggestionKind, User, WorkshopSeries
from intake.operations import (
    booking,
    catalogue_edit,
    company_messages,
    contact_log,
    questionnaire,
    review,
    series_sessions,
    surveys,
)
from intake.operations.catalogue_files import import_catalogue, known_codes
from intake.operations.registration import CompanyDetails, Registration, register_company
from intake.operations.users import create_staff_user, find_user_by_email
from intake.orgnr import with_check_digit

ROOT = Path(__file__).resolve().parent.parent.parent
CATALOGUE = ROOT / "matching" / "evaluation" / "catalogue.json"
COORDINATOR = ("samordnare@demo.invalid", "demo-samordnare-2026", "Demo-samordnare")
COMPANY_PASSWORD = "demo-foretag-2026"


@dataclass
class DemoResult:
    coordinator: tuple[str, str]
    company_password: str
    companies: list[tuple[str, str, str]] = field(default_factory=list)  # email, name, state
    created: int = 0


def org_number(company: DemoCompany) -> str:
    return with_check_digit(f"{DEMO_ORG_PREFIX}{company.serial:05d}")


def first_day() -> date:
    """The day the demo was first loaded (its first company's registration), else today."""
    orgs = [org_number(c) for c in COMPANIES]
    stored = db.session.scalar(select(func.min(Company.created_at))
                               .where(Company.org_number.in_(orgs)))
    if stored is None:
        return today()
    first = next(c for c in COMPANIES if c.registered == max(x.registered for x in COMPANIES))
    return stored.date() + timedelta(days=first.registered)


def load_demo() -> DemoResult:
    """Load what is missing of the demo; commits as it goes, so a failure keeps the rest."""
    coordinator = find_user_by_email(COORDINATOR[0])
    if coordinator is None:
        coordinator = create_staff_user(COORDINATOR[0], Role.ADMIN, COORDINATOR[1],
                                        COORDINATOR[2])
        db.session.commit()
    day = first_day()
    _load_catalogue(day, coordinator)
    result = DemoResult(coordinator=COORDINATOR[:2], company_password=COMPANY_PASSWORD)
    for spec in COMPANIES:
        if db.session.scalar(select(Company.id).where(Company.org_number == org_number(spec))):
            result.companies.append((spec.email, spec.name, spec.state))
            continue
        _make_company(spec, day, coordinator)
        db.session.commit()
        result.created += 1
        result.companies.append((spec.email, spec.name, spec.state))
    _follow_up(day, coordinator)
    db.session.commit()
    _finish_past_series(day, coordinator)
    return result


def _follow_up(day: date, coordinator: User) -> None:
    """Sessions with attendance for the finished and the running series, and a contact note
    and a next step for each booked company: made once, when none exist yet."""
    for code in ("WS-ROBOT-Z", "WS-LEAN-Y"):
        series = db.session.scalar(select(WorkshopSeries).where(WorkshopSeries.code == code))
        if series is None or series_sessions.sessions_of(series):
            continue
        start, _end, _place = SCHEDULE[code]
        for week in range(0, (SCHEDULE[code][1] - start) + 1, 14):
            held = series_sessions.add_session(series, day + timedelta(days=start + week),
                                               f"Träff {week // 14 + 1}", coordinator)
            booked = sorted(series_sessions.booked_company_ids(series.id))
            if held.held_on <= today() and booked:
                # Everyone came, but the first company missed every second session.
                present = booked[1:] if week % 28 else booked
                series_sessions.record_attendance(held, present, coordinator)
    booked = db.session.scalars(select(Company).where(Company.org_number.in_(
        [org_number(c) for c in COMPANIES if c.book])).order_by(Company.id))
    for company in booked:
        if contact_log.contact_log(company).notes:
            continue
        contact_log.add_note(company, "phone", today() - timedelta(days=3),
                             "Bekräftade bokningen per telefon. Vd:n kommer själv, kanske "
                             "med produktionschefen.", coordinator)
        contact_log.add_next_step(company, "Följ upp efter första träffen: nästa insats?",
                                  today() + timedelta(days=company.id % 3 * 7 - 3),
                                  coordinator, coordinator)


def _finish_past_series(day: date, coordinator: User) -> None:
    """The series that ended before the demo's day is marked finished then: its companies'
    follow-up surveys are due, for `flask --app wsgi surveys send-due` to send."""
    for code, (_start, end, _place) in SCHEDULE.items():
        series = db.session.scalar(select(WorkshopSeries).where(WorkshopSeries.code == code))
        ended = day + timedelta(days=end)
        if series.finished_on is None and ended <= today():
            surveys.finish_series(series, ended, coordinator)
    db.session.commit()


def _load_catalogue(day: date, user: User) -> None:
    """The demo catalogue, with three series moved around the demo's first day."""
    data = load_json(CATALOGUE.read_bytes(), CATALOGUE.name)
    for item in data["workshop_series"]:
        if item["code"] in SCHEDULE:
            item["starts_on"] = (day + timedelta(days=SCHEDULE[item["code"]][0])).isoformat()
    import_catalogue(validate_catalogue(data, CATALOGUE.name, known_codes=known_codes()))
    for code, (_start, end, place) in SCHEDULE.items():
        series = db.session.scalar(select(WorkshopSeries).where(WorkshopSeries.code == code))
        catalogue_edit.update_item("series", series, {
            "ends_on": day + timedelta(days=end), "location": place}, series.version, user)
    db.session.commit()


def _at(day: date, days: int, hour: int = 9) -> datetime:
    return datetime.combine(day + timedelta(days=days), time(hour))


def _make_company(spec: DemoCompany, day: date, coordinator: User) -> None:
    user = register_company(Registration(
        org_number=org_number(spec), password=COMPANY_PASSWORD, privacy_notice_version="2026-1",
        details=CompanyDetails(
            name=spec.name, sni_division=spec.sni, county=spec.county,
            municipality=spec.municipality, employees=spec.employees,
            turnover_band=spec.turnover, leadership=spec.leadership,
            contact_name=spec.contact[0], contact_role=spec.contact[1],
            contact_email=spec.email, contact_phone="070-000 00 00",
            de_minimis_received=bool(spec.de_minimis_eur),
            de_minimis_amount_eur=spec.de_minimis_eur)))
    company = user.company
    registered = _at(day, -spec.registered, 8)
    company.created_at = user.created_at = company.consent_at = registered
    company.de_minimis_declared_at = registered
    intake = company.current_intake
    areas = {a.key: a for a in questionnaire.questionnaire_for(intake).areas}
    for key, (levels, priority, text) in spec.answers.items():
        keys = [s.key for s in areas[key].statements]
        questionnaire.save_area(intake, key, dict(zip(keys, levels, strict=True)), priority,
                                text)
    if not spec.submit:
        return
    questionnaire.submit_intake(intake)
    intake.submitted_at = registered + timedelta(hours=2)
    if spec.decisions == 0:
        return
    review.open_review(company, coordinator)
    _decide(intake, spec, coordinator, registered + timedelta(days=2))
    booked_at = registered + timedelta(days=4)
    if spec.book and spec.series:
        series = db.session.scalar(select(WorkshopSeries)
                                   .where(WorkshopSeries.code == spec.series))
        booking.enrol(company, series.id, coordinator, Decimal("4500")).created_at = booked_at
    if spec.assign_coach and spec.coach:
        coach_id = next(item.id for code, item in _coaches().items() if code == spec.coach)
        booking.assign_coach(company, coach_id, coordinator).created_at = booked_at
    for stage in spec.stages:
        booking.record_activity(company, stage.kind, day + timedelta(days=stage.day),
                                stage.notes, Decimal(stage.value_eur), coordinator)


def _coaches() -> dict:
    from intake.models import Coach

    return {c.code: c for c in db.session.scalars(select(Coach))}


# What the demo coordinator says, in their own words, when they reject or change.
REASONS = {
    "changed": "Startar i rätt tid och ligger i företagets län.",
    "workshop_series": "En serie i taget räcker för företaget just nu.",
    "coach": "Företaget har redan fått en coach med rätt inriktning.",
    "case": "Inte jämförbar: ett mycket större företag.",
}


def _decision(suggestion, spec: DemoCompany, suggested: set[str]) -> tuple[str, str | None]:
    target = {SuggestionKind.WORKSHOP_SERIES: spec.series,
              SuggestionKind.COACH: spec.coach}.get(suggestion.kind)
    if target and suggestion.code == target:
        return Decision.ACCEPTED, None
    if suggestion.rank == 1:
        if target and target not in suggested:
            return Decision.CHANGED, target
        return (Decision.REJECTED, None) if target else (Decision.ACCEPTED, None)
    if suggestion.kind == SuggestionKind.CASE and suggestion.rank == 2:
        return Decision.ACCEPTED, None
    return Decision.REJECTED, None


def _decide(intake, spec: DemoCompany, coordinator: User, when: datetime) -> None:
    todo = sorted(intake.suggestions, key=lambda s: (s.kind != SuggestionKind.WORKSHOP_SERIES,
                                                     s.kind != SuggestionKind.COACH, s.rank))
    suggested = {s.code for s in intake.suggestions}
    for n, suggestion in enumerate(todo[:spec.decisions]):
        decision, code = _decision(suggestion, spec, suggested)
        reason = None
        if decision == Decision.CHANGED:
            reason = REASONS["changed"]
        elif decision == Decision.REJECTED:
            reason = REASONS[suggestion.kind]
        review.decide(suggestion, coordinator, decision, reason, code)
        suggestion.decided_at = when + timedelta(minutes=7 * n)
    digest = company_messages.digest_due(intake, when + timedelta(days=1))
    if digest is not None:  # the company was told then; no mail from a demo load
        company_messages.mark_told(digest, when + timedelta(hours=1))
