"""Keeping the catalogue in the app: create, edit, retire series, coaches and cases; JSON
import and export. Every change must reach matching at once and be audited."""

import io
import json
import re

import pytest
from sqlalchemy import select

from intake.extensions import db
from intake.interchange import catalogue_to_json
from intake.matching_bridge import catalogue_version, load_catalogue
from intake.models import AuditEvent, Case, Coach, WorkshopSeries
from intake.operations.catalogue_files import export_catalogue
from intake.operations.users import create_staff_user
from tests.factories import PASSWORD, import_demo_catalogue, login

BASE = "/coordinator/catalogue"

SERIES = {
    "code": "WS-NEW", "title": "Digital tvilling för små verkstäder",
    "description": "Tre träffar om att samla maskindata och följa upp stopp.",
    "areas": ["digitalisation", "productivity"], "county": "22",
    "starts_on": "2027-04-01", "location": "Sundsvall", "seats": "10",
}


@pytest.fixture
def coord(staff_client):
    """The logged-in coordinator, reading English (the messages asserted are the msgids)."""
    staff_client.environ_base["HTTP_ACCEPT_LANGUAGE"] = "en"
    return staff_client


def answers_form(**overrides) -> dict:
    data = {}
    for key in ("digitalisation", "automation", "productivity", "business_model"):
        data[f"{key}_maturity"], data[f"{key}_priority"] = "2", "4"
        data[f"{key}_text"] = f"Text om {key}."
    data.update(overrides)
    return data


def version_in(page: str) -> str:
    return re.search(r'name="version"[^>]*value="(\d+)"', page)[1]


def series(code: str) -> WorkshopSeries | None:
    db.session.expire_all()
    return db.session.scalar(select(WorkshopSeries).where(WorkshopSeries.code == code))


def coach(code: str) -> Coach | None:
    db.session.expire_all()
    return db.session.scalar(select(Coach).where(Coach.code == code))


def audit_actions() -> list[tuple[str, str]]:
    return [(e.action, e.details.get("code")) for e in db.session.scalars(select(AuditEvent))]


# ---- access ----------------------------------------------------------------------------

@pytest.mark.parametrize("url", [BASE, f"{BASE}/series", f"{BASE}/coaches/new",
                                 f"{BASE}/import", f"{BASE}/export.json", f"{BASE}/export.xlsx",
                                 f"{BASE}/template.xlsx"])
def test_catalogue_pages_need_a_staff_login(client, company_factory, url):
    assert client.get(url).status_code == 302
    company = company_factory.create()
    login(client, company.contact_email)
    assert client.get(url).status_code == 403


def test_start_page_counts_each_list(coord, catalogue):
    page = coord.get(BASE).get_data(as_text=True)
    demo = export_catalogue()
    for key in ("workshop_series", "coaches", "cases"):
        assert f"<td>{len(demo[key])}</td>" in page


def test_unknown_kind_or_id_is_404(coord, catalogue):
    assert coord.get(f"{BASE}/widgets").status_code == 404
    assert coord.get(f"{BASE}/widgets/new").status_code == 404
    assert coord.get(f"{BASE}/series/99999").status_code == 404
    assert coord.post(f"{BASE}/coaches/99999/retire").status_code == 404


# ---- workshop series -------------------------------------------------------------------

def test_create_series_reaches_matching_at_once(coord, catalogue, coordinator):
    before = catalogue_version()
    response = coord.post(f"{BASE}/series/new", data=SERIES)
    assert response.status_code == 302
    row = series("WS-NEW")
    assert (row.title, row.areas, row.county, row.seats, row.location) == (
        SERIES["title"], ["digitalisation", "productivity"], "22", 10, "Sundsvall")
    assert row.starts_on.isoformat() == "2027-04-01"
    assert catalogue_version() > before
    assert "WS-NEW" in [s["code"] for s in load_catalogue()["workshop_series"]]
    event = db.session.scalar(select(AuditEvent).where(AuditEvent.action == "catalogue.create"))
    assert (event.user_id, event.entity, event.details["code"]) == (
        coordinator.id, "workshop_series", "WS-NEW")


def test_series_open_to_all_counties_and_optional_fields_empty(coord, app):
    data = {**SERIES, "county": "", "seats": "", "starts_on": "", "location": ""}
    assert coord.post(f"{BASE}/series/new", data=data).status_code == 302
    row = series("WS-NEW")
    assert (row.county, row.seats, row.starts_on, row.location) == (None, None, None, None)


def test_series_form_errors_keep_every_value(coord, app):
    data = {**SERIES, "title": "", "seats": "tio", "starts_on": "1 april"}
    page = coord.post(f"{BASE}/series/new", data=data).get_data(as_text=True)
    assert 'class="error-summary"' in page
    assert page.count("This field is required.") == 2  # in the summary and by the field
    assert page.count("Enter a whole number, such as 12.") == 2
    assert page.count("Enter a date as YYYY-MM-DD") == 2
    assert 'value="tio"' in page and 'value="1 april"' in page
    assert SERIES["description"] in page and 'value="Sundsvall"' in page
    assert re.search(r'value="digitalisation"[^>]*checked|checked[^>]*value="digitalisation"',
                     page)
    assert re.search(r'<option selected value="22"|<option value="22" selected', page)
    assert series("WS-NEW") is None


def test_series_needs_an_area(coord, app):
    data = {k: v for k, v in SERIES.items() if k != "areas"}
    page = coord.post(f"{BASE}/series/new", data=data).get_data(as_text=True)
    assert "Choose at least one." in page
    assert series("WS-NEW") is None


def test_taken_code_is_a_clear_error(coord, catalogue):
    page = coord.post(f"{BASE}/series/new", data={**SERIES, "code": "WS-LEAN-Z"})
    text = page.get_data(as_text=True)
    assert "Another item already has this code" in text
    assert series("WS-LEAN-Z").title != SERIES["title"]


def test_edit_series_saves_and_bumps_the_version(coord, catalogue):
    row = series("WS-LEAN-Z")
    page = coord.get(f"{BASE}/series/{row.id}").get_data(as_text=True)
    before = catalogue_version()
    data = {**SERIES, "code": "WS-LEAN-Z", "title": "Lean, nytt namn",
            "version": version_in(page)}
    assert coord.post(f"{BASE}/series/{row.id}", data=data).status_code == 302
    assert series("WS-LEAN-Z").title == "Lean, nytt namn"
    assert catalogue_version() > before
    assert ("catalogue.update", "WS-LEAN-Z") in audit_actions()
    matched = {s["code"]: s for s in load_catalogue()["workshop_series"]}
    assert matched["WS-LEAN-Z"]["title"] == "Lean, nytt namn"


def test_second_save_gets_a_conflict_and_overwrites_nothing(coord, catalogue, app):
    row = series("WS-LEAN-Z")
    seen = version_in(coord.get(f"{BASE}/series/{row.id}").get_data(as_text=True))
    other = app.test_client()  # a second coordinator saves first
    other.environ_base["HTTP_ACCEPT_LANGUAGE"] = "en"
    login(other, "samordnare@regionjh.se")
    other_page = other.get(f"{BASE}/series/{row.id}").get_data(as_text=True)
    assert other.post(f"{BASE}/series/{row.id}", data={
        **SERIES, "code": "WS-LEAN-Z", "title": "Their title",
        "version": version_in(other_page)}).status_code == 302
    response = coord.post(f"{BASE}/series/{row.id}", data={
        **SERIES, "code": "WS-LEAN-Z", "title": "My title", "version": seen})
    page = response.get_data(as_text=True)
    assert response.status_code == 409
    assert "someone else changed this item" in page
    assert 'value="My title"' in page
    assert series("WS-LEAN-Z").title == "Their title"


def test_last_date_before_the_start_is_an_error(coord, app):
    data = {**SERIES, "starts_on": "2027-04-01", "ends_on": "2027-03-01"}
    page = coord.post(f"{BASE}/series/new", data=data).get_data(as_text=True)
    assert "The last date must be on or after the start date." in page
    assert series("WS-NEW") is None
    data["ends_on"] = "2027-05-20"
    assert coord.post(f"{BASE}/series/new", data=data).status_code == 302
    assert series("WS-NEW").ends_on.isoformat() == "2027-05-20"


def test_seats_below_the_bookings_need_a_confirmation(coord, catalogue, company_factory):
    from intake.operations.booking import enrol

    row = series("WS-LEAN-Z")
    for _ in range(3):
        enrol(company_factory.create(), row.id, None, 0)
    db.session.commit()
    page = coord.get(f"{BASE}/series/{row.id}").get_data(as_text=True)
    data = {**SERIES, "code": "WS-LEAN-Z", "seats": "2", "version": version_in(page)}
    response = coord.post(f"{BASE}/series/{row.id}", data=data)
    page = response.get_data(as_text=True)
    assert response.status_code == 200
    assert "3 companies are already booked into this series: more than 2 seats." in page
    assert 'name="confirm_seats"' in page and 'value="2"' in page
    assert series("WS-LEAN-Z").seats == 12  # nothing saved
    response = coord.post(f"{BASE}/series/{row.id}", data={**data, "confirm_seats": "y"})
    assert response.status_code == 302
    assert series("WS-LEAN-Z").seats == 2
    event = db.session.scalars(select(AuditEvent).where(
        AuditEvent.action == "catalogue.update")).all()[-1]
    assert event.details["seats_below_booked"] is True
    assert event.details["changes"]["seats"] == [12, 2]


# ---- coaches ----------------------------------------------------------------------------

COACH = {"code": "CO-NEW", "name": "Kim Coach", "profile": "Robotar och fixturer.",
         "areas": ["automation"], "counties": ["22", "23"], "capacity": "4",
         "email": "kim@coach.se"}


def test_create_coach_and_errors_keep_values(coord, app):
    page = coord.post(f"{BASE}/coaches/new", data={**COACH, "email": "kim at coach",
                                                          "counties": []})
    text = page.get_data(as_text=True)
    assert "Enter a valid e-mail address" in text and "Choose at least one." in text
    assert 'value="kim at coach"' in text and 'value="Kim Coach"' in text
    assert coach("CO-NEW") is None
    assert coord.post(f"{BASE}/coaches/new", data=COACH).status_code == 302
    row = coach("CO-NEW")
    assert (row.counties, row.capacity, row.email) == (["22", "23"], 4, "kim@coach.se")


def test_retire_removes_a_coach_from_matching_and_bring_back_restores_it(
        coord, catalogue):
    row = coach("CO-01")
    before = catalogue_version()
    assert coord.post(f"{BASE}/coaches/{row.id}/retire").status_code == 302
    assert coach("CO-01").retired_at is not None
    assert "CO-01" not in [c["code"] for c in load_catalogue()["coaches"]]
    assert catalogue_version() > before
    listed = coord.get(f"{BASE}/coaches").get_data(as_text=True)
    assert ">CO-01<" not in listed
    retired = coord.get(f"{BASE}/coaches?status=retired").get_data(as_text=True)
    assert ">CO-01<" in retired
    assert coord.post(f"{BASE}/coaches/{row.id}/restore").status_code == 302
    assert "CO-01" in [c["code"] for c in load_catalogue()["coaches"]]
    assert [a for a in audit_actions() if a[1] == "CO-01"] == [
        ("catalogue.retire", "CO-01"), ("catalogue.restore", "CO-01")]


def test_retire_needs_csrf(csrf_app):
    import_demo_catalogue()
    user = create_staff_user("csrf@regionjh.se", "coordinator", PASSWORD, "C")
    db.session.commit()
    client = csrf_app.test_client()
    page = client.get("/login").get_data(as_text=True)
    token = re.search(r'name="csrf_token"[^>]*value="([^"]+)"', page)[1]
    client.post("/login", data={"email": user.email, "password": PASSWORD, "csrf_token": token})
    row = coach("CO-01")
    assert client.post(f"{BASE}/coaches/{row.id}/retire").status_code == 400
    assert coach("CO-01").retired_at is None


def test_lists_filter_by_area_county_and_text(coord, catalogue):
    def codes(query: str) -> set[str]:
        page = coord.get(f"{BASE}/coaches?{query}").get_data(as_text=True)
        return set(re.findall(r'<th scope="row"><a [^>]*>([^<]+)</a>', page))

    everyone = codes("")
    assert len(everyone) == len(export_catalogue()["coaches"])
    automation = codes("area=automation")
    assert automation and automation < everyone
    assert all("automation" in coach(c).areas for c in automation)
    in_22 = codes("county=22")
    assert in_22 and all("22" in coach(c).counties for c in in_22)
    assert codes("q=co-01") == {"CO-01"}
    assert codes("status=nonsense&area=nope&county=99") == everyone


# ---- cases -------------------------------------------------------------------------------

def case_form(coord, **overrides) -> dict:
    ws, co = series("WS-LEAN-Z"), coach("CO-01")
    return {"code": "CASE-NEW", "sector": "25", "employees": "30", "county": "23",
            "summary": "Legotillverkare med långa ställtider.", "outcome": "Halverade ställtiden.",
            "workshop_series": str(ws.id), "coach": str(co.id), **answers_form(), **overrides}


def test_create_case_reaches_matching(coord, catalogue):
    data = case_form(coord, competence_maturity="3", competence_priority="5",
                     competence_text="Svårt att rekrytera.")
    assert coord.post(f"{BASE}/cases/new", data=data).status_code == 302
    matched = {c["code"]: c for c in load_catalogue()["cases"]}["CASE-NEW"]
    assert matched["company"] == {"sector": "25", "employees": 30, "county": "23"}
    assert matched["answers"]["competence"] == {"maturity": 3, "priority": 5,
                                                "text": "Svårt att rekrytera."}
    assert set(matched["answers"]) == {"digitalisation", "automation", "productivity",
                                       "business_model", "competence"}
    assert (matched["workshop_series"], matched["coach"]) == ("WS-LEAN-Z", "CO-01")


def test_case_requires_the_four_areas_and_whole_optional_areas(coord, catalogue):
    data = case_form(coord, automation_priority="", sustainability_text="Solpaneler.")
    page = coord.post(f"{BASE}/cases/new", data=data).get_data(as_text=True)
    assert "Required for this area." in page
    assert "Give both maturity and urgency, or leave the whole area empty." in page
    assert "Solpaneler." in page and "Legotillverkare med långa ställtider." in page
    assert db.session.scalar(select(Case).where(Case.code == "CASE-NEW")) is None


def test_edit_case_keeps_its_answers(coord, catalogue):
    case = db.session.scalar(select(Case).where(Case.code == "CASE-001"))
    page = coord.get(f"{BASE}/cases/{case.id}").get_data(as_text=True)
    assert case.answers["automation"]["text"] in page
    data = case_form(coord, code="CASE-001", version=version_in(page), employees="43")
    assert coord.post(f"{BASE}/cases/{case.id}", data=data).status_code == 302
    db.session.expire_all()
    assert db.session.get(Case, case.id).employees == 43


# ---- JSON import and export --------------------------------------------------------------

def upload(client, body: bytes, name: str):
    return client.post(f"{BASE}/import", data={"file": (io.BytesIO(body), name)},
                       content_type="multipart/form-data")


def test_json_export_is_the_cli_export(coord, catalogue):
    response = coord.get(f"{BASE}/export.json")
    assert "attachment" in response.headers["Content-Disposition"]
    data = export_catalogue()
    assert response.get_json() == catalogue_to_json(data["workshop_series"], data["coaches"],
                                                     data["cases"])


def test_json_upload_imports_and_counts(coord, catalogue):
    exported = coord.get(f"{BASE}/export.json").get_json()
    exported["coaches"][0]["name"] = "Nytt namn"
    exported["coaches"].append({"code": "CO-99", "name": "Ny", "profile": "P",
                                "areas": ["automation"], "counties": ["22"]})
    before = catalogue_version()
    page = upload(coord, json.dumps(exported).encode(), "k.json").get_data(as_text=True)
    assert "1 created and 1 updated" in page
    assert coach("CO-99") is not None and coach(exported["coaches"][0]["code"]).name == "Nytt namn"
    assert catalogue_version() > before
    assert ("catalogue.import", None) in audit_actions()


def test_json_upload_with_errors_imports_nothing(coord, catalogue):
    data = {"format": "intake-catalogue/1",
            "coaches": [{"code": "CO-98", "name": "Ok", "profile": "P", "areas": ["automation"],
                         "counties": ["22"]},
                        {"code": "CO-97", "name": "Bad", "profile": "P", "areas": ["cooking"],
                         "counties": ["22"], "capacity": -1}]}
    before = catalogue_version()
    page = upload(coord, json.dumps(data).encode(), "bad.json").get_data(as_text=True)
    assert "Nothing was imported" in page
    assert "bad.json: coaches[CO-97].areas[0]: &#34;cooking&#34; is not an area" in page
    assert "bad.json: coaches[CO-97].capacity" in page
    assert coach("CO-98") is None and catalogue_version() == before


@pytest.mark.parametrize(("body", "name", "message"), [
    (b"{not json", "x.json", "invalid JSON at line 1"),
    (b"hello", "x.txt", "Upload a .json or an .xlsx file."),
    (b"PK-not-a-zip", "x.xlsx", "not an Excel workbook"),
])
def test_broken_uploads_are_explained(coord, app, body, name, message):
    response = upload(coord, body, name)
    assert response.status_code == 200
    assert message in response.get_data(as_text=True)


def test_upload_needs_a_file(coord, app):
    page = coord.post(f"{BASE}/import", data={}).get_data(as_text=True)
    assert "Choose a file to upload." in page


def test_upload_is_size_limited(coord, app):
    body = b" " * (5 * 1024 * 1024 + 1)
    page = upload(coord, body, "big.json").get_data(as_text=True)
    assert "The file is larger than 5 MB." in page
