"""Follow-up surveys: invite when a series is finished, send what is due, keep drafts, submit.

A coordinator marks a series finished (`finish_series`); each enrolled company is then due an
invitation (wave 1) and, SURVEY_SECOND_WAVE_DAYS later, a second one with the re-assessment
(wave 2). `send_due` (the cron-safe `flask --app wsgi surveys send-due`) mails what is due:
invitations, and at most two reminders SURVEY_REMINDER_DAYS apart to those who have not
answered. Each mail carries a link of its own: a token from `secrets` (256 bits), stored only
as its SHA-256, valid SURVEY_LINK_DAYS days, opening that one survey and nothing else.

Sending is claimed twice over: candidates are read with SKIP LOCKED on PostgreSQL, and each
mail is counted with a conditional UPDATE that only one run can win, in the transaction that
queues the mail. So two runs at once never send a mail twice.
"""

import hashlib
import re
import secrets
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from flask import current_app
from flask_babel import lazy_gettext as _l
from sqlalchemy import and_, exists, or_, select, update

from intake import questionnaire
from intake.clock import today, utcnow
from intake.extensions import db
from intake.matching_bridge import outcome_given
from intake.models import (
    CoachAssignment,
    Company,
    Enrolment,
    ResponseStatus,
    SurveyInvitation,
    SurveyLink,
    SurveyResponse,
    User,
    WorkshopSeries,
)
from intake.operations.audit import record
from intake.operations.company_messages import company_language
from intake.outbox import queue_mail
from intake.questionnaire.scoring import derive_area_scores
from intake.serving.hosts import external_url

MAX_REMINDERS = 2
TOKEN_BYTES = 32
_TOKEN = re.compile(r"[A-Za-z0-9_-]{43}")


class SurveyProblem(Exception):
    """A rule of the surveys was broken; the view says which."""


class FinishedInFuture(SurveyProblem):
    """A series cannot be marked finished on a day that has not come."""


class FinishedBeforeStart(SurveyProblem):
    """A series cannot be finished before its first day."""


class NotEnrolled(SurveyProblem):
    """The company is not booked into the series it would be asked about."""


class LinkProblem(Exception):
    """A survey link that opens nothing: `status` is the HTTP answer."""

    status = 404


class LinkUnknown(LinkProblem):
    status = 404


class LinkExpired(LinkProblem):
    status = 410


class AlreadyAnswered(LinkProblem):
    status = 410


@dataclass
class SendCounts:
    invitations: int = 0
    reminders: int = 0


def _days(name: str, default: int) -> int:
    return int(current_app.config.get(name, default))


def hash_token(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def finish_series(series: WorkshopSeries, on: date, by: User | None) -> int:
    """Mark `series` finished on `on`: every enrolled company is due the survey from that day,
    and the second wave (with the re-assessment) SURVEY_SECOND_WAVE_DAYS later. Returns how
    many companies were newly invited; a company already invited keeps its invitations."""
    if on > today():
        raise FinishedInFuture(on)
    if series.starts_on is not None and on < series.starts_on:
        raise FinishedBeforeStart(series.starts_on)
    series.finished_on = on
    second = on + timedelta(days=_days("SURVEY_SECOND_WAVE_DAYS", 180))
    companies = made = 0
    for enrolment in db.session.scalars(select(Enrolment).where(
            Enrolment.workshop_series_id == series.id).order_by(Enrolment.id)):
        new = [_invitation(enrolment.company_id, series.id, wave, due, by) is not None
               for wave, due in ((1, on), (2, second))]
        companies += new[0]
        made += sum(new)
    record(by, "series.finished", "workshop_series", series.id,
           {"finished_on": on, "companies": companies, "invitations": made})
    db.session.flush()
    return companies


def _invitation(company_id: int, series_id: int, wave: int, due: date,
                by: User | None) -> SurveyInvitation | None:
    """A new invitation, or None when the company already has this one."""
    found = db.session.scalar(select(SurveyInvitation.id).where(
        SurveyInvitation.company_id == company_id,
        SurveyInvitation.workshop_series_id == series_id, SurveyInvitation.wave == wave))
    if found is not None:
        return None
    invitation = SurveyInvitation(company_id=company_id, workshop_series_id=series_id, wave=wave,
                                  due_on=due, created_by_id=getattr(by, "id", None))
    db.session.add(invitation)
    db.session.flush()
    return invitation


def invite_now(company: Company, series: WorkshopSeries, by: User | None) -> SurveyInvitation:
    """A coordinator sends the first survey by hand: due today, mailed by this request."""
    if db.session.scalar(select(Enrolment.id).where(
            Enrolment.company_id == company.id,
            Enrolment.workshop_series_id == series.id)) is None:
        raise NotEnrolled(series.code)
    invitation = _invitation(company.id, series.id, 1, today(), by) or db.session.scalar(
        select(SurveyInvitation).where(SurveyInvitation.company_id == company.id,
                                       SurveyInvitation.workshop_series_id == series.id,
                                       SurveyInvitation.wave == 1))
    if invitation.answered:
        raise AlreadyAnswered()
    record(by, "survey.sent_by_hand", "company", company.id, {"series": series.code})
    _mail(invitation, invitation.mails_sent, utcnow())
    return invitation


def _due(now: datetime):
    """Invitations that should be mailed now: never mailed and due, or unanswered and quiet
    for SURVEY_REMINDER_DAYS, with reminders left; the company must have an address."""
    quiet = now - timedelta(days=_days("SURVEY_REMINDER_DAYS", 7))
    answered = exists().where(SurveyResponse.invitation_id == SurveyInvitation.id,
                              SurveyResponse.status == ResponseStatus.SUBMITTED)
    reachable = exists().where(Company.id == SurveyInvitation.company_id,
                               Company.contact_email.is_not(None))
    return and_(SurveyInvitation.due_on <= now.date(), reachable, or_(
        SurveyInvitation.mails_sent == 0,
        and_(SurveyInvitation.mails_sent.between(1, MAX_REMINDERS),
             SurveyInvitation.last_mailed_at <= quiet, ~answered)))


def _claim(now: datetime, done: set[int], limit: int) -> list[tuple[int, int]]:
    query = (select(SurveyInvitation.id, SurveyInvitation.mails_sent).where(_due(now))
             .order_by(SurveyInvitation.id).limit(limit))
    if done:
        query = query.where(SurveyInvitation.id.not_in(done))
    if db.session.get_bind().dialect.name == "postgresql":
        query = query.with_for_update(skip_locked=True, of=SurveyInvitation)
    return [tuple(row) for row in db.session.execute(query)]


def send_due(now: datetime | None = None, limit: int = 50) -> SendCounts:
    """Queue every invitation and reminder that is due, committing per batch; each
    invitation gets at most one mail per run. The caller delivers what was committed."""
    now = now or utcnow()
    counts, done = SendCounts(), set()
    while batch := _claim(now, done, limit):
        for invitation_id, seen in batch:
            done.add(invitation_id)
            invitation = db.session.get(SurveyInvitation, invitation_id)
            if _mail(invitation, seen, now):
                if seen == 0:
                    counts.invitations += 1
                else:
                    counts.reminders += 1
        db.session.commit()
    db.session.commit()
    return counts


def _mail(invitation: SurveyInvitation, seen: int, now: datetime) -> bool:
    """Count one more mail (only if no one else has since `seen`) and queue it with a new
    link; False when another run got there first or the company has no address."""
    company = invitation.company
    if not company.contact_email:
        return False
    won = db.session.execute(
        update(SurveyInvitation)
        .where(SurveyInvitation.id == invitation.id, SurveyInvitation.mails_sent == seen)
        .values(mails_sent=seen + 1, last_mailed_at=now)
        .execution_options(synchronize_session=False)).rowcount
    if won != 1:
        return False
    db.session.refresh(invitation)
    token = secrets.token_urlsafe(TOKEN_BYTES)
    expires = now + timedelta(days=_days("SURVEY_LINK_DAYS", 60))
    db.session.add(SurveyLink(invitation_id=invitation.id, token_hash=hash_token(token),
                              created_at=now, expires_at=expires))
    reminder = seen > 0
    if invitation.wave == 2:
        subject = _l("Six months on: how is it going after the workshop series?")
    elif reminder:
        subject = _l("Reminder: a short survey about the workshop series")
    else:
        subject = _l("How was the workshop series? A short survey")
    queue_mail(company.contact_email, subject, "survey_invitation",
               lang=company_language(company), company=company,
               series=invitation.workshop_series, wave=invitation.wave, reminder=reminder,
               link=external_url("survey.answer", token=token), expires_on=expires.date())
    db.session.flush()
    return True


def open_link(token: str, now: datetime | None = None) -> SurveyInvitation:
    """The invitation a link opens, or the reason it opens nothing (LinkProblem)."""
    if not isinstance(token, str) or not _TOKEN.fullmatch(token):
        raise LinkUnknown()
    link = db.session.scalar(select(SurveyLink).where(SurveyLink.token_hash == hash_token(token)))
    if link is None:
        raise LinkUnknown()
    if link.invitation.answered:
        raise AlreadyAnswered()
    if link.expires_at <= (now or utcnow()):
        raise LinkExpired()
    return link.invitation


def reassessment_areas(invitation: SurveyInvitation):
    """The questionnaire and its areas the company answered, for the six-month re-assessment;
    (None, ()) for the first wave or a company with no submitted intake."""
    intake = _scored_intake(invitation.company)
    if invitation.wave != 2 or intake is None:
        return None, ()
    asked = questionnaire.load(intake.questionnaire_version)
    return asked, tuple(a for a in asked.areas if a.key in intake.area_scores)


def _scored_intake(company: Company):
    scored = [i for i in company.intakes if i.submitted_at and i.area_scores]
    return scored[-1] if scored else None


def save(invitation: SurveyInvitation, answers: dict, levels: dict | None,
         submit: bool) -> SurveyResponse:
    """Keep the answers as a draft, or submit them (once). Raises AlreadyAnswered when the
    survey was submitted meanwhile (another tab, a double click)."""
    locked = db.session.scalar(select(SurveyInvitation).where(
        SurveyInvitation.id == invitation.id).with_for_update()
        .execution_options(populate_existing=True))
    response = locked.response
    if response is not None:
        db.session.refresh(response)
        if response.status == ResponseStatus.SUBMITTED:
            raise AlreadyAnswered()
    else:
        response = SurveyResponse(invitation=locked, status=ResponseStatus.DRAFT, answers={})
        db.session.add(response)
    response.answers = dict(answers)
    response.maturity_levels = dict(levels) if levels else None
    if submit:
        response.status = ResponseStatus.SUBMITTED
        response.submitted_at = utcnow()
        response.coach_id = _coach_id(locked.company_id)
        response.maturity_change = _change(locked, levels)
        outcome_given(response)
    db.session.flush()
    return response


def _coach_id(company_id: int) -> int | None:
    return db.session.scalar(select(CoachAssignment.coach_id)
                             .where(CoachAssignment.company_id == company_id)
                             .order_by(CoachAssignment.ended_at.is_not(None),
                                       CoachAssignment.id.desc()).limit(1))


def _change(invitation: SurveyInvitation, levels: dict | None) -> dict | None:
    """Per area, the maturity at intake and at the re-assessment, by the questionnaire's own
    scoring of the same statements."""
    asked, areas = reassessment_areas(invitation)
    if not levels or asked is None:
        return None
    intake = _scored_intake(invitation.company)
    after = derive_area_scores(asked, {a.key: {"levels": levels.get(a.key) or {}}
                                       for a in areas if levels.get(a.key)})
    return {key: {"before": intake.area_scores[key]["maturity"], "after": score["maturity"]}
            for key, score in after.items() if key in intake.area_scores}


def company_surveys(company: Company) -> list[SurveyInvitation]:
    """The company's invitations, for its status page (its own before and after)."""
    return list(db.session.scalars(select(SurveyInvitation)
                                   .where(SurveyInvitation.company_id == company.id)
                                   .order_by(SurveyInvitation.due_on, SurveyInvitation.id)))
