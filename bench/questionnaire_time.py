"""How long registering and the needs questionnaire take, from the pages as they are served.

    python bench/questionnaire_time.py

The front page promises a time; this measures what the pages ask of a person and turns it
into minutes with published rates of reading, choosing and typing (a keystroke-level model,
Card, Moran & Newell), on a PC and on a phone. Measured from the served HTML of each page: the
words a person reads in the page's main part, the radio groups and fields they answer. Not
measured: a person who stops to look things up (turnover, de minimis aid) or to ask a
colleague, which the pages cannot shorten.
"""

import re
import sys
from html.parser import HTMLParser
from pathlib import Path
from tempfile import TemporaryDirectory

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from intake import create_app  # noqa: E402
from intake.extensions import db  # noqa: E402

# Rates per device: reading speed (words per minute, functional text on a screen), typing
# (characters per second), pointing or tapping one control and choosing among options
# (seconds), moving between pages (seconds, load and scroll to the top).
DEVICES = {
    "PC": {"wpm": 220, "cps": 3.0, "point": 1.1, "choose": 2.0, "page": 2.0},
    "phone": {"wpm": 180, "cps": 1.5, "point": 1.6, "choose": 2.0, "page": 3.0},
}
# What a person types at registration (typical lengths), and per area of the questionnaire.
REGISTRATION_TYPING = {"name": 22, "org_number": 11, "sni_division-filter": 5,
                       "municipality": 9, "employees": 2, "contact_name": 14,
                       "contact_role": 12, "contact_email": 24, "contact_phone": 12,
                       "password": 14, "confirm": 14}
FREE_TEXT_CHARS = 150  # one or two sentences per area
FREE_TEXT_THINKING = 20.0  # seconds to decide what to write


class _MainText(HTMLParser):
    """The words inside <main>, and its form controls."""

    def __init__(self):
        super().__init__()
        self.depth = 0
        self.skip = 0
        self.words = 0
        self.radio_groups: set[str] = set()
        self.selects = 0
        self.textareas = 0

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "main":
            self.depth += 1
        if tag in ("script", "style", "option"):
            self.skip += 1
        if not self.depth:
            return
        if tag == "input" and attrs.get("type") == "radio":
            self.radio_groups.add(attrs.get("name", ""))
        elif tag == "select":
            self.selects += 1
        elif tag == "textarea":
            self.textareas += 1

    def handle_endtag(self, tag):
        if tag == "main":
            self.depth -= 1
        if tag in ("script", "style", "option"):
            self.skip -= 1

    def handle_data(self, data):
        if self.depth and not self.skip:
            self.words += len(re.findall(r"\w+", data))


def _page(client, url: str) -> _MainText:
    response = client.get(url)
    assert response.status_code == 200, url
    parsed = _MainText()
    parsed.feed(response.get_data(as_text=True))
    return parsed


def _seconds(page: _MainText, rates: dict, typed: int = 0, texts: int = 0) -> float:
    reading = page.words / rates["wpm"] * 60
    controls = len(page.radio_groups) + page.selects
    choosing = controls * (rates["point"] + rates["choose"])
    typing = typed / rates["cps"] + texts * (FREE_TEXT_CHARS / rates["cps"] + FREE_TEXT_THINKING)
    return reading + choosing + typing + rates["page"]


def _company(client) -> None:
    """A registered company, logged in on `client`."""
    from intake.operations.registration import CompanyDetails, Registration, register_company

    register_company(Registration(
        org_number="556036-0793", password="bench password 1", privacy_notice_version="2026-1",
        details=CompanyDetails(
            name="Bänkverkstaden AB", sni_division="25", county="23", municipality="Krokom",
            employees=20, turnover_band="20_100", leadership=None, contact_name="Bo Bänk",
            contact_role="VD", contact_email="bo@bank.example", contact_phone="070-123 45 67",
            de_minimis_received=False, de_minimis_amount_eur=0)))
    db.session.commit()
    client.post("/login", data={"email": "bo@bank.example", "password": "bench password 1"})


def measure() -> dict:
    with TemporaryDirectory() as tmp:
        from flask_migrate import upgrade

        app = create_app({"TESTING": True, "SECRET_KEY": "bench", "WTF_CSRF_ENABLED": False,
                          "SQLALCHEMY_DATABASE_URI": f"sqlite:///{tmp}/bench.sqlite3",
                          "PASSWORD_HASH_METHOD": "pbkdf2:sha256:1000"})
        with app.app_context():
            upgrade(directory=str(ROOT / "migrations"))
            client = app.test_client()
            register = _page(client, "/company/register")
            _company(client)
            steps = {}
            for area in ("digitalisation", "automation", "productivity", "business_model",
                         "competence", "sustainability"):
                steps[area] = _page(client, f"/company/questionnaire/{area}")
            review = _page(client, "/company/questionnaire/review")
            db.session.remove()
            db.engine.dispose()
    result = {}
    for device, rates in DEVICES.items():
        typed = sum(REGISTRATION_TYPING.values())
        # Registration: the consent box and the submit are controls too.
        registration = _seconds(register, rates, typed=typed) + 2 * rates["point"]
        required = sum(_seconds(steps[a], rates, texts=1) + rates["point"]
                       for a in list(steps)[:4])
        optional = sum(_seconds(steps[a], rates, texts=1) + rates["point"]
                       for a in list(steps)[4:])
        submit = _seconds(review, rates) + rates["point"]
        result[device] = {"registration": registration / 60,
                          "questionnaire": (required + submit) / 60,
                          "optional areas": optional / 60}
    result["pages"] = {"register words": register.words,
                       "step words (mean)": sum(p.words for p in steps.values()) / len(steps),
                       "choices per step": len(steps["digitalisation"].radio_groups)}
    return result


def main() -> None:
    result = measure()
    pages = result.pop("pages")
    print(f"registration page: {pages['register words']} words; a questionnaire step: "
          f"{pages['step words (mean)']:.0f} words and {pages['choices per step']} choices")
    print(f"{'':8}{'register':>10}{'4 areas':>10}{'+2 optional':>13}")
    for device, minutes in result.items():
        print(f"{device:8}{minutes['registration']:>9.1f}m{minutes['questionnaire']:>9.1f}m"
              f"{minutes['optional areas']:>12.1f}m")


if __name__ == "__main__":
    main()
