"""The survey as versioned data: v1 loads, in both languages, and a broken file is refused
with every one of its faults listed at once."""

import copy
import json
from importlib.resources import files

import pytest

from intake import surveys


def _raw() -> dict:
    return json.loads(files("intake.surveys").joinpath("v1.json").read_text(encoding="utf-8"))


def test_v1_loads_with_every_text_in_swedish_and_english():
    survey = surveys.load("v1")
    assert [q.key for q in survey.questions][:4] == ["rating", "usefulness", "recommend", "fit"]
    assert [o.key for o in survey.question("fit").options] == ["yes", "partly", "no"]
    for question in survey.questions:
        assert question.text["sv"] and question.text["en"]


def test_every_fault_is_listed_before_it_fails():
    data = copy.deepcopy(_raw())
    data["title"] = {"sv": "Titel"}
    data["questions"][0]["type"] = "stars"
    data["questions"][3]["options"] = data["questions"][3]["options"][:2]
    data["questions"][5]["limit"] = -1
    data["questions"].append(copy.deepcopy(data["questions"][6]))
    del data["questions"][4]  # the actions question
    with pytest.raises(surveys.SurveyError) as error:
        surveys.from_dict(data)
    problems = error.value.problems
    assert "title.en: missing or empty" in problems
    assert any(p.startswith("questions[rating].type: 'stars'") for p in problems)
    assert any("questions[fit].options" in p for p in problems)
    assert any("questions[next_need].limit" in p for p in problems)
    assert "questions: question 'comment' appears more than once" in problems
    assert "questions: the 'actions' question (actions) is missing" in problems
    assert len(problems) >= 6


@pytest.mark.parametrize("version", ["v2", "../v1", "", None, "v1.json"])
def test_unknown_versions_are_refused(version):
    with pytest.raises(surveys.SurveyError):
        surveys.load(version)
