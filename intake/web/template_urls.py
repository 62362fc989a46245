"""`url_for` in templates, each address built once per process.

A page writes the same addresses on every request (the style sheet, the menu, each step of the
questionnaire, a company's review link): Flask builds each through the request's URL adapter
again, about 10 µs a time, 17 times on a questionnaire step and 77 on an inbox page. Here an
address without `_external`, `_anchor`, `_method` or `_scheme` is built once per application
root (the prefix a proxy may mount the app under), endpoint and arguments, and remembered up to
LIMIT addresses; anything else goes to Flask's `url_for` as before.
"""

from flask import Flask, has_request_context, request, url_for

LIMIT = 20_000


def init_app(app: Flask) -> None:
    """Install the templates' `url_for`; after the blueprints are registered."""
    if any(app.url_default_functions.values()):  # an address would depend on more than this
        raise RuntimeError("template_urls cannot remember addresses that url_defaults change")
    built: dict[tuple, str] = {}

    def template_url_for(endpoint: str, **values) -> str:
        if (endpoint[:1] == "." or any(name[:1] == "_" for name in values)
                or not has_request_context()):
            return url_for(endpoint, **values)
        try:
            key = (request.script_root, endpoint, *sorted(values.items()))
            url = built.get(key)
        except TypeError:  # a list of values (several `cols`): built each time
            return url_for(endpoint, **values)
        if url is None:
            url = url_for(endpoint, **values)
            if len(built) < LIMIT:
                built[key] = url
        return url

    app.jinja_env.globals["url_for"] = template_url_for
