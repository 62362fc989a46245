"""Registering a company: the company, its contact, its consent and its first login."""

from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from intake.clock import utcnow
from intake.extensions import db
from intake.models import Company, Intake, Role, User
from intake.operations.users import find_user_by_email
from intake.questionnaire import CURRENT_VERSION


class AlreadyRegistered(Exception):
    """The organisation number or the login e-mail is taken. Says which, and nothing more."""

    def __init__(self, field: str):
        super().__init__(field)
        self.field = field


@dataclass(frozen=True)
class CompanyDetails:
    name: str
    sni_division: str
    county: str
    municipality: str
    employees: int
    turnover_band: str
    leadership: str | None
    contact_name: str
    contact_role: str
    contact_email: str
    contact_phone: str
    de_minimis_received: bool
    de_minimis_amount_eur: int


@dataclass(frozen=True)
class Registration:
    org_number: str
    details: CompanyDetails
    password: str
    privacy_notice_version: str
    language: str = "sv"


def apply_details(company: Company, details: CompanyDetails) -> None:
    company.name = details.name.strip()
    company.sni_division = details.sni_division
    company.county_code = details.county
    company.municipality = details.municipality.strip()
    company.employees = details.employees
    company.turnover_band = details.turnover_band
    company.leadership = details.leadership or None
    company.contact_name = details.contact_name.strip()
    company.contact_role = details.contact_role.strip()
    company.contact_email = details.contact_email.strip().lower()
    company.contact_phone = details.contact_phone.strip()
    amount = details.de_minimis_amount_eur if details.de_minimis_received else 0
    if (company.de_minimis_received, company.de_minimis_amount_eur) != (
        details.de_minimis_received, amount
    ) or company.de_minimis_declared_at is None:
        company.de_minimis_declared_at = utcnow()
    company.de_minimis_received = details.de_minimis_received
    company.de_minimis_amount_eur = amount


def register_company(registration: Registration) -> User:
    """Create the company, a draft intake and the contact's login; returns the login."""
    if db.session.scalar(select(Company.id).where(Company.org_number == registration.org_number)):
        raise AlreadyRegistered("org_number")
    if find_user_by_email(registration.details.contact_email) is not None:
        raise AlreadyRegistered("contact_email")

    company = Company(org_number=registration.org_number)
    apply_details(company, registration.details)
    company.consent_at = utcnow()
    company.privacy_notice_version = registration.privacy_notice_version
    company.language = registration.language
    company.intakes.append(Intake(questionnaire_version=CURRENT_VERSION))
    user = User(email=company.contact_email, role=Role.COMPANY, name=company.contact_name)
    user.set_password(registration.password)
    company.users.append(user)
    try:
        with db.session.begin_nested():
            db.session.add(company)
            db.session.flush()
    except IntegrityError:  # registered by someone else in the same instant
        raise AlreadyRegistered("org_number") from None
    return user
