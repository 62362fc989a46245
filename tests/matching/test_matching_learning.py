"""Learning from cases and feedback; the fast query encoder; robustness on random input."""

import json
from pathlib import Path

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from matching import Matcher
from matching.learn import LARGE, nearest, outcome_signal, votes
from matching.records import profile_record, table

EVALUATION = Path(__file__).resolve().parents[2] / "matching" / "evaluation"

# Two series equal in every feature: only what happened to earlier companies separates them.
TWINS = [{"code": "WS-A", "title": "Robotsvetsning", "description": "", "areas": ["automation"],
          "county": None},
         {"code": "WS-B", "title": "Robotsvetsning", "description": "", "areas": ["automation"],
          "county": None}]
COACHES = [{"code": "CO-A", "name": "A", "profile": "Robotsvetsning", "areas": ["automation"],
            "counties": ["22"]},
           {"code": "CO-B", "name": "B", "profile": "Robotsvetsning", "areas": ["automation"],
            "counties": ["22"]}]
COMPANY = {"sector": "25", "employees": 30, "county": "22"}
ANSWERS = {"automation": {"maturity": 1, "priority": 5, "text": "Vi vill ha en svetsrobot"},
           "productivity": {"maturity": 3, "priority": 2, "text": ""}}
PROFILE = {"company": COMPANY, "answers": ANSWERS}


def case(code, series, coach, outcome="Halverad svetstid"):
    return {"code": code, "company": COMPANY, "answers": ANSWERS, "summary": "Svetsrobot",
            "outcome": outcome, "workshop_series": series, "coach": coach}


def first(matcher, key="workshop_series"):
    return matcher.suggest(PROFILE, lang="en")[key][0]


def test_without_history_equal_series_keep_catalogue_order():
    assert first(Matcher().fit(TWINS, COACHES, []))["code"] == "WS-A"


def test_a_case_that_went_well_lifts_its_series_and_coach_and_names_the_case():
    matcher = Matcher().fit(TWINS, COACHES, [case("CASE-1", "WS-B", "CO-B")])
    top = first(matcher)
    assert top["code"] == "WS-B"
    assert any("CASE-1" in r for r in top["reasons"])
    structured = matcher.suggest(PROFILE)["workshop_series"][0]["reasons"]
    assert {"key": "helped", "values": {"codes": ["CASE-1"]}} in structured
    assert first(matcher, "coaches")["code"] == "CO-B"


def test_learning_can_be_turned_off():
    matcher = Matcher(learning=0.0).fit(TWINS, COACHES, [case("CASE-1", "WS-B", "CO-B")])
    assert first(matcher)["code"] == "WS-A"


def test_a_case_that_failed_does_not_lift_its_series():
    failed = case("CASE-1", "WS-A", None, outcome="Projektet avbröts, ingen effekt")
    assert outcome_signal(failed) < 0
    matcher = Matcher().fit(TWINS, COACHES, [failed, case("CASE-2", "WS-B", None)])
    assert first(matcher)["code"] == "WS-B"


def test_coordinator_feedback_moves_series_both_ways():
    liked = {"company": COMPANY, "answers": ANSWERS, "workshop_series": "WS-B", "coach": None,
             "signal": 1.0}
    rejected = {**liked, "workshop_series": "WS-A", "signal": -1.0}
    assert first(Matcher().fit(TWINS, COACHES, [], feedback=[liked]))["code"] == "WS-B"
    assert first(Matcher().fit(TWINS, COACHES, [], feedback=[rejected]))["code"] == "WS-B"


def test_feedback_with_unknown_codes_or_junk_signal_is_harmless():
    junk = [{"company": COMPANY, "answers": ANSWERS, "workshop_series": "WS-GONE",
             "coach": None, "signal": "n/a"}, "not a record"]
    result = Matcher().fit(TWINS, COACHES, [], feedback=junk).suggest(PROFILE)
    assert [i["code"] for i in result["workshop_series"]] == ["WS-A", "WS-B"]


def test_votes_weight_by_similarity_and_ignore_unlabelled_neighbours():
    similarity = np.array([0.9, 0.1, 0.8])
    labels = np.array([1, 0, -1])
    vote, near = votes(similarity, labels, np.array([1.0, 1.0, 1.0]), 2, k=2)
    assert set(near) == {0, 2}
    assert vote[1] > 0 and vote[0] == 0


@pytest.fixture(scope="module")
def bundled():
    path = EVALUATION / "catalogue.json"
    catalogue = json.loads(path.read_text(encoding="utf-8"))
    matcher = Matcher().fit(catalogue["workshop_series"], catalogue["coaches"],
                            catalogue["cases"])
    profiles = json.loads((EVALUATION / "profiles.json").read_text(encoding="utf-8"))
    return matcher, [p["profile"] for p in profiles["profiles"]]


@settings(max_examples=40, deadline=None)
@given(st.integers(0, 2**32 - 1), st.integers(1, 40), st.sampled_from([0.0, 0.5, 0.95]))
def test_nearest_at_programme_scale_finds_exactly_the_largest(seed, k, zero_share):
    """Above LARGE scores `nearest` searches a narrowed set: it must still return the k
    largest (ties to the lower index), also with many equal and zero scores."""
    rng = np.random.default_rng(seed)
    scores = np.round(rng.random(LARGE + rng.integers(1, 90_000)), 3)  # many ties
    scores[rng.random(scores.size) < zero_share] = 0.0
    expected = np.lexsort((np.arange(scores.size), -scores))[:k]
    assert sorted(nearest(scores, k)) == sorted(expected)


def test_fast_query_encoder_equals_the_column_transformer(bundled):
    matcher, profiles = bundled
    cat = matcher.catalogue_
    for profile in profiles[:20] + [{}]:
        record = profile_record(profile)
        expected = cat.space.transform(table([record]))
        expected = expected.toarray().ravel() if hasattr(expected, "toarray") else expected[0]
        np.testing.assert_allclose(cat.encode(record), expected, atol=1e-12)


answer = st.fixed_dictionaries({
    "maturity": st.one_of(st.integers(-3, 9), st.none(), st.floats(allow_nan=True)),
    "priority": st.one_of(st.integers(1, 5), st.text(max_size=3)),
    "text": st.one_of(st.text(max_size=60), st.none()),
})
profiles = st.fixed_dictionaries({
    "company": st.fixed_dictionaries({
        "sector": st.one_of(st.sampled_from(["10", "25", "99", ""]), st.none()),
        "employees": st.one_of(st.integers(-5, 10_000), st.none()),
        "county": st.one_of(st.sampled_from(["22", "23", "01"]), st.none()),
    }),
    "answers": st.dictionaries(st.sampled_from(["automation", "competence", "nonsense"]),
                               answer, max_size=3),
})


@settings(max_examples=60, deadline=None)
@given(profile=profiles, top=st.integers(0, 6), lang=st.sampled_from(["sv", "en"]))
def test_any_profile_gives_valid_output(bundled, profile, top, lang):
    matcher, _ = bundled
    result = matcher.suggest(profile, top=top, lang=lang)
    assert list(result) == ["workshop_series", "coaches", "cases"]
    for items in result.values():
        assert len(items) <= top
        scores = [i["score"] for i in items]
        assert scores == sorted(scores, reverse=True)
        assert all(0.0 <= s <= 1.0 for s in scores)
        assert all(1 <= len(i["reasons"]) <= 3 for i in items)
        assert all(isinstance(r, str) and r.endswith(".") for i in items for r in i["reasons"])
