"""The inbox: filters, search, sorting and pagination give the right rows, in few queries."""

import re
from datetime import datetime
from html import unescape

import pytest
from sqlalchemy import event, select

from intake.extensions import db
from intake.models import Enrolment, WorkshopSeries
from tests.intake.coordinator.conftest import ANSWERS, fill_and_submit

# Business model first: priorities changed so that it is the area of greatest need.
BUSINESS_FIRST = {**ANSWERS, "automation": ({**ANSWERS["automation"][0]}, 1,
                                            ANSWERS["automation"][2]),
                  "business_model": (ANSWERS["business_model"][0], 5,
                                     ANSWERS["business_model"][2])}


def names(response) -> list[str]:
    html = unescape(response.get_data(as_text=True))
    return re.findall(r'<th scope="row"><a href="/coordinator/companies/\d+">([^<]+)</a>', html)


@pytest.fixture
def companies(catalogue, company_factory):
    """Four companies: two submitted in Jämtland, one in Västernorrland, one draft."""
    alfa = fill_and_submit(company_factory.create(name="Alfa Gjuteri AB", county="23"))
    beta = fill_and_submit(company_factory.create(name="Beta Plåt AB", county="22"),
                           BUSINESS_FIRST)
    gamma = fill_and_submit(company_factory.create(name="Gamma Trä AB", county="23"))
    delta = company_factory.create(name="Delta Data AB", county="22")
    alfa.current_intake.submitted_at = datetime(2026, 1, 15, 9)
    beta.current_intake.submitted_at = datetime(2026, 2, 20, 23, 30)
    gamma.current_intake.submitted_at = datetime(2026, 3, 5, 8)
    series = db.session.scalars(select(WorkshopSeries).order_by(WorkshopSeries.code)).first()
    db.session.add(Enrolment(company_id=gamma.id, workshop_series_id=series.id))
    db.session.commit()
    return {"alfa": alfa, "beta": beta, "gamma": gamma, "delta": delta, "series": series}


def test_lists_every_company_newest_submitted_first(staff_client, companies):
    staff_client.get("/language/en")
    response = staff_client.get("/coordinator/")
    assert response.status_code == 200
    assert names(response) == ["Gamma Trä AB", "Beta Plåt AB", "Alfa Gjuteri AB",
                               "Delta Data AB"]
    assert "4 companies" in response.get_data(as_text=True)


def test_filters(staff_client, companies):
    assert names(staff_client.get("/coordinator/?status=draft")) == ["Delta Data AB"]
    assert set(names(staff_client.get("/coordinator/?county=22"))) == {"Beta Plåt AB",
                                                                       "Delta Data AB"}
    assert names(staff_client.get("/coordinator/?area=business_model")) == ["Beta Plåt AB"]
    assert names(staff_client.get(
        f"/coordinator/?series={companies['series'].id}")) == ["Gamma Trä AB"]
    assert names(staff_client.get(
        "/coordinator/?submitted_from=2026-02-01&submitted_to=2026-02-20")) == ["Beta Plåt AB"]
    assert names(staff_client.get(
        "/coordinator/?county=23&submitted_to=2026-02-28")) == ["Alfa Gjuteri AB"]


def test_the_enrolled_series_is_shown(staff_client, companies):
    html = unescape(staff_client.get("/coordinator/?q=Gamma").get_data(as_text=True))
    assert companies["series"].title in html


def test_search_by_name_or_organisation_number(staff_client, companies):
    org = companies["beta"].org_number
    assert names(staff_client.get("/coordinator/?q=plåt")) == ["Beta Plåt AB"]
    assert names(staff_client.get(f"/coordinator/?q={org}")) == ["Beta Plåt AB"]
    assert names(staff_client.get(f"/coordinator/?q={org.replace('-', '')}")) == ["Beta Plåt AB"]
    assert names(staff_client.get("/coordinator/?q=50%25_x")) == []


def test_sort_by_column_with_aria_sort(staff_client, companies):
    response = staff_client.get("/coordinator/?sort=name&dir=asc")
    assert names(response) == ["Alfa Gjuteri AB", "Beta Plåt AB", "Delta Data AB",
                               "Gamma Trä AB"]
    assert 'aria-sort="ascending"' in response.get_data(as_text=True)
    response = staff_client.get("/coordinator/?sort=name&dir=desc")
    assert names(response)[0] == "Gamma Trä AB"
    assert 'aria-sort="descending"' in response.get_data(as_text=True)
    # the sort link of the current column flips the direction and keeps the filters
    response = staff_client.get("/coordinator/?county=23&sort=name&dir=asc")
    assert "county=23&amp;sort=name&amp;dir=desc" in response.get_data(as_text=True)


def test_pagination(app, staff_client, companies):
    app.config["PAGE_SIZE"] = 3
    first = staff_client.get("/coordinator/?sort=name&dir=asc")
    assert names(first) == ["Alfa Gjuteri AB", "Beta Plåt AB", "Delta Data AB"]
    html = first.get_data(as_text=True)
    assert 'aria-current="page"' in html and "page=2" in html
    second = staff_client.get("/coordinator/?sort=name&dir=asc&page=2")
    assert names(second) == ["Gamma Trä AB"]
    # past the end: the last page
    assert names(staff_client.get("/coordinator/?sort=name&dir=asc&page=99")) == ["Gamma Trä AB"]


@pytest.mark.parametrize("query", [
    "status=bogus", "county=99", "area=x", "series=notanumber", "series=999999",
    "submitted_from=31/02/2026", "submitted_to=2026-13-01", "page=-3", "page=abc",
    "page=²", "responsible=²",  # digits to str.isdigit(), not to int()
    "sort=password&dir=sideways", "q=" + "x" * 300,
    "submitted_from=2026-03-01&submitted_to=2026-01-01",
])
def test_bad_filter_values_are_ignored_or_explained_never_a_500(staff_client, companies, query):
    response = staff_client.get(f"/coordinator/?{query}")
    assert response.status_code == 200
    html = response.get_data(as_text=True)
    if not query.startswith(("page", "sort")):
        assert 'class="field-error"' in html
    if not query.startswith(("q=", "submitted_from=2026-03-01")):
        assert len(names(response)) == 4  # the bad filter is not applied


def _statements(client, url) -> list[str]:
    """The SQL statements a page sent to the database."""
    statements = []

    def before(conn, cursor, statement, *args):
        statements.append(statement)

    event.listen(db.engine, "before_cursor_execute", before)
    try:
        assert client.get(url).status_code == 200
    finally:
        event.remove(db.engine, "before_cursor_execute", before)
    return statements


def test_one_query_for_the_page_no_n_plus_one(app, staff_client, companies, company_factory):
    def count_queries(url):
        return len(_statements(staff_client, url))

    few = count_queries("/coordinator/")
    for n in range(6):
        company = company_factory.create(name=f"Extra {n} AB")
        db.session.add(Enrolment(company_id=company.id,
                                 workshop_series_id=companies["series"].id))
    db.session.commit()
    assert count_queries("/coordinator/") == few


def _row(html: str, name: str) -> list[str]:
    pick = r'(?:<td class="pick">.*?</td>\s*)?'  # the bulk actions' checkbox
    row = re.search(rf'<tr>\s*{pick}<th scope="row"><a [^>]*>{re.escape(name)}</a>.*?</th>'
                    r'(.*?)</tr>', html, re.S).group(1)
    return [re.sub(r"\s+", " ", re.sub(r"<[^>]+>", "", c)).strip()
            for c in re.findall(r"<td[^>]*>(.*?)</td>", row, re.S)]


def test_each_row_says_where_the_company_stands(staff_client, companies, coordinator):
    from datetime import date
    from decimal import Decimal

    from intake.operations.booking import record_activity
    from intake.operations.review import decide

    alfa = companies["alfa"]
    for s in alfa.current_intake.suggestions[:4]:
        decide(s, coordinator, "accepted", None)
    record_activity(alfa, "mapping_interview", date(2026, 2, 1), "", Decimal(0), None)
    record_activity(alfa, "deep_analysis", date(2026, 3, 1), "", Decimal(0), None)
    db.session.commit()
    staff_client.get("/language/en")
    html = unescape(staff_client.get("/coordinator/").get_data(as_text=True))
    decided, booked, latest = _row(html, "Alfa Gjuteri AB")[-3:]
    assert decided == "4 of 9"
    assert booked == "–"
    assert latest == "Deep analysis (Mar 1, 2026)"
    gamma = _row(html, "Gamma Trä AB")[-3:]
    assert gamma[0] == "0 of 9" and companies["series"].title[:40] in gamma[1]
    assert _row(html, "Delta Data AB")[-3:] == ["–", "–", "–"]


def test_an_empty_inbox_says_no_company_has_registered_and_where(staff_client):
    staff_client.get("/language/en")
    html = unescape(staff_client.get("/coordinator/").get_data(as_text=True))
    assert "No company has registered yet." in html
    assert 'href="http://localhost/company/register"' in html
    assert "No companies match" not in html


def test_a_filter_that_hides_everyone_says_so(staff_client, companies):
    staff_client.get("/language/en")
    html = unescape(staff_client.get("/coordinator/?q=Nobody").get_data(as_text=True))
    assert "No companies match the filters." in html
    assert "No company has registered yet." not in html



def test_only_the_columns_shown_are_looked_up_and_exports_get_every_column(
        app, staff_client, companies):
    """A hidden column costs no query; the Excel export (columns None) still gets them all."""
    from intake.operations.inbox import COLUMNS, InboxFilters, search_inbox

    per_row = {"booked": "WHERE enrolments.company_id", "decided": "FROM suggestions",
               "latest_stage": "FROM activities", "next_step": "FROM next_steps"}

    def looked_up(url):
        return " ".join(" ".join(_statements(staff_client, url)).split())

    every_column = looked_up("/coordinator/?" + "&".join(f"cols={c}" for c in COLUMNS))
    status_only = looked_up("/coordinator/?cols=status")
    for column, query in per_row.items():
        assert query in every_column, column
        assert query not in status_only, column

    with app.test_request_context():
        shown = search_inbox(InboxFilters(), columns=("status",)).rows
        every = search_inbox(InboxFilters()).rows
        also_every = search_inbox(InboxFilters(), columns=COLUMNS).rows
    gamma = [r for r in every if r.company.name == "Gamma Trä AB"][0]
    assert [s.id for s in gamma.series] == [companies["series"].id] and gamma.suggested
    assert not any(r.series or r.suggested for r in shown)
    assert [(r.company.id, [s.id for s in r.series], r.decided, r.suggested) for r in every] == \
        [(r.company.id, [s.id for s in r.series], r.decided, r.suggested) for r in also_every]


@pytest.fixture
def ties_and_gaps(app, company_factory):
    """Companies whose sort keys tie and are missing: equal submission times and statuses,
    drafts never submitted, an intake with no area of need, a company with no intake at all."""
    from intake.models import Intake

    when = [datetime(2026, 3, 1, 9), datetime(2026, 3, 1, 9), datetime(2026, 1, 2, 9), None,
            datetime(2026, 5, 5, 9), None, datetime(2026, 1, 2, 9), None]
    for n, submitted in enumerate(when):
        company = company_factory.create(name=f"Company {n % 3} AB",
                                         county=("23", "22", "23")[n % 3])
        intake = company.current_intake
        if submitted:
            intake.status, intake.submitted_at = ("submitted", "matched")[n % 2], submitted
            intake.main_need_area = ("automation", None, "productivity")[n % 3]
    db.session.delete(db.session.get(Intake, company.current_intake_id))
    db.session.commit()


@pytest.mark.parametrize("sort", ["name", "org_number", "status", "county", "main_need",
                                  "submitted"])
def test_every_page_of_every_sort_is_the_slice_of_one_ordering(app, ties_and_gaps, sort):
    """Pages are asked with and without a value of the sort key apart (an index can then serve
    the first); read one after another they must be exactly the ordering of one query with
    empty values last, whatever the page size, the direction and the filter."""
    from sqlalchemy import and_

    from intake.models import Company, Intake
    from intake.operations.inbox import InboxFilters, _sort_key, search_inbox

    key = _sort_key(sort)
    for direction in ("asc", "desc"):
        for filters, condition in ((InboxFilters(), True),
                                   (InboxFilters(county="23"), Company.county_code == "23")):
            ordered = key.desc() if direction == "desc" else key.asc()
            tie = Company.id.desc() if direction == "desc" else Company.id.asc()
            expected = db.session.execute(
                select(Company.id).outerjoin(Intake, Intake.id == Company.current_intake_id)
                .where(and_(condition)).order_by(ordered.nulls_last(), tie)).scalars().all()
            for size in (1, 2, 3, 5, 50):
                with app.test_request_context():
                    pages = [search_inbox(filters, sort, direction, page, size, ("status",))
                             for page in range(1, -(-len(expected) // size) + 1)]
                got = [row.company.id for page in pages for row in page.rows]
                assert got == expected, (direction, filters, size)
                assert {page.total for page in pages} == {len(expected)}
