"""The addresses a page writes are the ones Flask builds, whichever root the app is served
under, however often a page is drawn (templates remember each address once built)."""

from flask import render_template_string, url_for

CASES = [
    ("static", {"filename": "css/app.css"}),
    ("public.home", {}),
    ("company.area_step", {"area": "automation"}),
    ("coordinator.review", {"company_id": 7}),
    ("coordinator.inbox", {"cols": ["status", "county"], "sort": "name", "page": 3}),
    ("public.switch_language", {"lang": "en", "next": "/company/?a=1&b=ö"}),
    ("coordinator.inbox", {"_anchor": "inbox-count"}),
    ("auth.login", {"_external": True}),
]


def _written(app, root: str) -> list[str]:
    with app.test_request_context("/", base_url=f"http://localhost{root}/"):
        return [render_template_string("{{ url_for(endpoint, **values) }}",
                                       endpoint=endpoint, values=values)
                for endpoint, values in CASES]


def _built(app, root: str) -> list[str]:
    with app.test_request_context("/", base_url=f"http://localhost{root}/"):
        return [str(url_for(endpoint, **values)).replace("&", "&amp;")
                for endpoint, values in CASES]


def test_templates_write_the_addresses_flask_builds(app):
    for root in ("", "/region", "", "/region", "/other"):
        assert _written(app, root) == _built(app, root)
    assert _written(app, "/region")[0] == "/region/static/css/app.css"


def test_a_page_links_under_the_root_it_was_asked_under(client):
    plain = client.get("/").get_data(as_text=True)
    mounted = client.get("/", base_url="http://localhost/region/").get_data(as_text=True)
    assert 'href="/static/css/app.css"' in plain and "/region/" not in plain
    assert 'href="/region/static/css/app.css"' in mounted
    assert 'href="/static/css/app.css"' in client.get("/").get_data(as_text=True)
