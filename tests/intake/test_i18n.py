"""Swedish first; English by the switch or by the browser's preference."""

import pytest
from markupsafe import escape


def test_swedish_is_the_default(client):
    page = client.get("/").get_data(as_text=True)
    assert '<html lang="sv">' in page
    assert "Registrera" in page


def test_browser_preference_english(client):
    page = client.get("/", headers={"Accept-Language": "en-GB,en;q=0.9"}).get_data(as_text=True)
    assert '<html lang="en">' in page and "Register your company" in page


def test_the_switch_wins_over_the_browser_and_returns_to_the_page(client):
    response = client.get("/language/en?next=/privacy", headers={"Accept-Language": "sv"})
    assert response.location.endswith("/privacy")
    page = client.get("/privacy", headers={"Accept-Language": "sv"}).get_data(as_text=True)
    assert '<html lang="en">' in page
    client.get("/language/sv")
    assert '<html lang="sv">' in client.get("/").get_data(as_text=True)


def test_the_switch_does_not_redirect_off_site(client):
    response = client.get("/language/en?next=//evil.example/")
    assert response.location.endswith("/")
    assert "evil" not in response.location


def test_unknown_language_is_404(client):
    assert client.get("/language/xx").status_code == 404


def test_questionnaire_texts_follow_the_language(client, company_factory):
    from tests.intake.helpers import QUESTIONNAIRE, logged_in

    logged_in(client, company_factory.create())
    area = QUESTIONNAIRE.area("digitalisation")
    sv = client.get("/company/questionnaire/digitalisation").get_data(as_text=True)
    client.get("/language/en")
    en = client.get("/company/questionnaire/digitalisation").get_data(as_text=True)
    assert escape(area.title["sv"]) in sv and escape(area.statements[0].text["sv"]) in sv
    assert escape(area.title["en"]) in en and escape(area.statements[0].text["en"]) in en


def test_dates_follow_the_language(client, company_factory):
    from tests.intake.helpers import logged_in

    company = company_factory.create()
    logged_in(client, company)
    sv = client.get("/company/").get_data(as_text=True)
    client.get("/language/en")
    en = client.get("/company/").get_data(as_text=True)
    months_sv = ["jan.", "feb.", "mars", "apr.", "maj", "juni", "juli", "aug.", "sep.", "okt.",
                 "nov.", "dec."]
    assert any(f" {m} " in sv for m in months_sv)
    assert any(m in en for m in ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug",
                                 "Sep", "Oct", "Nov", "Dec"])


def test_templates_follow_a_language_switched_within_the_request(app):
    """Templates look the translations up once per page, but a page that switches the
    language itself (a survey link opens in the company's language) is followed at once."""
    from flask import render_template_string, session
    from flask_babel import force_locale, refresh

    template = "{{ _('Register your company') }}"
    with app.test_request_context(headers={"Accept-Language": "sv"}):
        assert render_template_string(template) == "Registrera ert företag"
        with force_locale("en"):
            assert render_template_string(template) == "Register your company"
        assert render_template_string(template) == "Registrera ert företag"
        session["lang"] = "en"
        refresh()
        assert render_template_string(template) == "Register your company"


@pytest.mark.parametrize("snippet", [
    "{{ _('Register your company') }}",
    "{{ _('Select %(name)s', name='<b>Nord & Syd</b>') }}",
    "{{ ngettext('%(num)d company', '%(num)d companies', 1) }}",
    "{{ ngettext('%(num)d company', '%(num)d companies', 3) }}",
    "{{ _('100%% sure') }} {{ _('A text that is not translated') }}",
    "{{ gettext('Log out') }} {{ pgettext('many', 'Workshop series') }}",
    "{{ npgettext('many', '%(num)d series', '%(num)d series', 2) }}",
])
@pytest.mark.parametrize("escaping", ["true", "false"])  # pages escape, mail texts do not
def test_template_texts_are_written_as_jinjas_own_gettext_writes_them(app, snippet, escaping):
    """The templates' `_` and its kin are our own, for speed (docs/performance.md): what they
    write must be what Jinja's new-style gettext writes with the same catalogue."""
    from flask import render_template_string
    from flask_babel import get_translations
    from jinja2 import Environment

    template = f"{{% autoescape {escaping} %}}{snippet}{{% endautoescape %}}"
    with app.test_request_context(headers={"Accept-Language": "sv"}):
        catalogue = get_translations()
        reference = Environment(extensions=["jinja2.ext.i18n"], autoescape=True)
        reference.install_gettext_callables(
            gettext=catalogue.ugettext, ngettext=catalogue.ungettext,
            pgettext=catalogue.upgettext, npgettext=catalogue.unpgettext, newstyle=True)
        assert render_template_string(template) == reference.from_string(template).render()


def test_a_pages_date_formatter_writes_what_format_date_writes(app):
    """The inbox writes its dates with `date_formatter` (looked up once per page): the same text
    as the `format_date` filter, in both languages, across midnight and summer time."""
    from datetime import date, datetime, timedelta

    from flask_babel import format_date

    from intake.i18n import date_formatter

    values = [date(2026, 1, 31), date(2025, 12, 24), datetime(2026, 3, 28, 23, 30),
              datetime(2026, 6, 30, 22, 15), datetime(2026, 10, 25, 0, 59),
              datetime(2026, 12, 31, 23, 0)]
    values += [datetime(2026, 3, 1, 21) + timedelta(hours=h) for h in range(0, 48, 5)]
    for lang in ("sv", "en"):
        with app.test_request_context(headers={"Accept-Language": lang}):
            format_day = date_formatter()
            assert [format_day(v) for v in values + values] == \
                [format_date(v) for v in values + values]
