"""Factories for the objects tests need, made through the app's own operations."""

import itertools
from pathlib import Path

from intake.extensions import db
from intake.interchange import load_json, validate_catalogue
from intake.operations.catalogue_files import import_catalogue, known_codes
from intake.operations.registration import CompanyDetails, Registration, register_company

ROOT = Path(__file__).resolve().parent.parent
DEMO_CATALOGUE = ROOT / "matching" / "evaluation" / "catalogue.json"
PASSWORD = "correct horse battery"
_serial = itertools.count(1)


def luhn_complete(nine_digits: str) -> str:
    """Append the Luhn check digit that makes a valid organisation number."""
    for check in range(10):
        digits = nine_digits + str(check)
        total = 0
        for i, ch in enumerate(digits):
            n = int(ch) * (2 if i % 2 == 0 else 1)
            total += n - 9 if n > 9 else n
        if total % 10 == 0:
            return f"{digits[:6]}-{digits[6:]}"
    raise AssertionError("unreachable")


def org_number() -> str:
    return luhn_complete(f"55{next(_serial):07d}")


def details(**overrides) -> CompanyDetails:
    n = next(_serial)
    values = {
        "name": f"Verkstad {n} AB", "sni_division": "25", "county": "23",
        "municipality": "Östersund", "employees": 35, "turnover_band": "20_100",
        "leadership": None, "contact_name": f"Kim Karlsson {n}", "contact_role": "VD",
        "contact_email": f"kim{n}@verkstad{n}.se", "contact_phone": "070-123 45 67",
        "de_minimis_received": False, "de_minimis_amount_eur": 0,
    }
    values.update(overrides)
    return CompanyDetails(**values)


# A complete registration as the form sends it (a fresh organisation number each time).
REGISTRATION_FORM = {
    "name": "Nordverk AB",
    "sni_division": "25",
    "county": "22",
    "municipality": "Sundsvall",
    "employees": "42",
    "turnover_band": "20_100",
    "leadership": "mixed",
    "contact_name": "Maria Berg",
    "contact_role": "Produktionschef",
    "contact_email": "maria@nordverk.se",
    "contact_phone": "070-123 45 67",
    "de_minimis_received": "yes",
    "de_minimis_amount_eur": "12000",
    "password": "ett långt lösenord",
    "confirm": "ett långt lösenord",
    "consent": "y",
}


def registration_form(**changes) -> dict:
    data = dict(REGISTRATION_FORM, org_number=org_number())
    data.update(changes)
    return data


class CompanyFactory:
    def __init__(self, app):
        self.app = app

    def create(self, org=None, password=PASSWORD, **overrides):
        user = register_company(Registration(
            org_number=org or org_number(), details=details(**overrides),
            password=password, privacy_notice_version="2026-1",
        ))
        db.session.commit()
        return user.company


def import_demo_catalogue():
    catalogue = validate_catalogue(load_json(DEMO_CATALOGUE.read_bytes(), DEMO_CATALOGUE.name),
                                   DEMO_CATALOGUE.name, known_codes=known_codes())
    import_catalogue(catalogue)
    db.session.commit()


def login(client, email: str, password: str = PASSWORD):
    return client.post("/login", data={"email": email, "password": password})
