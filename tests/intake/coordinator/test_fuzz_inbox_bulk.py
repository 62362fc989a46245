"""The inbox's new forms, fed garbage, never answer with a 500 (and garbage changes nothing
it should not): the bulk actions with any mix of their fields, the saved views."""

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from werkzeug.datastructures import MultiDict

from intake.extensions import db
from intake.models import WorkshopSeries

garbage = st.one_of(
    st.text(max_size=60),
    st.integers(min_value=-(10**20), max_value=10**20).map(str),
    st.sampled_from(["", "0", "-1", "1", "2", "2147483648", "99999999999999999999", "1e9",
                     "NaN", "\x00", "=1+1", "y", "on", "accept", "book", "assign", "export",
                     "answers", "mine", "none"]),
)
FIELDS = ["company", "all_matching", "action", "book_series", "coordinator", "support_value_eur"]
form = st.lists(st.tuples(st.sampled_from(FIELDS), garbage), max_size=12)
query = st.dictionaries(st.sampled_from(["status", "county", "cols", "responsible", "sort",
                                         "dir", "q", "series", "submitted_from"]),
                        garbage, max_size=4)
SETTINGS = settings(max_examples=40, deadline=None, database=None,
                    suppress_health_check=[HealthCheck.function_scoped_fixture,
                                           HealthCheck.too_slow])


@pytest.fixture
def series_id(submitted_company):
    return db.session.query(WorkshopSeries).first().id


def test_bulk_actions_survive_garbage(staff_client, series_id):
    @SETTINGS
    @given(fields=form, args=query)
    def post(fields, args):
        response = staff_client.post("/coordinator/inbox/bulk", query_string=args,
                                     data=MultiDict(fields))
        assert response.status_code < 500, (fields, args, response.get_data(as_text=True)[:300])

    post()


def test_saved_views_survive_garbage(staff_client, submitted_company):
    @SETTINGS
    @given(name=garbage, args=query, view=st.integers(min_value=-5, max_value=2**40))
    def save(name, args, view):
        response = staff_client.post("/coordinator/inbox/views", query_string=args,
                                     data={"name": name})
        assert response.status_code < 500, (name, args)
        assert staff_client.get(f"/coordinator/inbox/views/{view}").status_code in (302, 404)

    save()
