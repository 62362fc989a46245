"""No request, however malformed, produces a 500: garbage is posted to every form endpoint."""

from urllib.parse import quote

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.intake.helpers import logged_in

FIELD_NAMES = [
    "name", "org_number", "sni_division", "county", "municipality", "employees",
    "turnover_band", "leadership", "contact_name", "contact_role", "contact_email",
    "contact_phone", "de_minimis_received", "de_minimis_amount_eur", "password", "confirm",
    "consent", "email", "priority", "text", "nav", "statement_data_use", "csrf_token",
]
PUBLIC_FORMS = ["/login", "/password/forgot", "/company/register",
                "/password/reset/not-a-token"]
COMPANY_FORMS = ["/company/details", "/company/questionnaire/digitalisation",
                 "/company/questionnaire/competence", "/company/questionnaire/submit",
                 "/company/erase"]

garbage_text = st.one_of(
    st.text(max_size=300),
    st.text(alphabet=st.characters(codec="utf-8"), min_size=1000, max_size=5000),
    st.sampled_from(["\x00", "' OR 1=1 --", "<script>x</script>", "9" * 400, "-1", "1e9",
                     "NaN", "\u202e\u0301", "５５６０３６-０７９３", "", " "]),
)
# The long texts are the point (a too-long answer must be a message, not a failure), so a form
# of them may outgrow Hypothesis's generation buffer: its health check for that is switched off.
LARGE_FORMS = [HealthCheck.function_scoped_fixture, HealthCheck.too_slow,
               HealthCheck.data_too_large]
garbage_form = st.dictionaries(
    st.one_of(st.sampled_from(FIELD_NAMES), st.text(max_size=20)),
    st.one_of(garbage_text, st.lists(garbage_text, max_size=3)),
    max_size=12,
)


def _flatten(form: dict) -> list[tuple[str, str]]:
    pairs = []
    for key, value in form.items():
        for item in value if isinstance(value, list) else [value]:
            pairs.append((key, item))
    return pairs


def _post(client, path, form):
    from werkzeug.datastructures import MultiDict

    return client.post(path, data=MultiDict(_flatten(form)),
                       headers={"Accept-Language": "sv"})


@pytest.mark.parametrize("path", PUBLIC_FORMS)
@settings(max_examples=30, deadline=None, suppress_health_check=LARGE_FORMS)
@given(form=garbage_form)
def test_public_forms_never_fail_with_500(client, path, form):
    response = _post(client, path, form)
    assert response.status_code < 500, response.get_data(as_text=True)[:500]


@pytest.mark.parametrize("path", COMPANY_FORMS)
@settings(max_examples=30, deadline=None, suppress_health_check=LARGE_FORMS)
@given(form=garbage_form)
def test_company_forms_never_fail_with_500(client, company_factory, path, form):
    if not getattr(client, "_company", None):
        client._company = company_factory.create()
        logged_in(client, client._company)
    response = _post(client, path, form)
    assert response.status_code < 500, response.get_data(as_text=True)[:500]


@settings(max_examples=40, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(path=st.text(alphabet=st.characters(codec="utf-8", exclude_characters="?#"),
                    max_size=60))
def test_any_url_is_answered_without_500(client, path):
    # Percent-encoded as a browser sends it; a leading "//" would name a host, not a path.
    response = client.get("/" + quote(path.lstrip("/")))
    assert response.status_code < 500


def test_csrf_garbage_is_a_400(csrf_app):
    client = csrf_app.test_client()
    response = client.post("/login", data={"csrf_token": "\x00" * 100, "email": "x"})
    assert response.status_code == 400
