"""The questionnaire file loads and is complete; the scoring rule does what its docstring says."""

import copy
import json
from fractions import Fraction
from importlib.resources import files

import pytest
from hypothesis import given
from hypothesis import strategies as st

from intake.interchange import validate_profile
from intake.questionnaire import (
    CURRENT_VERSION,
    Questionnaire,
    QuestionnaireError,
    from_dict,
    load,
    text,
)
from intake.questionnaire.scoring import derive_area_scores

AREAS = ["digitalisation", "automation", "productivity", "business_model",
         "competence", "sustainability"]  # fmt: skip


@pytest.fixture(scope="module")
def q() -> Questionnaire:
    return load()


def raw_v1() -> dict:
    return json.loads(files("intake.questionnaire").joinpath("v1.json").read_text("utf-8"))


def test_v1_is_current_and_cached(q):
    assert CURRENT_VERSION == "v1"
    assert q.version == "v1"
    assert load("v1") is q


def test_six_areas_in_order_first_four_required(q):
    assert [a.key for a in q.areas] == AREAS
    assert [a.key for a in q.required_areas] == AREAS[:4]
    assert [a.key for a in q.optional_areas] == AREAS[4:]
    assert q.area("automation").title == {"sv": "Automation och robotisering",
                                          "en": "Automation and robotics"}  # fmt: skip
    with pytest.raises(KeyError):
        q.area("marketing")


def test_every_area_is_complete_in_both_languages(q):
    for area in q.areas:
        assert 3 <= len(area.statements) <= 6
        for field in (area.title, area.intro, area.priority_question, area.text_prompt):
            assert field["sv"].strip() and field["en"].strip()
        assert len({s.key for s in area.statements}) == len(area.statements)
        for statement in area.statements:
            assert area.statement(statement.key) is statement
            assert statement.text["sv"].strip() and statement.text["en"].strip()
            assert sorted(statement.levels) == ["1", "2", "3", "4", "5"]
            for level in statement.levels.values():
                assert level["sv"].strip() and level["en"].strip()
                # Read on a phone: a level is a sentence or two, not a paragraph.
                assert len(level["sv"]) <= 200, level["sv"]
            # Each level says something different.
            assert len({lv["sv"] for lv in statement.levels.values()}) == 5


def test_scales(q):
    for scale in (q.maturity_scale, q.priority_scale):
        assert sorted(scale) == ["1", "2", "3", "4", "5"]
    assert q.priority_scale["1"] == {"sv": "Inte viktigt nu", "en": "Not important now"}
    assert q.priority_scale["5"] == {"sv": "Akut", "en": "Urgent"}


def test_text_falls_back_to_swedish():
    assert text({"sv": "Hej", "en": "Hello"}, "en") == "Hello"
    assert text({"sv": "Hej", "en": "Hello"}) == "Hej"
    assert text({"sv": "Hej", "en": "Hello"}, "fi") == "Hej"
    assert text({"sv": "Hej", "en": ""}, "en") == "Hej"


def test_models_are_frozen(q):
    with pytest.raises(AttributeError):
        q.version = "v2"
    with pytest.raises(AttributeError):
        q.areas[0].key = "other"


@pytest.mark.parametrize("version", ["v9", "../v1", "v1.json", "", "V1", None])
def test_unknown_versions_are_a_clear_error(version):
    with pytest.raises(QuestionnaireError, match="unknown questionnaire version"):
        load(version)


def _broken(edit) -> list[str]:
    data = raw_v1()
    edit(data)
    with pytest.raises(QuestionnaireError) as info:
        from_dict(data)
    return info.value.problems


def test_missing_english_text_is_named():
    def edit(d):
        del d["areas"][1]["statements"][2]["levels"]["4"]["en"]

    assert _broken(edit) == ["areas[automation].statements[2][automation_skills].levels.4.en: "
                             "missing or empty"]  # fmt: skip


@pytest.mark.parametrize(
    ("edit", "expected"),
    [
        (
            lambda d: d["areas"][0]["statements"][0]["levels"].pop("5"),
            "expected exactly the levels 1-5",
        ),
        (
            lambda d: d["areas"][2].update(statements=d["areas"][2]["statements"][:2]),
            "expected 3-6 statements",
        ),
        (
            lambda d: d["areas"][2]["statements"].extend(d["areas"][2]["statements"][:3]),
            "expected 3-6 statements",
        ),
        (
            lambda d: d["areas"][3]["statements"].append(
                copy.deepcopy(d["areas"][3]["statements"][0])
            ),
            "appears more than once",
        ),
        (lambda d: d["areas"][4].update(key="marketing"), "unknown area"),
        (lambda d: d["areas"].pop(0), "required area 'digitalisation' is missing"),
        (lambda d: d["areas"].append(copy.deepcopy(d["areas"][5])), "appears more than once"),
        (lambda d: d["areas"][0].update(required=False), "required: must be True"),
        (lambda d: d["areas"][5].update(required=True), "required: must be False"),
        (lambda d: d["maturity_scale"].pop("3"), "maturity_scale: expected exactly the levels 1-5"),
        (lambda d: d["areas"][0]["title"].update(sv="  "), "title.sv: missing or empty"),
        (lambda d: d.pop("version"), "version: missing"),
    ],
)
def test_structural_problems_are_named(edit, expected):
    problems = _broken(edit)
    assert any(expected in p for p in problems), problems


def test_all_problems_are_reported_at_once():
    def edit(d):
        d["areas"][0]["intro"].pop("en")
        d["areas"][1]["statements"][0]["text"].pop("sv")

    assert len(_broken(edit)) == 2
    with pytest.raises(QuestionnaireError, match="invalid questionnaire:\n"):
        from_dict([])


# --- scoring -----------------------------------------------------------------------------


def _levels(q, area_key, values):
    keys = [s.key for s in q.area(area_key).statements]
    return dict(zip(keys, values, strict=False))


@pytest.mark.parametrize(
    ("values", "maturity"),
    [
        ([3], 3),
        ([2, 3], 3),  # 2.5 rounds half up, not to even
        ([1, 2], 2),  # 1.5 -> 2
        ([3, 4], 4),  # 3.5 -> 4 (round() would also give 4; 2.5 is the telling case)
        ([1, 1, 2], 1),  # 1.33
        ([1, 2, 2], 2),  # 1.67
        ([2, 2, 3, 3], 3),
        ([5, 5, 5, 4], 5),  # 4.75
        ([1, 1, 1, 1], 1),
        ([4, None, 5, None], 5),  # unanswered statements are skipped, not counted as 1
    ],
)
def test_maturity_is_the_mean_rounded_half_up(q, values, maturity):
    scores = derive_area_scores(
        q, {"automation": {"levels": _levels(q, "automation", values), "priority": 4, "text": "x"}}
    )
    assert scores == {"automation": {"maturity": maturity, "priority": 4, "text": "x"}}


def test_empty_areas_are_left_out_and_halves_default_to_neutral(q):
    scores = derive_area_scores(
        q,
        {
            "digitalisation": {"levels": {}, "priority": None, "text": "only words"},
            "automation": {"levels": _levels(q, "automation", [None, None]), "priority": 5},
            "productivity": {"levels": _levels(q, "productivity", [1, 2])},
            "business_model": {},
        },
    )
    assert scores == {
        "automation": {"maturity": 3, "priority": 5, "text": ""},
        "productivity": {"maturity": 2, "priority": 3, "text": ""},
    }


def test_output_follows_questionnaire_order_and_strips_text(q):
    answers = {
        "sustainability": {"levels": _levels(q, "sustainability", [2]), "priority": 1,
                           "text": "  energi \n"},
        "digitalisation": {"levels": _levels(q, "digitalisation", [5]), "priority": 2},
    }  # fmt: skip
    scores = derive_area_scores(q, answers)
    assert list(scores) == ["digitalisation", "sustainability"]
    assert scores["sustainability"]["text"] == "energi"


@pytest.mark.parametrize(
    "answers",
    [
        {"marketing": {"priority": 3}},
        {"automation": {"levels": {"no_such_statement": 3}}},
        {"automation": {"levels": {"automated_processes": 6}}},
        {"automation": {"levels": {"automated_processes": 0}}},
        {"automation": {"levels": {"automated_processes": True}}},
        {"automation": {"levels": {"automated_processes": 2.5}}},
        {"automation": {"priority": "5"}},
        {"automation": {"priority": 3, "text": 42}},
    ],
)
def test_programming_errors_are_value_errors(q, answers):
    with pytest.raises(ValueError):
        derive_area_scores(q, answers)


@given(st.data())
def test_maturity_stays_within_half_a_step_of_the_mean(data):
    q = load()
    area = data.draw(st.sampled_from(q.areas))
    values = data.draw(st.lists(st.integers(1, 5), min_size=1, max_size=len(area.statements)))
    levels = dict(zip((s.key for s in area.statements), values, strict=False))
    score = derive_area_scores(q, {area.key: {"levels": levels, "priority": 2}})[area.key]
    mean = Fraction(sum(values), len(values))
    assert mean - Fraction(1, 2) < score["maturity"] <= mean + Fraction(1, 2)
    assert min(values) <= score["maturity"] <= max(values)


def test_scores_of_a_full_answer_make_a_valid_profile(q):
    answers = {
        area.key: {"levels": _levels(q, area.key, [2, 3, 4]), "priority": 4, "text": area.key}
        for area in q.required_areas
    }
    profile = {
        "company": {"sector": "25", "employees": 35, "county": "22"},
        "answers": derive_area_scores(q, answers),
    }
    assert validate_profile(profile, "profile.json")["answers"] == profile["answers"]
