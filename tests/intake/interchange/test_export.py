"""Writing the catalogue back out in the interchange format."""

import json

from intake.interchange import (
    catalogue_to_json,
    load_json,
    validate_catalogue,
)
from tests.intake.interchange.samples import (
    good_catalogue,
)

# --- export -------------------------------------------------------------------------------


def test_round_trip_of_catalogue_to_json():
    first = validate_catalogue(good_catalogue(), "c.json")
    exported = catalogue_to_json(first.workshop_series, first.coaches, first.cases)
    text = json.dumps(exported, ensure_ascii=False, indent=2)
    second = validate_catalogue(load_json(text.encode(), "export.json"), "export.json")
    assert second == first
    again = catalogue_to_json(second.workshop_series, second.coaches, second.cases)
    assert json.dumps(again, ensure_ascii=False, indent=2) == text


def test_export_shape_and_order():
    v = validate_catalogue(good_catalogue(), "c.json")
    out = catalogue_to_json(list(reversed(v.workshop_series)), v.coaches, v.cases)
    assert list(out) == ["format", "workshop_series", "coaches", "cases"]
    assert out["format"] == "intake-catalogue/1"
    assert [s["code"] for s in out["workshop_series"]] == ["WS-LEAN", "WS-ROBOT"]
    # county null is kept (open to all); other optional keys that are None are left out
    assert out["workshop_series"][1] == {
        "code": "WS-ROBOT", "title": "Robotar för små serier", "description": "Celler.",
        "areas": ["automation", "digitalisation"], "county": None,
    }  # fmt: skip
    assert "capacity" not in out["coaches"][1]
    assert list(out["cases"][1]) == ["code", "company", "answers", "summary"]
    assert list(out["cases"][0]) == [
        "code", "company", "answers", "summary", "outcome", "workshop_series", "coach"
    ]  # fmt: skip


def test_export_accepts_dates_and_rows_with_extra_keys():
    from datetime import date

    series = {"code": "WS-1", "title": "T", "description": "D", "areas": ["automation"],
              "county": None, "starts_on": date(2027, 3, 1), "seats": 0, "id": 17}  # fmt: skip
    out = catalogue_to_json([series], [], [])
    assert out["workshop_series"] == [
        {"code": "WS-1", "title": "T", "description": "D", "areas": ["automation"],
         "county": None, "starts_on": "2027-03-01", "seats": 0}
    ]  # fmt: skip
    validate_catalogue(out, "export.json")
