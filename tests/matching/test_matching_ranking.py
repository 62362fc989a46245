"""Ranking on small hand-made catalogues where the right answer is obvious."""

import copy
import json

import pytest
from sklearn.base import clone
from sklearn.exceptions import NotFittedError

import matching
from matching import Matcher, MatcherNotFittedError
from matching.phrases import render


def series(code, title, areas, county="22", description="", **extra):
    return {"code": code, "title": title, "description": description, "areas": areas,
            "county": county, **extra}


def coach(code, profile, areas, counties=("22", "23"), **extra):
    return {"code": code, "name": code, "profile": profile, "areas": areas,
            "counties": list(counties), **extra}


def profile(text="", area="automation", maturity=1, priority=5, county="22", sector="25",
            **answers):
    base = {a: {"maturity": 3, "priority": 2, "text": ""}
            for a in ("digitalisation", "automation", "productivity", "business_model")}
    base[area] = {"maturity": maturity, "priority": priority, "text": text}
    base.update(answers)
    return {"company": {"sector": sector, "employees": 30, "county": county}, "answers": base}


SERIES = [
    series("WS-WELD", "Robot welding for short series",
           ["automation"], description="Welding robots and fixtures for small batches."),
    series("WS-LEAN", "Lean och 5S i verkstaden", ["productivity"],
           description="Flöde, ställtider och ständiga förbättringar."),
    series("WS-ERP", "Välja affärssystem", ["digitalisation"],
           description="Kravspecifikation och upphandling av ERP."),
]
COACHES = [
    coach("CO-WELD", "Svetsingenjör med lång erfarenhet av robotsvetsning.", ["automation"]),
    coach("CO-LEAN", "Lean-coach: 5S, flöde och daglig styrning.", ["productivity"]),
]


@pytest.fixture(scope="module")
def fitted():
    return Matcher().fit(SERIES, COACHES, [])


def codes(result, key):
    return [item["code"] for item in result[key]]


def test_swedish_compound_finds_english_series(fitted):
    result = fitted.suggest(profile("Vi vill köpa en svetsrobot"), lang="sv")
    assert codes(result, "workshop_series")[0] == "WS-WELD"


def test_english_words_find_swedish_compound_coach(fitted):
    result = fitted.suggest(profile("We want a robot welding cell", area="productivity"))
    assert codes(result, "coaches")[0] == "CO-WELD"


def test_output_has_exactly_the_contract_shape(fitted):
    result = fitted.suggest(profile("lean"), top=2, lang="sv")
    assert set(result) == {"workshop_series", "coaches", "cases"}
    for items in result.values():
        assert len(items) <= 2
        scores = [item["score"] for item in items]
        assert scores == sorted(scores, reverse=True)
        for item in items:
            assert set(item) == {"code", "score", "reasons"}
            assert 0.0 <= item["score"] <= 1.0
            assert 1 <= len(item["reasons"]) <= 3
            assert all(isinstance(r, str) and r for r in item["reasons"])
    assert result["cases"] == []


def test_reasons_are_data_rendered_in_either_language_at_the_edge(fitted):
    p = profile("Vi vill ha robotsvetsning för korta serier")
    result = fitted.suggest(p)
    first = result["workshop_series"][0]["reasons"][0]
    assert first["key"] == "need_words"
    assert first["values"]["areas"] == ["automation"]
    assert set(first["values"]["words"]) >= {"robotsvetsning", "korta serier"}
    json.dumps(result)  # storable as it is
    sv, en = render(first, "sv"), render(first, "en")
    # a sentence in the reader's language; the company's words quoted as written
    assert sv.startswith("Svarar mot ert behov inom automation, där ni skriver ”")
    assert en.startswith("Meets your need in automation, where you write “")
    assert "“robotsvetsning”" in en and "”korta serier”" in sv and sv.endswith(".")
    assert fitted.suggest(p, lang="en")["workshop_series"][0]["reasons"][0] == en
    with pytest.raises(ValueError, match="lang"):
        fitted.suggest(p, lang="de")
    with pytest.raises(ValueError, match="lang"):
        render(first, "de")


def test_series_in_another_county_ranks_below_an_equal_one_and_says_so():
    twins = [series("WS-FAR", "Robotsvetsning", ["automation"], county="23"),
             series("WS-NEAR", "Robotsvetsning", ["automation"], county="22"),
             series("WS-ONLINE", "Robotsvetsning", ["automation"], county=None)]
    result = Matcher().fit(twins, [], []).suggest(profile("svetsrobot", county="22"), lang="sv")
    ranked = result["workshop_series"]
    assert [i["code"] for i in ranked][-1] == "WS-FAR"
    assert any("Jämtlands län" in r for r in ranked[-1]["reasons"])
    assert not any("län" in r for i in ranked[:2] for r in i["reasons"])


def test_coach_outside_the_county_ranks_below_and_says_so():
    twins = [coach("CO-FAR", "Robotsvetsning", ["automation"], counties=["23"]),
             coach("CO-NEAR", "Robotsvetsning", ["automation"], counties=["22"])]
    result = Matcher().fit([], twins, []).suggest(profile("svets", county="22"), lang="en")
    assert codes(result, "coaches") == ["CO-NEAR", "CO-FAR"]
    assert any("county" in r for r in result["coaches"][1]["reasons"])


def test_full_series_and_busy_coach_are_listed_with_a_reason():
    full = [series("WS-FULL", "Robotsvetsning", ["automation"], seats=8, booked=8),
            series("WS-LEAN", "Lean", ["productivity"])]
    busy = [coach("CO-BUSY", "Robotsvetsning", ["automation"], capacity=3, assigned=3)]
    result = Matcher().fit(full, busy, []).suggest(profile("svetsrobot"), lang="sv")
    top = result["workshop_series"][0]
    assert top["code"] == "WS-FULL"
    assert any("fullbokad" in r for r in top["reasons"])
    assert any("fullt" in r for r in result["coaches"][0]["reasons"])


def test_with_a_level_weight_maturity_decides_between_a_basic_and_an_advanced_series():
    pair = [series("WS-START", "Kom igång med robotar", ["automation"],
                   description="För nybörjare: första steg mot en robotcell."),
            series("WS-DEEP", "Fördjupning i robotautomation", ["automation"],
                   description="Avancerad optimering för er som redan har robotar.")]
    fitted = Matcher(level_weight=0.05).fit(pair, [], [])
    low = fitted.suggest(profile("robot", maturity=1, priority=5))
    high = fitted.suggest(profile("robot", maturity=4, priority=5))
    assert codes(low, "workshop_series")[0] == "WS-START"
    assert codes(high, "workshop_series")[0] == "WS-DEEP"


@pytest.mark.parametrize("odd", [
    profile(""),
    {"company": {"sector": "00", "employees": None}, "answers": {}},
    {"answers": {"automation": {"maturity": 2, "priority": 5}}},
    {"answers": {"sustainability": {"maturity": 1, "priority": 5, "text": "energi"}}},
    {},
])
def test_odd_profiles_never_crash(fitted, odd):
    result = fitted.suggest(odd)
    assert all(0.0 <= i["score"] <= 1.0 for items in result.values() for i in items)
    assert len(result["workshop_series"]) == 3


def test_empty_catalogue_gives_empty_lists():
    result = Matcher().fit([], [], []).suggest(profile("svetsrobot"))
    assert result == {"workshop_series": [], "coaches": [], "cases": []}


def test_top_limits_each_list(fitted):
    assert all(len(v) <= 1 for v in fitted.suggest(profile("lean"), top=1).values())
    assert all(v == [] for v in fitted.suggest(profile("lean"), top=0).values())


def test_suggest_before_fit_is_a_clear_error():
    with pytest.raises(MatcherNotFittedError, match="fit") as caught:
        Matcher().suggest(profile("robot"))
    assert isinstance(caught.value, NotFittedError)


def test_estimator_contract():
    matcher = Matcher(neighbours=5, learning=0.2)
    assert matcher.get_params()["neighbours"] == 5
    assert not [a for a in vars(matcher) if a.endswith("_")]
    assert matcher.fit(SERIES, COACHES, []) is matcher
    assert hasattr(matcher, "catalogue_")
    assert clone(matcher).get_params() == matcher.get_params()


@pytest.mark.parametrize("params", [
    {"neighbours": 0}, {"neighbours": 2.5}, {"learning": -0.1}, {"county_penalty": 1.5},
    {"full_penalty": -1}, {"chars_weight": -0.2}, {"need_weight": "much"},
    {"concept_weight": -1}, {"words_weight": None}, {"level_weight": -0.01},
    {"sector_weight": float("nan")},
])
def test_bad_hyper_parameters_are_refused_in_fit_not_clamped(params):
    matcher = Matcher(**params)  # the constructor only stores them
    with pytest.raises(ValueError, match=next(iter(params))):
        matcher.fit(SERIES, COACHES, [])


def test_all_block_weights_zero_is_refused():
    zero = {f"{b}_weight": 0.0 for b in ("need", "concept", "chars", "words", "level",
                                         "sector")}
    with pytest.raises(ValueError, match="weights"):
        Matcher(**zero).fit(SERIES, COACHES, [])


def test_bad_top_is_refused(fitted):
    for top in (-1, 1.5, "3", True):
        with pytest.raises(ValueError, match="top"):
            fitted.suggest(profile("lean"), top=top)


def test_save_and_load_round_trip(fitted, tmp_path):
    path = tmp_path / "matcher.joblib"
    fitted.save(path)
    loaded = Matcher.load(path)
    p = profile("svetsrobot och lean")
    assert loaded.suggest(p, lang="en") == fitted.suggest(p, lang="en")


def test_fit_does_not_change_its_inputs():
    before = copy.deepcopy(SERIES)
    Matcher().fit(SERIES, COACHES, [])
    assert before == SERIES


def test_areas_constant():
    assert matching.areas == ("digitalisation", "automation", "productivity",
                              "business_model", "competence", "sustainability")
