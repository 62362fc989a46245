"""Learning without fitting again: feedback appended one decision at a time, capacity given
fresh at ranking, and a fitted matcher saved once and loaded memory-mapped."""

import json
from pathlib import Path

import numpy as np
import pytest

from matching import Matcher
from tests.matching.test_matching_learning import COACHES, PROFILE, TWINS, case

EVALUATION = Path(__file__).resolve().parents[2] / "matching" / "evaluation"


def feedback(series: str, signal: float, key=None) -> dict:
    record = {**PROFILE, "workshop_series": series, "coach": None, "signal": signal}
    if key is not None:
        record["key"] = key
    return record


def top_series(matcher) -> str:
    return matcher.suggest(PROFILE)["workshop_series"][0]["code"]


def test_an_added_decision_changes_the_ranking_as_a_fit_with_it_would():
    matcher = Matcher().fit(TWINS, COACHES, [])
    assert top_series(matcher) == "WS-A"  # twins: catalogue order
    matcher.add_feedback([feedback("WS-B", 1.0)])
    refitted = Matcher().fit(TWINS, COACHES, [], feedback=[feedback("WS-B", 1.0)])
    assert top_series(matcher) == top_series(refitted) == "WS-B"
    assert matcher.catalogue_.history.n_feedback == 1


def test_a_revised_decision_counts_once_as_it_now_stands():
    matcher = Matcher().fit(TWINS, COACHES, [])
    matcher.add_feedback([feedback("WS-B", 1.0, key="suggestion:7")])
    assert top_series(matcher) == "WS-B"
    # The coordinator changes their mind: the same decision, now a rejection.
    matcher.add_feedback([feedback("WS-B", -1.0, key="suggestion:7")])
    scores = {i["code"]: i["score"] for i in matcher.suggest(PROFILE, top=2)["workshop_series"]}
    assert scores["WS-A"] > scores["WS-B"]
    alone = Matcher().fit(TWINS, COACHES, [], feedback=[feedback("WS-B", -1.0)])
    assert top_series(alone) == top_series(matcher) == "WS-A"


def test_feedback_given_at_fit_can_be_replaced_by_key():
    matcher = Matcher().fit(TWINS, COACHES, [],
                            feedback=[feedback("WS-B", 1.0, key="suggestion:1")])
    assert top_series(matcher) == "WS-B"
    matcher.add_feedback([feedback("WS-A", 1.0, key="suggestion:1")])
    assert top_series(matcher) == "WS-A"


def test_capacity_given_at_ranking_overrides_what_fit_was_given():
    series = [dict(TWINS[0], seats=2, booked=0), dict(TWINS[1], seats=2, booked=0)]
    matcher = Matcher().fit(series, COACHES, [])
    assert top_series(matcher) == "WS-A"
    now = matcher.suggest(PROFILE, lang="en",
                          capacity={"workshop_series": {"WS-A": 2}, "coaches": {}})
    top, second = now["workshop_series"][:2]
    assert top["code"] == "WS-B"  # WS-A filled up since the fit, and is lowered
    assert second["code"] == "WS-A"
    assert any("fully booked (2 of 2 seats)" in r for r in second["reasons"])
    assert not any("fully booked" in r for r in top["reasons"])


def test_a_saved_matcher_loads_memory_mapped_and_suggests_the_same(tmp_path):
    catalogue = json.loads((EVALUATION / "catalogue.json").read_text(encoding="utf-8"))
    profiles = json.loads((EVALUATION / "profiles.json").read_text(encoding="utf-8"))
    matcher = Matcher().fit(catalogue["workshop_series"], catalogue["coaches"],
                            catalogue["cases"])
    path = tmp_path / "matcher.joblib"
    matcher.save(path)
    loaded = Matcher.load(path, mmap=True)
    assert isinstance(loaded.catalogue_.history.case_matrix.data, np.memmap)
    # Nothing per case is left to unpickle with the interpreter locked: the areas too are mapped.
    assert isinstance(loaded.catalogue_.areas["cases"].index, np.memmap)
    assert [loaded.catalogue_.areas["cases"][i] for i in range(len(catalogue["cases"]))] == \
        [matcher.catalogue_.areas["cases"][i] for i in range(len(catalogue["cases"]))]
    for item in profiles["profiles"][:10]:
        assert loaded.suggest(item["profile"]) == matcher.suggest(item["profile"])
    # Learning goes on in a loaded matcher although its arrays are read-only maps.
    profile = profiles["profiles"][0]["profile"]
    loaded.add_feedback([{**profile, "workshop_series": "WS-ERP-D", "coach": None,
                          "signal": 1.0, "key": "s1"}])
    assert loaded.catalogue_.history.n_feedback == 1


def test_a_matcher_saved_before_its_history_kept_joined_labels_still_serves(tmp_path):
    """Workers load matchers saved by the version before an upgrade: a History pickled
    without the labels-and-signals cache must suggest and learn as before."""
    matcher = Matcher().fit(TWINS, COACHES, [case("C", "WS-B", "CO-B")])
    matcher.add_feedback([feedback("WS-B", 1.0, key="k")])
    expected = matcher.suggest(PROFILE)
    path = tmp_path / "old.joblib"
    matcher.save(path)
    loaded = Matcher.load(path)
    del loaded.catalogue_.history.__dict__["_joined"]  # as a file from before the cache
    assert loaded.suggest(PROFILE) == expected
    loaded.add_feedback([feedback("WS-A", 1.0, key="k")])  # revised: now the other twin
    assert top_series(loaded) == "WS-A"


def test_add_feedback_before_fit_is_a_clear_error():
    with pytest.raises(Exception, match="not fitted"):
        Matcher().add_feedback([feedback("WS-A", 1.0)])


def test_junk_feedback_records_are_ignored():
    matcher = Matcher().fit(TWINS, COACHES, [case("C", "WS-A", "CO-A")])
    before = matcher.suggest(PROFILE)
    matcher.add_feedback([None, "x", 3])
    assert matcher.suggest(PROFILE) == before


def test_case_areas_keep_their_order_of_need():
    from matching.catalogue import CaseAreas

    areas = CaseAreas([["automation", "digitalisation"], [], ["competence"]])
    assert [areas[i] for i in range(len(areas))] == [["automation", "digitalisation"], [],
                                                     ["competence"]]
