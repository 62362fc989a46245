"""The funder's workbooks, opened with openpyxl and read cell by cell; formula injection."""

from datetime import date, datetime
from decimal import Decimal
from io import BytesIO

import pytest
from openpyxl import Workbook, load_workbook

from intake.excel import safe_cell, write_table
from intake.extensions import db
from intake.models import Activity, AuditEvent, Coach, CoachAssignment, WorkshopSeries
from tests.intake.helpers import login_as

EVIL_NAME = "=cmd|' /C calc'!A0"


@pytest.mark.parametrize("value, expected", [
    ("=1+1", "'=1+1"), ("+46 70", "'+46 70"), ("-5", "'-5"), ("@SUM(A1)", "'@SUM(A1)"),
    ("  =A1", "'  =A1"), ("\t=A1", "'\t=A1"), ("\r=A1", "'\r=A1"), ("\tplain", "'\tplain"),
    ("Verkstad AB", "Verkstad AB"), ("a=b", "a=b"), ("", ""), (None, None), (-5, -5),
    (Decimal("1.5"), Decimal("1.5")), (date(2024, 1, 2), date(2024, 1, 2)),
])
def test_safe_cell(value, expected):
    assert safe_cell(value) == expected


def test_write_table_neutralises_and_freezes_the_header():
    workbook = Workbook()
    sheet = workbook.active
    last = write_table(sheet, ["Name", "Day"], [[EVIL_NAME, date(2024, 1, 2)], ["ok", None]])
    assert last == 3
    buffer = BytesIO()
    workbook.save(buffer)
    sheet = load_workbook(BytesIO(buffer.getvalue())).active
    assert sheet["A1"].font.b and sheet["B1"].font.b
    assert sheet.freeze_panes == "A2"
    assert sheet["A2"].value == "'" + EVIL_NAME
    assert sheet["A2"].data_type == "s"  # text, not a formula
    assert sheet["B2"].value.date() == date(2024, 1, 2)
    assert sheet.column_dimensions["A"].width >= len(EVIL_NAME)


@pytest.fixture
def participants(company_factory):
    evil = company_factory.create(name=EVIL_NAME, county="22", employees=5,
                                  turnover_band="under_20", sni_division="25",
                                  contact_email="eva@evil.se", leadership="women",
                                  de_minimis_received=True, de_minimis_amount_eur=20000)
    plain = company_factory.create(name="Berg Verkstad AB", county="23", employees=60,
                                   turnover_band="20_100", sni_division="28",
                                   contact_email="bo@berg.se")
    company_factory.create(name="Not taking part AB")
    ws = WorkshopSeries(code="WS-1", title="Lean", description="d", areas=[], county="23",
                        starts_on=date(2024, 3, 1), seats=5)
    db.session.add(ws)
    db.session.flush()
    db.session.add_all([
        Activity(company_id=evil.id, kind="mapping_interview", occurred_on=date(2024, 2, 1),
                 support_value_eur=Decimal("1500.50")),
        Activity(company_id=evil.id, kind="deep_analysis", occurred_on=date(2024, 4, 1),
                 support_value_eur=Decimal("8000")),
        Activity(company_id=evil.id, kind="deep_analysis", occurred_on=date(2024, 5, 1),
                 support_value_eur=Decimal("2000")),
        Activity(company_id=plain.id, kind="workshop_series", occurred_on=date(2024, 3, 1),
                 workshop_series_id=ws.id, support_value_eur=Decimal("3000")),
        Activity(company_id=plain.id, kind="action_plan", occurred_on=date(2025, 6, 1)),
    ])
    coach = Coach(code="CO-1", name="Karin Sjöberg", profile="p", areas=[], counties=["23"])
    db.session.add(coach)
    db.session.flush()
    db.session.add(CoachAssignment(company_id=plain.id, coach_id=coach.id))
    db.session.commit()
    return evil, plain


def _open(client, url):
    response = client.get(url)
    assert response.status_code == 200, response.get_data(as_text=True)[:300]
    assert response.mimetype == (
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
    assert "attachment" in response.headers["Content-Disposition"]
    return load_workbook(BytesIO(response.data))


@pytest.fixture
def english_staff(client, coordinator):
    client.environ_base["HTTP_ACCEPT_LANGUAGE"] = "en"
    login_as(client, coordinator)
    return client


def test_participant_list_cell_by_cell(participants, english_staff):
    evil, plain = participants
    book = _open(english_staff,
                 "/coordinator/reports/participants.xlsx?start=2024-01-01&end=2024-12-31")
    sheet = book["Participants"]
    assert [c.value for c in sheet[1]] == [
        "Organisation number", "Company name", "Contact e-mail", "County code", "County",
        "SNI division", "Employees", "Size class", "Leadership",
        "De minimis declaration received", "De minimis declared amount (EUR)",
        "Ledger: declared (EUR)", "Ledger: this programme (EUR)",
        "Ledger: total over three years (EUR)", "Ledger: remaining to ceiling (EUR)",
        "Workshop series (name)", "Workshop series (start)", "Coach",
        "Mapping interview (first date)", "Deep analysis (first date)",
        "Action plan (first date)", "Consultant support (first date)",
    ]
    # A funder sorts and filters it: a frozen header and an autofilter over every column.
    assert sheet.freeze_panes == "A2"
    assert sheet.auto_filter.ref == "A1:V3"
    assert sheet.max_row == 3  # two participants; the third company took part in nothing
    rows = {sheet.cell(row=r, column=1).value: [c.value for c in sheet[r]] for r in (2, 3)}
    assert rows[evil.org_number] == [
        evil.org_number, "'" + EVIL_NAME, "eva@evil.se", "22", "Västernorrland County", "25",
        5, "Micro", "Led mainly by women", "Yes", 20000,
        20000, 11500.5, 31500.5, 268499.5,
        None, None, None, datetime(2024, 2, 1), datetime(2024, 4, 1), None, None,
    ]
    assert sheet.cell(row=2, column=2).data_type == "s"
    # The period ends 2024-12-31: the 2025 action plan is outside it and out of the ledger.
    assert rows[plain.org_number] == [
        plain.org_number, "Berg Verkstad AB", "bo@berg.se", "23", "Jämtland County", "28",
        60, "Medium", "Not stated", "No", 0,
        0, 3000, 3000, 297000,
        "Lean", datetime(2024, 3, 1), "Karin Sjöberg", None, None, None, None,
    ]
    plain_row = next(r for r in (2, 3) if sheet.cell(row=r, column=1).value == plain.org_number)
    assert sheet.cell(row=plain_row, column=17).number_format == "yyyy-mm-dd"
    # Every activity on a sheet of its own, dates as dates.
    listing = book["Activities"]
    assert [c.value for c in listing[1]] == ["Organisation number", "Company name", "Stage",
                                             "Date", "Workshop series", "Support (EUR)"]
    activities = [[c.value for c in row] for row in listing.iter_rows(min_row=2)]
    assert [evil.org_number, "'" + EVIL_NAME, "Deep analysis", datetime(2024, 5, 1), None,
            2000] in activities
    assert [plain.org_number, "Berg Verkstad AB", "Workshop series", datetime(2024, 3, 1),
            "Lean", 3000] in activities
    assert len(activities) == 4  # the 2025 action plan is outside the period
    assert listing.auto_filter.ref == "A1:F5"
    about = book["About"]
    assert about["A2"].value == "Period" and about["B2"].value == "2024-01-01 – 2024-12-31"
    event = db.session.query(AuditEvent).filter_by(action="export.participants").one()
    assert event.details == {"start": "2024-01-01", "end": "2024-12-31", "companies": 2}


def test_participant_list_without_period_has_every_stage(participants, english_staff):
    evil, plain = participants
    sheet = _open(english_staff, "/coordinator/reports/participants.xlsx")["Participants"]
    assert sheet.max_row == 3
    row = next(r for r in sheet.iter_rows(min_row=2, values_only=True)
               if r[0] == plain.org_number)
    assert row[20] == datetime(2025, 6, 1)  # action plan


def test_indicators_workbook_cell_by_cell(participants, english_staff):
    book = _open(english_staff,
                 "/coordinator/reports/indicators.xlsx?start=2024-01-01&end=2024-12-31")
    assert book.sheetnames == ["Indicators", "Per county", "EU indicators", "Leadership"]
    sheet = book["Indicators"]
    assert sheet["A1"].value == "Period" and sheet["B1"].value == "2024-01-01 – 2024-12-31"
    assert [c.value for c in sheet[3]] == ["Indicator", "Result", "Target",
                                           "Share of target (%)"]
    assert [[c.value for c in row] for row in sheet.iter_rows(min_row=4)] == [
        ["Participating companies", 2, 75, 3],
        ["Participating companies, Västernorrland (22)", 1, 38, 3],
        ["Participating companies, Jämtland (23)", 1, 37, 3],
        ["Workshop series held", 1, 8, 13],
        ["Companies in deep analyses", 1, 35, 3],
        ["Companies with action plans", 0, 35, 0],
        ["Companies with mapping interviews", 1, None, None],
        ["Companies with consultant support", 0, None, None],
    ]
    counties = book["Per county"]
    assert [[c.value for c in row] for row in counties.iter_rows()] == [
        ["County code", "County", "Participating companies", "Target"],
        ["22", "Västernorrland County", 1, 38],
        ["23", "Jämtland County", 1, 37],
    ]
    eu = book["EU indicators"]
    assert [c.value for c in eu[1]] == ["Indicator", "Size class", "Västernorrland County (22)",
                                        "Jämtland County (23)", "Total"]
    values = [[c.value for c in row] for row in eu.iter_rows(min_row=2)]
    assert values[:5] == [
        ["Enterprises supported", "Micro", 1, 0, 1],
        ["Enterprises supported", "Small", 0, 0, 0],
        ["Enterprises supported", "Medium", 0, 1, 1],
        ["Enterprises supported", "Large", 0, 0, 0],
        ["Enterprises supported", "All sizes", 1, 1, 2],
    ]
    assert values[9] == ["Enterprises receiving non-financial support", "All sizes", 1, 1, 2]
    leaders = book["Leadership"]
    assert [[c.value for c in row] for row in leaders.iter_rows(min_row=2)] == [
        ["Led mainly by women", 1], ["Led mainly by men", 0], ["Led by women and men", 0],
        ["Not stated", 1],
    ]
