"""The evaluation floors on the bundled labelled set, and the metrics themselves."""

import json
import math

import numpy as np
import pytest

from matching import evaluate as evaluation
from matching.baseline import Afternoon
from matching.evaluate import (
    DEFAULT_CATALOGUE,
    DEFAULT_PROFILES,
    evaluate,
    interval,
    log_heldout_run,
    main_area,
    metrics,
)


def test_metrics_on_a_toy_ranking():
    result = metrics([["a", "b", "c"], ["b", "c", "a"], ["c", "b", "a"], ["x"]],
                     [{"a"}, {"a"}, {"b"}, set()])
    assert result["n"] == 3  # the profile with no acceptable item is left out
    assert result["hit@1"] == pytest.approx(1 / 3)
    assert result["hit@3"] == pytest.approx(1.0)
    assert result["mrr"] == pytest.approx((1 + 1 / 3 + 1 / 2) / 3)
    assert result["mrr@3"] == pytest.approx((1 + 1 / 3 + 1 / 2) / 3)
    deep = metrics([["x", "y", "z", "a"]], [{"a"}])
    assert deep["mrr"] == pytest.approx(0.25) and deep["mrr@3"] == 0.0


def test_bootstrap_interval_brackets_the_mean_and_narrows_with_more_profiles():
    few = np.array([1.0, 0.0] * 10)
    many = np.array([1.0, 0.0] * 500)
    low, high = interval(few)
    assert low < 0.5 < high
    assert interval(many)[1] - interval(many)[0] < high - low
    assert interval(np.ones(30)) == (1.0, 1.0)


def test_afternoon_baseline_mixes_need_and_text_half_and_half():
    series = [{"code": "A", "title": "Robotsvetsning", "description": "", "areas": ["automation"]},
              {"code": "B", "title": "Energi", "description": "", "areas": ["sustainability"]}]
    baseline = Afternoon("workshop_series", series)
    profile = {"answers": {"automation": {"maturity": 1, "priority": 5, "text": "svetsrobot"},
                           "sustainability": {"maturity": 3, "priority": 3, "text": ""}}}
    scores = baseline.scores(profile)
    assert scores[0] == pytest.approx(1.0)  # best text and the area of greatest need
    assert scores[1] == pytest.approx(0.5 * (3 * 3) / (5 * 5))  # no text: need only


def test_a_held_out_scoring_is_logged_with_date_and_figures(tmp_path):
    log = tmp_path / "runs.md"
    log.write_text("| header |\n", encoding="utf-8")
    figures = {"hit@1": 0.9, "hit@3": 1.0, "mrr": 0.95, "mrr@3": 0.94, "n": 40,
               "ci": {k: (0.8, 1.0) for k in ("hit@1", "hit@3", "mrr", "mrr@3")}}
    result = {"matcher": dict.fromkeys(("workshop_series", "coaches", "cases"), figures),
              "afternoon": {"workshop_series": figures}}
    log_heldout_run("heldout", result, log)
    log_heldout_run("heldout", result, log)
    lines = log.read_text(encoding="utf-8").splitlines()
    assert len(lines) == 3 and "| heldout | 40 | 0.900 [0.80, 1.00]" in lines[1]


def test_the_held_out_set_is_reported_only_when_present(tmp_path, monkeypatch):
    monkeypatch.setattr(evaluation, "HELDOUT", tmp_path)
    assert list(evaluation.labelled_sets()) == ["bundled"]
    for name in ("catalogue.json", "profiles.json"):
        (tmp_path / name).write_text("{}", encoding="utf-8")
    assert list(evaluation.labelled_sets()) == ["bundled", "heldout"]


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


# Floors: the bundled figures before issue 11 (series hit@3 0.98, MRR 0.935; coaches and
# cases hit@3 1.00).  The set is small (50 profiles): one profile is 0.02.
def test_workshop_series_floors(result):
    series = result["matcher"]["workshop_series"]
    assert series["hit@3"] >= 0.98
    assert series["mrr"] >= 0.935
    assert series["mrr"] >= result["main_area"]["workshop_series"]["mrr"] + 0.10


def test_coach_and_case_floors(result):
    assert result["matcher"]["coaches"]["hit@3"] >= 1.0
    assert result["matcher"]["cases"]["hit@3"] >= 1.0


def test_matcher_beats_the_afternoon_baseline_on_series(result):
    assert result["difference"]["workshop_series"]["mrr@3"] >= 0.05
    assert result["matcher"]["workshop_series"]["hit@1"] >= \
        result["afternoon"]["workshop_series"]["hit@1"]


def test_matcher_beats_both_baselines_on_every_list(result):
    for name in ("workshop_series", "coaches", "cases"):
        ours = result["matcher"][name]["mrr"]
        assert ours > result["main_area"][name]["mrr"] > result["random"][name]["mrr"] - 0.05
        assert not math.isnan(ours)


def test_learning_from_cases_helps(result):
    with_cases = sum(result["matcher"][n]["mrr"] for n in ("workshop_series", "coaches"))
    without = sum(result["without_learning"][n]["mrr"] for n in ("workshop_series", "coaches"))
    assert with_cases > without
