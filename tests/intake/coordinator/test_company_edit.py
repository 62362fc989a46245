"""A coordinator edits a company's details; two coordinators editing at once cannot overwrite
each other without knowing it."""

import re

import pytest
from sqlalchemy import create_engine, select, text

from intake.extensions import db
from intake.models import AuditEvent, Company
from intake.operations import booking
from intake.operations.users import create_staff_user
from tests import factories
from tests.factories import PASSWORD, login


@pytest.fixture
def company(company_factory):
    return company_factory.create(name="Frösö Mekaniska AB", municipality="Östersund")


def english_client(app, email: str):
    user = create_staff_user(email, "coordinator", PASSWORD, email.split("@")[0])
    db.session.commit()
    client = app.test_client()
    client.environ_base["HTTP_ACCEPT_LANGUAGE"] = "en"
    assert login(client, email).status_code == 302
    return client, user


@pytest.fixture
def two_coordinators(app):
    return english_client(app, "sara@regionjh.se"), english_client(app, "olle@regionjh.se")


def loaded_form(client, company_id: int) -> dict:
    """What the edit page sends back if saved unchanged, read from the page itself."""
    response = client.get(f"/coordinator/companies/{company_id}/edit")
    assert response.status_code == 200
    page = response.get_data(as_text=True)
    data = {}
    for tag in re.findall(r"<input[^>]*>", page):
        name = re.search(r'name="([^"]+)"', tag)
        if not name or 'type="radio"' in tag and "checked" not in tag:
            continue
        value = re.search(r'value="([^"]*)"', tag)
        data[name.group(1)] = value.group(1) if value else ""
    for name, options in re.findall(r'<select[^>]*name="([^"]+)"[^>]*>(.*?)</select>', page,
                                    re.S):
        chosen = re.search(r'<option selected value="([^"]*)"', options) or \
            re.search(r'<option value="([^"]*)" selected', options)
        data[name] = chosen.group(1) if chosen else ""
    data.pop("csrf_token", None)
    return data


def test_a_coordinator_edits_the_details_and_it_is_audited(two_coordinators, company):
    (client, user), _ = two_coordinators
    data = loaded_form(client, company.id)
    assert data["version"] == str(company.version)
    assert data["name"] == "Frösö Mekaniska AB"

    response = client.post(f"/coordinator/companies/{company.id}/edit",
                           data={**data, "name": "Frösö Mek AB", "employees": "48"})

    assert response.status_code == 302
    assert response.location.endswith(f"/coordinator/companies/{company.id}#booking")
    db.session.expire_all()
    assert (company.name, company.employees) == ("Frösö Mek AB", 48)
    [event] = db.session.scalars(select(AuditEvent).where(AuditEvent.action == "company.edit"))
    assert event.user_id == user.id
    assert sorted(event.details["fields"]) == ["employees", "name"]


def test_the_second_save_gets_a_conflict_and_overwrites_nothing(two_coordinators, company):
    (sara, _), (olle, _) = two_coordinators
    url = f"/coordinator/companies/{company.id}/edit"
    sara_form = loaded_form(sara, company.id)
    olle_form = loaded_form(olle, company.id)

    assert sara.post(url, data={**sara_form, "municipality": "Krokom"}).status_code == 302
    conflict = olle.post(url, data={**olle_form, "municipality": "Strömsund",
                                    "contact_name": "Olles nya kontakt"})

    assert conflict.status_code == 200
    page = conflict.get_data(as_text=True)
    assert "Someone else saved this company while you were editing" in page
    # What Olle typed is still in the form; what Sara saved is shown, and kept.
    assert 'value="Strömsund"' in page and 'value="Olles nya kontakt"' in page
    assert "Krokom" in page
    db.session.expire_all()
    assert company.municipality == "Krokom"
    assert company.contact_name != "Olles nya kontakt"
    assert len(db.session.scalars(select(AuditEvent).where(
        AuditEvent.action == "company.edit")).all()) == 1

    # Saving again, now knowing what is stored, is a deliberate choice and goes through.
    version = re.search(r'name="version"[^>]*value="(\d+)"', page) or \
        re.search(r'value="(\d+)"[^>]*name="version"', page)
    assert version.group(1) == str(company.version)
    again = olle.post(url, data={**olle_form, "municipality": "Strömsund",
                                 "version": version.group(1)})
    assert again.status_code == 302
    db.session.expire_all()
    assert company.municipality == "Strömsund"


def test_a_save_racing_between_the_check_and_the_update_is_a_conflict(app, company):
    """The version column catches a save that lands after the form's version was checked."""
    loaded = company.version
    engine = create_engine(app.config["SQLALCHEMY_DATABASE_URI"])
    with engine.begin() as conn:  # another worker commits in between
        conn.execute(text("UPDATE companies SET municipality = 'Krokom', version = version + 1 "
                          "WHERE id = :id"), {"id": company.id})
    engine.dispose()
    details = factories.details(name="Frösö Mek AB", municipality="Strömsund")

    with pytest.raises(booking.EditConflict):
        booking.update_company_details(company, details, loaded, None)

    db.session.rollback()
    assert (company.name, company.municipality) == ("Frösö Mekaniska AB", "Krokom")


@pytest.mark.parametrize(("changes", "field", "message"), [
    ({"employees": "många"}, "employees", None),
    ({"employees": "-3"}, "employees", "Enter a whole number, 0 or more."),
    ({"contact_email": "inte-en-adress"}, "contact_email", "Enter a valid e-mail address"),
    ({"name": ""}, "name", "This field is required."),
])
def test_bad_values_are_explained_and_kept_and_nothing_is_saved(
        two_coordinators, company, changes, field, message):
    (client, _), _ = two_coordinators
    data = {**loaded_form(client, company.id), "municipality": "Krokom", **changes}

    response = client.post(f"/coordinator/companies/{company.id}/edit", data=data)

    assert response.status_code == 200
    page = response.get_data(as_text=True)
    assert f'id="{field}-error"' in page
    if message:
        assert message in page
    assert 'value="Krokom"' in page
    db.session.expire_all()
    assert company.municipality == "Östersund"


def test_an_unknown_company_is_404(two_coordinators):
    (client, _), _ = two_coordinators
    assert client.get("/coordinator/companies/999999/edit").status_code == 404
    assert client.post("/coordinator/companies/999999/edit", data={}).status_code == 404


def test_a_company_cannot_edit_through_the_coordinator_page(client, company):
    login(client, company.contact_email)
    response = client.post(f"/coordinator/companies/{company.id}/edit",
                           data={"name": "Kapat AB", "version": str(company.version)})
    assert response.status_code == 403
    db.session.expire_all()
    assert db.session.get(Company, company.id).name == "Frösö Mekaniska AB"
