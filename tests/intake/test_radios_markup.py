"""The radios macro writes its inputs itself, for speed (docs/performance.md): what it writes
must stay what WTForms' own widget writes for the same field, or answers would be lost."""

from html.parser import HTMLParser

import pytest
from flask import render_template_string

from intake.company.questionnaire_form import make_area_form
from intake.forms.company_details import CompanyDetailsForm
from intake.questionnaire import load


class _Inputs(HTMLParser):
    """Each radio input's attributes, with the text of the label that names it."""

    def __init__(self):
        super().__init__()
        self.inputs, self.labels, self._label_for = [], {}, None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "input" and attrs.get("type") == "radio":
            self.inputs.append(attrs)
        elif tag == "label":
            self._label_for = attrs.get("for")

    def handle_data(self, data):
        if self._label_for:
            self.labels[self._label_for] = self.labels.get(self._label_for, "") + data

    def handle_endtag(self, tag):
        if tag == "label":
            self._label_for = None

    def found(self, html: str) -> list[tuple[dict, str]]:
        self.feed(html)
        return [(i, self.labels.get(i["id"], "").strip()) for i in self.inputs]


def by_macro(field, skip=()) -> list:
    html = render_template_string(
        '{% from "_macros/forms.html" import radios %}{{ radios(field, skip=skip) }}',
        field=field, skip=skip)
    return _Inputs().found(html)


def by_widget(field) -> list:
    return _Inputs().found(str(field()))


@pytest.mark.parametrize("data", [None, {"statement_production_data": "3", "priority": "5"}])
def test_questionnaire_scales_match_the_widget(app, data):
    questionnaire = load()
    area = questionnaire.area("digitalisation")
    with app.test_request_context():
        form = make_area_form(questionnaire, area, "sv", data=data)
        for field in form:
            if field.type == "RadioField":
                assert by_macro(field) == by_widget(field), field.name
                assert len(by_macro(field)) == 5
        if data:
            checked = [i["value"] for i, _ in by_macro(form.priority) if "checked" in i]
            assert checked == ["5"]


def test_company_details_radios_match_the_widget_and_skip_drops_a_choice(app):
    with app.test_request_context():
        form = CompanyDetailsForm(data={"de_minimis_received": "no", "leadership": None})
        for field in (form.de_minimis_received, form.leadership):
            assert by_macro(field) == by_widget(field), field.name
        first = by_widget(form.de_minimis_received)[0][0]["value"]
        kept = by_macro(form.de_minimis_received, skip=(first,))
        assert first not in [i["value"] for i, _ in kept]
        assert kept == by_widget(form.de_minimis_received)[1:]
