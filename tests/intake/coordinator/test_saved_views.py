"""Saved views: a coordinator names the inbox's filters, sort and columns, picks them again and
deletes them; each coordinator sees only their own."""

import re
from urllib.parse import parse_qs, urlsplit

from sqlalchemy import select

from intake.extensions import db
from intake.models import Role, SavedView
from tests.intake.helpers import login_as, make_staff

QUERY = "status=submitted&county=23&cols=status&cols=responsible&sort=name&dir=asc"


def _save(client, name: str, query: str = QUERY):
    return client.post(f"/coordinator/inbox/views?{query}", data={"name": name})


def test_save_pick_and_delete_a_view(staff_client, coordinator, submitted_company):
    staff_client.get("/language/en")
    response = _save(staff_client, "  Mina  inskickade ")
    assert response.status_code == 302
    view = db.session.scalar(select(SavedView))
    assert view.name == "Mina inskickade" and view.user_id == coordinator.id
    assert view.query == {"status": "submitted", "county": "23", "cols": ["status", "responsible"],
                          "sort": "name", "dir": "asc"}
    page = staff_client.get("/coordinator/").get_data(as_text=True)
    assert f'href="/coordinator/inbox/views/{view.id}">Mina inskickade</a>' in page

    opened = staff_client.get(f"/coordinator/inbox/views/{view.id}")
    assert opened.status_code == 302
    query = parse_qs(urlsplit(opened.headers["Location"]).query)
    assert query == {"status": ["submitted"], "county": ["23"], "cols": ["status", "responsible"],
                     "sort": ["name"], "dir": ["asc"]}
    shown = staff_client.get(opened.headers["Location"]).get_data(as_text=True)
    headers = re.findall(r'<th scope="col"[^>]*>(.*?)</th>', shown, re.S)
    assert [re.sub(r"<[^>]+>|▲|▼", "", h).strip() for h in headers] == [
        "Select", "Company", "Status", "Responsible coordinator"]

    assert staff_client.post(f"/coordinator/inbox/views/{view.id}/delete").status_code == 302
    db.session.expire_all()
    assert db.session.scalar(select(SavedView)) is None


def test_saving_under_the_same_name_replaces_the_view(staff_client):
    _save(staff_client, "Morgon")
    _save(staff_client, "Morgon", "county=22")
    db.session.expire_all()
    views = list(db.session.scalars(select(SavedView)))
    assert len(views) == 1 and views[0].query == {"county": "22"}


def test_invalid_filters_are_not_saved(staff_client):
    _save(staff_client, "Skräp", "status=nonsense&county=23&cols=bogus&page=7&sort=x")
    assert db.session.scalar(select(SavedView)).query == {
        "county": "23", "sort": "submitted", "dir": "desc"}


def test_a_name_is_needed_and_kept_short(staff_client):
    staff_client.get("/language/en")
    response = _save(staff_client, "")
    assert response.status_code == 400
    assert "Name of the view" in response.get_data(as_text=True)
    response = _save(staff_client, "x" * 81)
    assert response.status_code == 400
    assert 'value="' + "x" * 81 + '"' in response.get_data(as_text=True)
    assert db.session.scalar(select(SavedView)) is None


def test_another_coordinators_view_is_not_found(app, staff_client):
    _save(staff_client, "Min")
    view_id = db.session.scalar(select(SavedView.id))
    other = make_staff("annan@regionjh.se", Role.COORDINATOR, "Olle Annan")
    client = app.test_client()
    login_as(client, other)
    assert client.get(f"/coordinator/inbox/views/{view_id}").status_code == 404
    assert client.post(f"/coordinator/inbox/views/{view_id}/delete").status_code == 404
    assert "Min</a>" not in client.get("/coordinator/").get_data(as_text=True)
    db.session.expire_all()
    assert db.session.get(SavedView, view_id) is not None
