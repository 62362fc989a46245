"""Sample interchange files for the tests: a good catalogue and profile, and an error reader."""

from pathlib import Path

import pytest

from intake.interchange import InterchangeError

REQUIRED = ["digitalisation", "automation", "productivity", "business_model"]
EVALUATION_CATALOGUE = Path(__file__).resolve().parents[3] / "matching/evaluation/catalogue.json"


def answers(**overrides):
    result = {key: {"maturity": 2, "priority": 3, "text": f"Om {key}."} for key in REQUIRED}
    result.update(overrides)
    return result


def good_catalogue() -> dict:
    return {
        "format": "intake-catalogue/1",
        "workshop_series": [
            {"code": "WS-LEAN", "title": "Lean i praktiken", "description": "Flöde och 5S.",
             "areas": ["productivity"], "county": "22", "starts_on": "2027-03-01", "seats": 10},
            {"code": "WS-ROBOT", "title": "Robotar för små serier", "description": "Celler.",
             "areas": ["automation", "digitalisation"], "county": None},
        ],
        "coaches": [
            {"code": "CO-01", "name": "Anna Berg", "profile": "Automation, 20 år.",
             "areas": ["automation"], "counties": ["22", "23"], "capacity": 6},
            {"code": "CO-02", "name": "Erik Lund", "profile": "Lean.", "areas": ["productivity"],
             "counties": ["23"]},
        ],
        "cases": [
            {"code": "CASE-001", "company": {"sector": "25", "employees": 40, "county": "23"},
             "answers": answers(automation={"maturity": 1, "priority": 5, "text": "Svets."}),
             "summary": "Robotcell för svetsning.", "outcome": "Halverad ställtid.",
             "workshop_series": "WS-ROBOT", "coach": "CO-01"},
            {"code": "CASE-002", "company": {"sector": "16", "employees": 0, "county": "22"},
             "answers": answers(competence={"maturity": 3, "priority": 2}),
             "summary": "Kompetensplan."},
        ],
    }  # fmt: skip


def good_profile() -> dict:
    return {
        "company": {"name": "Verkstad AB", "org_number": "5560360793", "sector": "25",
                    "employees": 35, "county": "22"},
        "answers": answers(),
    }  # fmt: skip


def errors_of(func, data, *args, **kwargs) -> list[str]:
    with pytest.raises(InterchangeError) as info:
        func(data, *args, **kwargs)
    assert str(info.value) == "\n".join(info.value.errors)
    return info.value.errors


def set_at(path, value):
    """An edit that puts `value` at `path` in a file's data (KeyError: deletes the key there)."""

    def edit(d):
        target = d
        for step in path[:-1]:
            target = target[step]
        if value is KeyError:
            del target[path[-1]]
        else:
            target[path[-1]] = value

    return edit
