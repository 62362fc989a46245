"""Answering the questionnaire the way the company's pages do, and logging in as staff."""

from intake.extensions import db
from intake.models import User
from intake.operations.users import create_staff_user
from intake.questionnaire import load
from tests.factories import PASSWORD, login

QUESTIONNAIRE = load()
REQUIRED = [a for a in QUESTIONNAIRE.areas if a.required]

TEXTS = {
    "digitalisation": "Vi planerar produktionen i Excel och har ingen produktionsuppföljning.",
    "automation": "Vi svetsar allt för hand och hittar inte svetsare; vill titta på svetsrobot.",
    "productivity": "Långa ställtider och mycket letande efter verktyg.",
    "business_model": "Vi säljer bara legotillverkning till två stora kunder.",
}


def step_data(area, level="2", priority="4", text=None, nav="next") -> dict:
    data = {f"statement_{s.key}": level for s in area.statements}
    data["priority"] = priority
    data["text"] = TEXTS.get(area.key, "") if text is None else text
    data["nav"] = nav
    return data


def answer_required_areas(client, **overrides) -> None:
    for area in REQUIRED:
        response = client.post(f"/company/questionnaire/{area.key}",
                               data=step_data(area, **overrides))
        assert response.status_code == 302, response.get_data(as_text=True)


def logged_in(client, company, password="correct horse battery"):
    response = client.post("/login", data={"email": company.contact_email,
                                           "password": password})
    assert response.status_code == 302
    return client


def make_staff(email: str, role: str, name: str) -> User:
    user = create_staff_user(email, role, PASSWORD, name)
    db.session.commit()
    return user


def login_as(client, user: User, password: str = PASSWORD):
    """Log `user` in through the real login form; asserts that it worked."""
    response = login(client, user.email, password)
    assert response.status_code == 302, response.get_data(as_text=True)[:500]
    return response
