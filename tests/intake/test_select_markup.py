"""The inbox's select lists write their options themselves, for speed (docs/performance.md):
the markup must stay what WTForms' own select writes, or a filter would be lost."""

from wtforms import Form, SelectChoice
from wtforms import SelectField as WTFormsSelectField
from wtforms.widgets import Select

from intake.forms.fields import PlainOptionsSelect, SelectField

CHOICES = [SelectChoice("", "Alla"), SelectChoice("23", "Jämtlands län"),
           SelectChoice('x"<&>', 'Quote " & <tag>'), SelectChoice(True, "Ja"),
           SelectChoice(False, "Nej"), SelectChoice("kw", "", render_kw={"disabled": True})]


class Filters(Form):
    county = SelectField("Län", choices=CHOICES)
    plain = WTFormsSelectField("Län", choices=CHOICES)


def test_plain_options_are_written_as_wtforms_writes_them():
    for data in ({}, {"county": "23", "plain": "23"}, {"county": 'x"<&>', "plain": 'x"<&>'},
                 {"county": "kw", "plain": "kw"}):
        form = Filters(data=data)
        ours = str(form.county(**{"aria-describedby": "hint"}))
        theirs = str(form.plain(**{"aria-describedby": "hint"}))
        assert ours == theirs.replace('name="plain"', 'name="county"').replace(
            'id="plain"', 'id="county"')
    assert 'selected value="23"' in str(Filters(data={"county": "23"}).county())


def test_the_widget_falls_back_for_options_with_attributes():
    form = Filters(data={"county": "kw"})
    option = [c for c in form.county.iter_choices() if c.value == "kw"][0]
    assert PlainOptionsSelect.render_option(option) == Select.render_option(option)
    assert "disabled" in PlainOptionsSelect.render_option(option)
