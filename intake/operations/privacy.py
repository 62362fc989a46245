"""GDPR: everything stored about a company and its contact, and erasing it on request."""

from sqlalchemy import select

from intake.clock import utcnow
from intake.extensions import db
from intake.models import (
    Activity,
    Company,
    Enrolment,
    SurveyInvitation,
    SurveyLink,
    SurveyResponse,
)
from intake.operations import contact_log

# The survey's free texts: wiped on erasure like the questionnaire's.
SURVEY_TEXTS = ("comment", "next_need")

ANONYMISED_NAME = "(anonymised)"
# The privacy notice's version a company agrees to on registering; change it with the notice.
PRIVACY_NOTICE_VERSION = "2026-1"
# The export says what it leaves out: the coordinators' own working notes about the company.
STAFF_NOTES_LEFT_OUT = ("The coordinators' contact notes and next steps about the company are "
                        "staff working notes and are not included; they are erased with the "
                        "company.")


def _iso(value):
    return value.isoformat() if value is not None else None


def export_company_data(company: Company) -> dict:
    """A JSON-ready copy of what is stored about the company, its contact and its intakes."""
    activities = db.session.scalars(select(Activity).where(Activity.company_id == company.id))
    enrolments = db.session.scalars(select(Enrolment).where(Enrolment.company_id == company.id))
    return {
        "format": "intake-company-export/1",
        "exported_at": _iso(utcnow()),
        "company": {
            "name": company.name, "org_number": company.org_number,
            "sni_division": company.sni_division, "county": company.county_code,
            "municipality": company.municipality, "employees": company.employees,
            "turnover_band": company.turnover_band, "leadership": company.leadership,
            "language": company.language,
            "registered_at": _iso(company.created_at), "updated_at": _iso(company.updated_at),
            "de_minimis": {"received": company.de_minimis_received,
                           "amount_eur": company.de_minimis_amount_eur,
                           "declared_at": _iso(company.de_minimis_declared_at)},
        },
        "contact": {
            "name": company.contact_name, "role": company.contact_role,
            "email": company.contact_email, "phone": company.contact_phone,
            "consent_at": _iso(company.consent_at),
            "privacy_notice_version": company.privacy_notice_version,
        },
        "logins": [{"email": u.email, "created_at": _iso(u.created_at),
                    "last_login_at": _iso(u.last_login_at)} for u in company.users],
        "intakes": [{
            "questionnaire_version": i.questionnaire_version, "status": i.status,
            "created_at": _iso(i.created_at), "submitted_at": _iso(i.submitted_at),
            "answers": {a.area: {"levels": a.levels, "priority": a.priority, "text": a.text}
                        for a in i.answers},
            "suggestions": [{"kind": s.kind, "code": s.code, "score": s.score,
                             "decision": s.decision, "decided_at": _iso(s.decided_at)}
                            for s in i.suggestions],
        } for i in company.intakes],
        "enrolments": [{"workshop_series": e.workshop_series.code,
                        "booked_at": _iso(e.created_at)} for e in enrolments],
        "activities": [{"kind": a.kind, "date": _iso(a.occurred_on),
                        "support_value_eur": str(a.support_value_eur)} for a in activities],
        "not_included": {"staff_notes": STAFF_NOTES_LEFT_OUT},
        "surveys": [{
            "workshop_series": i.workshop_series.code, "wave": i.wave, "due_on": _iso(i.due_on),
            "status": i.response.status if i.response else None,
            "submitted_at": _iso(i.response.submitted_at) if i.response else None,
            "answers": i.response.answers if i.response else None,
            "maturity_levels": i.response.maturity_levels if i.response else None,
        } for i in _invitations(company)],
    }


def _invitations(company: Company) -> list[SurveyInvitation]:
    return list(db.session.scalars(select(SurveyInvitation)
                                   .where(SurveyInvitation.company_id == company.id)
                                   .order_by(SurveyInvitation.id)))


def _erase_surveys(company: Company) -> None:
    """No link opens anything any more, and the survey's free texts are gone; the ratings
    stay for the programme's figures, which name no company."""
    invitations = _invitations(company)
    ids = [i.id for i in invitations]
    if ids:
        db.session.execute(SurveyLink.__table__.delete().where(
            SurveyLink.invitation_id.in_(ids)))
    for response in db.session.scalars(select(SurveyResponse).where(
            SurveyResponse.invitation_id.in_(ids))):
        response.answers = {k: v for k, v in (response.answers or {}).items()
                            if k not in SURVEY_TEXTS}


def erase_company(company: Company) -> str:
    """Erase on request: "deleted" when nothing must be kept, else "anonymised".

    A company that has taken part in an activity stays in the programme's records (the funder's
    participant count and the de minimis ledger are legal obligations) under its organisation
    number, but its contact's personal data, its logins and its free-text answers are gone.
    """
    took_part = db.session.scalar(
        select(Activity.id).where(Activity.company_id == company.id).limit(1)
    ) or db.session.scalar(select(Enrolment.id).where(Enrolment.company_id == company.id).limit(1))
    contact_log.erase_for(company)
    if not took_part:
        db.session.delete(company)
        db.session.flush()
        return "deleted"
    company.name = ANONYMISED_NAME
    company.contact_name = company.contact_role = None
    company.contact_email = company.contact_phone = None
    company.leadership = None
    company.anonymised_at = utcnow()
    for user in list(company.users):
        db.session.delete(user)
    _erase_surveys(company)
    for intake in company.intakes:
        for answer in intake.answers:
            answer.text = ""
    db.session.flush()
    return "anonymised"
