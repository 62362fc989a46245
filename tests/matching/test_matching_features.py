"""Feature building: text analysis, the lexicon bridge between languages, records."""

import numpy as np
import pytest

from matching.records import (
    LEVEL,
    NEED,
    SECTOR,
    TEXT,
    case_record,
    profile_record,
    series_record,
)
from matching.text import analyse, concept_tokens, stem, text_tokens


def concepts(text: str) -> set[str]:
    return set(concept_tokens(text))


@pytest.mark.parametrize(("swedish", "english"), [
    ("svetsrobot", "robot welding cell"),
    ("robotsvetsning", "welding robots"),
    ("produktionsuppföljning i realtid", "real-time production monitoring"),
    ("korta serier", "short series"),
    ("affärssystem", "ERP system"),
    ("digital tvilling", "digital twin"),
    ("energieffektivisering", "energy efficiency"),
])
def test_swedish_compounds_and_english_words_share_concepts(swedish, english):
    assert concepts(swedish) & concepts(english)


def test_compound_yields_each_part_and_implied_concepts():
    assert {"c:welding", "c:robot", "c:automation"} <= concepts("robotsvetsning")


def test_a_whole_entry_wins_over_its_parts():
    # "arbetsmiljö" is the work environment, not the (natural) environment.
    assert "c:work_env" in concepts("arbetsmiljön")
    assert "c:climate" not in concepts("arbetsmiljön")


def test_words_inside_a_phrase_give_no_label_of_their_own():
    found = concepts("IT-säkerhet")
    assert "c:cyber" in found and "c:work_env" not in found


def test_words_do_not_match_inside_other_words():
    assert concepts("clean room") == set()
    assert "c:lean" in concepts("leanarbete")


def test_phrase_word_marked_as_whole_word_does_not_match_longer_words():
    assert "c:product_dev" in concepts("en ny produkt")
    assert "c:product_dev" not in concepts("ny produktion")


def test_stems_are_snowballs_in_both_languages():
    assert stem("svetsningarna") == "svetsning"
    assert stem("ställtiderna") == "ställtid"
    assert stem("arbetsmiljön") == stem("arbetsmiljö")  # definite "-n" of "-ö" nouns
    assert stem("welding", "en") == "weld"


def test_analysis_keeps_token_spans_for_reasons():
    analysis = analyse("Vi vill ha korta serier")
    assert ("small_batch", 3, 5) in analysis.concepts


def test_text_tokens_carry_concepts_then_word_stems():
    tokens = text_tokens("Svetsrobot för korta serier")
    assert tokens[0].startswith("c:") and any(t.startswith("w:") for t in tokens)
    assert "w:för" not in tokens  # stop word


def test_profile_record_weights_text_by_need():
    record = profile_record({"answers": {
        "automation": {"maturity": 1, "priority": 5, "text": "svetsrobot"},
        "productivity": {"maturity": 4, "priority": 2, "text": "lean"},
    }})
    weights = dict(record[TEXT])
    assert weights["svetsrobot"] > weights["lean"]
    assert record[NEED[1]] > record[NEED[2]] > 0
    assert record[LEVEL[1]] > 0 > record[LEVEL[2]]  # beginner in automation, not in lean


@pytest.mark.parametrize("profile", [
    {},
    {"company": None, "answers": None},
    {"company": {"sector": "99", "employees": "many", "county": None}, "answers": {}},
    {"answers": {"automation": {"maturity": None, "priority": "x", "text": None}}},
    {"answers": {"unknown_area": {"maturity": 2, "priority": 5, "text": "robot"}}},
    {"answers": {"automation": "not a dict"}},
])
def test_odd_profiles_give_a_record(profile):
    record = profile_record(profile)
    assert np.all(np.isfinite(record[NEED + LEVEL + SECTOR].astype(float)))


def test_unknown_sector_sets_no_industry():
    record = profile_record({"company": {"sector": "99"}, "answers": {}})
    assert not any(record[SECTOR])


def test_series_record_reads_level_and_industry_from_words():
    basic = series_record({"title": "Kom igång med robotar", "description": "För livsmedel",
                           "areas": ["automation"]})
    advanced = series_record({"title": "Fördjupning i robotik", "areas": ["automation"]})
    assert basic[LEVEL[1]] == 1.0 and advanced[LEVEL[1]] == -1.0
    assert any(basic[SECTOR]) and not any(advanced[SECTOR])


def test_case_record_adds_summary_and_outcome():
    record = case_record({"company": {"sector": "25", "employees": 40},
                          "answers": {"automation": {"maturity": 1, "priority": 5,
                                                     "text": "svets"}},
                          "summary": "Robotcell", "outcome": "Halverad tid"})
    assert [t for t, _ in record[TEXT]] == ["svets", "Robotcell", "Halverad tid"]
