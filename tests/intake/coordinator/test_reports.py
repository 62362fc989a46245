"""The indicators: counting rules on a hand-made programme, the dashboard, and the targets."""

import re
from datetime import date
from decimal import Decimal

import pytest

from intake.extensions import db
from intake.models import Activity, AuditEvent, Enrolment, Target, WorkshopSeries
from intake.reports import DEFAULT_TARGETS, Period, indicators, save_targets, size_class, targets
from tests.intake.helpers import login_as

YEAR_2024 = Period(date(2024, 1, 1), date(2024, 12, 31))


def series(code: str, starts_on: date | None) -> WorkshopSeries:
    ws = WorkshopSeries(code=code, title=f"Serie {code}", description="Workshops", areas=[],
                        county="22", starts_on=starts_on, seats=10)
    db.session.add(ws)
    db.session.flush()
    return ws


def activity(company, kind: str, day: date, ws=None, value="0") -> Activity:
    row = Activity(company_id=company.id, kind=kind, occurred_on=day,
                   support_value_eur=Decimal(value), workshop_series_id=ws.id if ws else None)
    db.session.add(row)
    db.session.flush()
    return row


@pytest.fixture
def programme(company_factory):
    """A small programme whose indicators are known by hand (see the asserts below).

    In 2024: A (22, micro, women) three stages; B (23, small, men) a workshop series and a deep
    analysis; E (Stockholm 01, large) a mapping interview. Outside 2024: C (23, turnover makes
    it small) in 2025, D (22, turnover makes it medium) in 2023. F is only enrolled.
    """
    made = {
        "A": company_factory.create(name="Alfa AB", county="22", employees=5,
                                    turnover_band="under_20", leadership="women"),
        "B": company_factory.create(name="Beta AB", county="23", employees=30,
                                    turnover_band="20_100", leadership="men"),
        "C": company_factory.create(name="Gamma AB", county="23", employees=8,
                                    turnover_band="100_500", leadership="mixed"),
        "D": company_factory.create(name="Delta AB", county="22", employees=120,
                                    turnover_band="over_500"),
        "E": company_factory.create(name="Epsilon AB", county="01", employees=300,
                                    turnover_band="over_500"),
        "F": company_factory.create(name="Zeta AB", county="22", employees=12),
    }
    s1, s2 = series("S1", date(2024, 5, 1)), series("S2", date(2024, 9, 1))
    series("S3", date(2024, 10, 1))  # no participants: not held
    s4 = series("S4", date(2025, 2, 1))
    a, b, c, d, e, f = (made[k] for k in "ABCDEF")
    activity(a, "mapping_interview", date(2024, 2, 1))
    activity(a, "deep_analysis", date(2024, 3, 1))
    activity(a, "action_plan", date(2024, 4, 1))
    activity(b, "workshop_series", date(2024, 5, 10), ws=s1)
    activity(b, "deep_analysis", date(2024, 6, 1))
    activity(c, "consultant_support", date(2025, 1, 15))
    activity(d, "mapping_interview", date(2023, 12, 31))
    activity(e, "mapping_interview", date(2024, 12, 31))
    db.session.add_all([Enrolment(company_id=f.id, workshop_series_id=s2.id),
                        Enrolment(company_id=c.id, workshop_series_id=s4.id)])
    db.session.commit()
    return made


def test_size_class_rule():
    assert size_class(9, "under_20") == "micro"
    assert size_class(10, "under_20") == "small"
    assert size_class(49, "20_100") == "small"
    assert size_class(50, "20_100") == "medium"
    assert size_class(249, "100_500") == "medium"
    assert size_class(250, "under_20") == "large"
    # Turnover moves a company up only when its whole band lies above the class's ceiling.
    assert size_class(3, "20_100") == "micro"
    assert size_class(3, "100_500") == "small"
    assert size_class(3, "over_500") == "medium"
    assert size_class(30, "over_500") == "medium"
    assert size_class(None, None) == "micro"


def test_indicators_in_a_period_count_each_company_once(programme):
    result = indicators(YEAR_2024)
    assert result.participating == 3  # A has three activities and still counts once
    assert result.by_county == {"22": 1, "23": 1, "01": 1}
    assert result.workshop_series == 2  # S1 (activity) and S2 (enrolment); not S3, not S4
    assert result.stages == {"mapping_interviews": 2, "deep_analyses": 2, "action_plans": 1,
                             "consultant_support": 0}
    assert result.supported["micro"] == {"22": 1}
    assert result.supported["small"] == {"23": 1}
    assert result.supported["medium"] == {}
    assert result.supported["large"] == {"01": 1}
    assert result.non_financial == result.supported
    assert dict(result.leadership) == {"women": 1, "men": 1, "unknown": 1}
    assert result.counties() == ["22", "23", "01"]


def test_indicators_without_a_period_count_everything(programme):
    result = indicators()
    assert result.participating == 5  # F was only enrolled: not a participant
    assert result.by_county == {"22": 2, "23": 2, "01": 1}
    assert result.workshop_series == 3
    assert result.stages["mapping_interviews"] == 3
    assert result.stages["consultant_support"] == 1
    assert result.supported["small"] == {"23": 2}  # B by staff, C by turnover
    assert result.supported["medium"] == {"22": 1}  # D by turnover


def test_period_bounds_are_inclusive(programme):
    assert indicators(Period(date(2024, 12, 31), date(2024, 12, 31))).participating == 1
    assert indicators(Period(None, date(2023, 12, 31))).participating == 1
    assert indicators(Period(date(2025, 1, 1), None)).participating == 1
    assert indicators(Period(date(2025, 3, 1), None)).participating == 0


def test_targets_default_then_stored(app):
    assert targets() == DEFAULT_TARGETS
    assert targets()["participating_companies"] == 75
    assert targets()["participating_companies_22"] + targets()["participating_companies_23"] == 75
    save_targets({"deep_analyses": 40, "consultant_support": 12}, None)
    db.session.commit()
    assert db.session.get(Target, "deep_analyses").value == 40
    assert targets()["consultant_support"] == 12
    assert targets()["workshop_series"] == 8
    save_targets({"consultant_support": None}, None)
    db.session.commit()
    assert targets()["consultant_support"] is None


def _row(html: str, key: str) -> list[str]:
    match = re.search(rf'<tr data-indicator="{key}">(.*?)</tr>', html, re.S)
    assert match, key
    return [re.sub(r"\s+", " ", cell).strip()
            for cell in re.findall(r"<t[hd][^>]*>(.*?)</t[hd]>", match.group(1), re.S)]


def test_dashboard_shows_the_numbers_against_targets(programme, client, coordinator):
    client.environ_base["HTTP_ACCEPT_LANGUAGE"] = "en"
    login_as(client, coordinator)
    response = client.get("/coordinator/reports?start=2024-01-01&end=2024-12-31")
    assert response.status_code == 200
    html = response.get_data(as_text=True)
    assert _row(html, "participating_companies") == ["Participating companies", "3", "75", "4 %"]
    assert _row(html, "participating_companies_22")[1:3] == ["1", "38"]
    assert _row(html, "participating_companies_23")[1:3] == ["1", "37"]
    assert _row(html, "workshop_series")[1:3] == ["2", "8"]
    assert _row(html, "deep_analyses")[1:3] == ["2", "35"]
    assert _row(html, "consultant_support")[1:3] == ["0", "No target"]
    # The charts are accessible images with their numbers in text.
    assert html.count('role="img"') == 2
    assert 'aria-labelledby="chart-targets-title chart-targets-desc"' in html
    assert "Participating companies: 3 of 75 (4 %)" in html
    # The exports carry the period.
    assert "/coordinator/reports/participants.xlsx?start=2024-01-01&amp;end=2024-12-31" in html

    everything = client.get("/coordinator/reports").get_data(as_text=True)
    assert _row(everything, "participating_companies")[1] == "5"


@pytest.mark.parametrize("query, message", [
    ("start=yesterday", "Not a valid date value."),
    ("start=2024-05-01&end=2024-04-01", "The end date must be on or after the start date."),
    ("start=0001-01-01", "Enter a date between the years 1990 and 2100."),
    ("end=9999-12-31", "Enter a date between the years 1990 and 2100."),
])
def test_bad_period_is_a_form_error_not_a_500(programme, client, coordinator, query, message):
    client.environ_base["HTTP_ACCEPT_LANGUAGE"] = "en"
    login_as(client, coordinator)
    response = client.get(f"/coordinator/reports?{query}")
    assert response.status_code == 200
    html = response.get_data(as_text=True)
    assert message in html
    assert 'class="error-summary"' in html
    assert _row(html, "participating_companies")[1] == "5"  # falls back to all dates
    assert client.get(f"/coordinator/reports/indicators.xlsx?{query}").status_code == 200


def test_admin_edits_targets_and_dashboard_follows(client, admin):
    client.environ_base["HTTP_ACCEPT_LANGUAGE"] = "en"
    login_as(client, admin)
    assert "/coordinator/reports/targets" in client.get("/coordinator/reports").get_data(
        as_text=True)
    page = client.get("/coordinator/reports/targets")
    assert page.status_code == 200
    assert 'value="75"' in page.get_data(as_text=True)
    form = {key: str(value) if value is not None else "" for key, value in DEFAULT_TARGETS.items()}
    form.update(participating_companies="80", participating_companies_22="40",
                participating_companies_23="40", action_plans="30", mapping_interviews="50")
    response = client.post("/coordinator/reports/targets", data=form)
    assert response.status_code == 302
    assert targets()["participating_companies"] == 80
    assert targets()["mapping_interviews"] == 50
    event = db.session.query(AuditEvent).filter_by(action="targets.update").one()
    assert event.user_id == admin.id
    assert event.details["participating_companies"] == {"from": 75, "to": 80}
    html = client.get("/coordinator/reports").get_data(as_text=True)
    assert _row(html, "participating_companies")[2] == "80"
    assert _row(html, "mapping_interviews")[2] == "50"


def test_target_form_errors_keep_the_values(client, admin):
    client.environ_base["HTTP_ACCEPT_LANGUAGE"] = "en"
    login_as(client, admin)
    form = {key: "" for key in DEFAULT_TARGETS}
    form.update(participating_companies="", workshop_series="-3", deep_analyses="41")
    response = client.post("/coordinator/reports/targets", data=form)
    assert response.status_code == 200
    html = response.get_data(as_text=True)
    assert "This field is required." in html
    assert "Enter a whole number, 0 or more." in html
    assert 'value="-3"' in html and 'value="41"' in html
    assert targets() == DEFAULT_TARGETS  # nothing saved


def test_coordinator_cannot_edit_targets(client, coordinator):
    login_as(client, coordinator)
    dashboard = client.get("/coordinator/reports")
    assert dashboard.status_code == 200
    assert "/coordinator/reports/targets" not in dashboard.get_data(as_text=True)
    assert client.get("/coordinator/reports/targets").status_code == 403
    assert client.post("/coordinator/reports/targets",
                       data={"deep_analyses": "1"}).status_code == 403
    assert targets()["deep_analyses"] == 35


def test_reports_need_a_staff_login(client, company_factory):
    for url in ("/coordinator/reports", "/coordinator/reports/participants.xlsx",
                "/coordinator/reports/indicators.xlsx", "/coordinator/reports/targets"):
        response = client.get(url)
        assert response.status_code == 302 and "/login" in response.headers["Location"]
    company = company_factory.create()
    login_as(client, company.users[0])
    for url in ("/coordinator/reports", "/coordinator/reports/participants.xlsx",
                "/coordinator/reports/indicators.xlsx", "/coordinator/reports/targets"):
        assert client.get(url).status_code == 403
