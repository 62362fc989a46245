"""The evaluation floors on the bundled labelled set, and the metrics themselves."""

import json
import math

import pytest

from matching.evaluate import DEFAULT_CATALOGUE, DEFAULT_PROFILES, evaluate, main_area, metrics


def test_metrics_on_a_toy_ranking():
    result = metrics([["a", "b", "c"], ["b", "c", "a"], ["c", "b", "a"], ["x"]],
                     [{"a"}, {"a"}, {"b"}, set()])
    assert result["n"] == 3  # the profile with no acceptable item is left out
    assert result["hit@1"] == pytest.approx(1 / 3)
    assert result["hit@3"] == pytest.approx(1.0)
    assert result["mrr"] == pytest.approx((1 + 1 / 3 + 1 / 2) / 3)


def test_main_area_is_largest_priority_times_room_to_grow():
    answers = {"automation": {"maturity": 4, "priority": 5},
               "productivity": {"maturity": 1, "priority": 4}}
    assert main_area(answers) == "productivity"
    assert main_area({}) is None


@pytest.fixture(scope="module")
def result():
    catalogue = json.loads(DEFAULT_CATALOGUE.read_text(encoding="utf-8"))
    profiles = json.loads(DEFAULT_PROFILES.read_text(encoding="utf-8"))
    return evaluate(catalogue, profiles)


def test_workshop_series_floors(result):
    series = result["matcher"]["workshop_series"]
    assert series["hit@3"] >= 0.90
    assert series["mrr"] >= 0.80
    assert series["mrr"] >= result["main_area"]["workshop_series"]["mrr"] + 0.10


def test_coach_and_case_floors(result):
    assert result["matcher"]["coaches"]["hit@3"] >= 0.90
    assert result["matcher"]["cases"]["hit@3"] >= 0.80


def test_matcher_beats_both_baselines_on_every_list(result):
    for name in ("workshop_series", "coaches", "cases"):
        ours = result["matcher"][name]["mrr"]
        assert ours > result["main_area"][name]["mrr"] > result["random"][name]["mrr"] - 0.05
        assert not math.isnan(ours)


def test_learning_from_cases_helps(result):
    with_cases = sum(result["matcher"][n]["mrr"] for n in ("workshop_series", "coaches"))
    without = sum(result["without_learning"][n]["mrr"] for n in ("workshop_series", "coaches"))
    assert with_cases > without
