"""The catalogue file: a good one normalised to the spec's shapes, and every kind of error named
by file, item and field (interchange v1)."""

import copy

import pytest

from intake.interchange import (
    FORMAT,
    InterchangeError,
    ValidatedCatalogue,
    validate_catalogue,
)
from tests.intake.interchange.samples import (
    REQUIRED,
    errors_of,
    good_catalogue,
    set_at,
)

# --- a good catalogue ---------------------------------------------------------------------


def test_good_catalogue_is_normalised_to_the_spec_shapes():
    result = validate_catalogue(good_catalogue(), "catalogue.json")
    assert isinstance(result, ValidatedCatalogue)
    assert result.warnings == []
    assert result.workshop_series[1] == {
        "code": "WS-ROBOT", "title": "Robotar för små serier", "description": "Celler.",
        "areas": ["automation", "digitalisation"], "county": None, "starts_on": None,
        "seats": None,
    }  # fmt: skip
    assert list(result.workshop_series[0]) == [
        "code", "title", "description", "areas", "county", "starts_on", "seats"
    ]  # fmt: skip
    assert result.coaches[1]["capacity"] is None
    assert list(result.coaches[0]) == ["code", "name", "profile", "areas", "counties", "capacity"]
    second = result.cases[1]
    assert second["outcome"] is None and second["coach"] is None
    assert list(second["answers"]) == REQUIRED + ["competence"]
    assert second["answers"]["competence"] == {"maturity": 3, "priority": 2, "text": ""}


def test_sections_may_be_left_out():
    result = validate_catalogue({"format": FORMAT, "coaches": []}, "c.json")
    assert (result.workshop_series, result.coaches, result.cases) == ([], [], [])


def test_unknown_keys_inside_objects_are_warnings_and_dropped():
    data = good_catalogue()
    data["workshop_series"][0]["location"] = "Östersund"
    data["cases"][0]["company"]["name"] = "Must not be stored"
    data["cases"][0]["answers"]["automation"]["note"] = "?"
    result = validate_catalogue(data, "catalogue.json")
    assert result.warnings == [
        "catalogue.json: workshop_series[WS-LEAN].location: unknown key, ignored",
        "catalogue.json: cases[CASE-001].company.name: unknown key, ignored",
        "catalogue.json: cases[CASE-001].answers.automation.note: unknown key, ignored",
    ]
    assert "location" not in result.workshop_series[0]
    assert "name" not in result.cases[0]["company"]


def test_a_case_may_reference_codes_already_in_the_database():
    data = good_catalogue()
    data["cases"][0].update(workshop_series="WS-OLD", coach="CO-OLD")
    known = {"workshop_series": {"WS-OLD"}, "coaches": {"CO-OLD"}}
    result = validate_catalogue(data, "catalogue.json", known_codes=known)
    assert result.cases[0]["coach"] == "CO-OLD"

# --- each kind of error names file, item and field ------------------------------------------


S, C, K = "workshop_series", "coaches", "cases"

WS, CASE, CO = "workshop_series[WS-LEAN].", "cases[CASE-001].", "coaches[CO-01]."
CASES = [
    ([S, 0, "county"], "99", WS + 'county: "99" is not a Swedish county code'),
    ([S, 0, "county"], 22, WS + "county: 22 is not a Swedish county code"),
    ([S, 0, "areas"], ["lean"], WS + 'areas[0]: "lean" is not an area'),
    ([S, 0, "areas"], "productivity", WS + "areas: expected a list"),
    ([S, 0, "starts_on"], "2027-02-30", WS + 'starts_on: "2027-02-30" is not a date'),
    ([S, 0, "starts_on"], "1/3/2027", WS + "starts_on:"),
    ([S, 0, "starts_on"], "20270301", WS + "starts_on:"),
    ([S, 0, "seats"], -1, WS + "seats: -1 is out of range"),
    ([S, 0, "seats"], True, WS + "seats: expected a whole number"),
    ([S, 0, "seats"], 10.0, WS + "seats: expected a whole number"),
    ([S, 0, "seats"], "10", WS + "seats: expected a whole number"),
    ([S, 0, "title"], KeyError, WS + "title: required field is missing"),
    ([S, 0, "title"], " ", WS + "title: must not be empty"),
    ([S, 0, "description"], None, WS + "description: expected a string"),
    ([S, 0, "description"], "x" * 20_001, WS + "description: too long"),
    ([S, 0, "description"], "a\x00b", WS + "description: contains a NUL"),
    ([S, 0, "code"], KeyError, "workshop_series[#0].code: required field is missing"),
    ([S, 0, "code"], 7, "workshop_series[#0].code: expected a string"),
    ([S, 0, "code"], "C" * 41, "workshop_series[#0].code: too long"),
    ([S, 0, "code"], "WS\nX", "workshop_series[#0].code:"),
    ([S, 1], "WS-X", "workshop_series[#1]: expected an object, got a string"),
    ([C, 0, "counties"], ["22", "99"], CO + 'counties[1]: "99" is not a Swedish county code'),
    ([C, 0, "counties"], KeyError, CO + "counties: required field is missing"),
    ([C, 0, "capacity"], False, CO + "capacity: expected a whole number"),
    ([C, 0, "profile"], ["a"], CO + "profile: expected a string, got a list"),
    ([C, 1, "name"], KeyError, "coaches[CO-02].name: required field is missing"),
    ([K, 0, "company", "sector"], "04", CASE + 'company.sector: "04" is not an SNI 2007 division'),
    (
        [K, 0, "company", "sector"],
        25,
        CASE + 'company.sector: 25 is not an SNI 2007 division (write it as a string, e.g. "25")',
    ),
    ([K, 0, "company", "employees"], -3, CASE + "company.employees: -3 is out of range"),
    ([K, 0, "company", "employees"], 12.5, CASE + "company.employees: expected a whole number"),
    ([K, 0, "company", "county"], KeyError, CASE + "company.county: required field is missing"),
    ([K, 0, "company"], [], CASE + "company: expected an object, got a list"),
    (
        [K, 0, "answers", "automation", "maturity"],
        0,
        CASE + "answers.automation.maturity: 0 is out of range",
    ),
    (
        [K, 0, "answers", "automation", "priority"],
        6,
        CASE + "answers.automation.priority: 6 is out of range",
    ),
    (
        [K, 0, "answers", "automation", "priority"],
        True,
        CASE + "answers.automation.priority: expected a whole number 1-5, got true",
    ),
    (
        [K, 0, "answers", "automation", "maturity"],
        KeyError,
        CASE + "answers.automation.maturity: required field is missing",
    ),
    (
        [K, 0, "answers", "automation", "text"],
        3,
        CASE + "answers.automation.text: expected a string",
    ),
    (
        [K, 0, "answers", "marketing"],
        {"maturity": 1, "priority": 1},
        CASE + "answers.marketing: unknown area",
    ),
    (
        [K, 0, "answers", "productivity"],
        KeyError,
        CASE + "answers.productivity: required area is missing",
    ),
    ([K, 0, "summary"], KeyError, CASE + "summary: required field is missing"),
    ([K, 0, "outcome"], 5, CASE + "outcome: expected a string"),
    (
        [K, 0, "coach"],
        "CO-99",
        CASE + 'coach: "CO-99" is not a coach in this file or in the database',
    ),
    (
        [K, 0, "workshop_series"],
        "WS-GONE",
        CASE
        + 'workshop_series: "WS-GONE" is not a workshop series in this file or in the database',
    ),
    ([K], {}, "cases: expected a list, got an object"),
]


@pytest.mark.parametrize(("path", "value", "expected"), CASES)
def test_each_error_names_file_item_and_field(path, value, expected):
    data = good_catalogue()
    set_at(path, value)(data)
    errors = errors_of(validate_catalogue, data, "catalogue.json")
    assert any(e.startswith(f"catalogue.json: {expected}") for e in errors), errors


def test_all_errors_are_collected_one_per_line():
    data = good_catalogue()
    data["workshop_series"][0]["county"] = "99"
    data["coaches"][0]["capacity"] = -1
    data["cases"][1]["company"]["sector"] = "00"
    with pytest.raises(InterchangeError) as info:
        validate_catalogue(data, "catalogue.json")
    assert str(info.value).splitlines() == [
        'catalogue.json: workshop_series[WS-LEAN].county: "99" is not a Swedish county code',
        "catalogue.json: coaches[CO-01].capacity: -1 is out of range "
        "(expected a whole number 0-100000)",
        'catalogue.json: cases[CASE-002].company.sector: "00" is not an SNI 2007 division',
    ]


def test_unknown_top_level_key_is_an_error():
    data = good_catalogue()
    data["workshop_series_extra"] = []
    errors = errors_of(validate_catalogue, data, "catalogue.json")
    assert errors == [
        'catalogue.json: top level: unknown key "workshop_series_extra" '
        "(allowed: format, workshop_series, coaches, cases)"
    ]


@pytest.mark.parametrize("fmt", ["intake-catalogue/2", "", None, 1])
def test_wrong_format_names_the_formats_this_version_reads(fmt):
    data = good_catalogue()
    data["format"] = fmt
    [error] = errors_of(validate_catalogue, data, "catalogue.json")
    assert error.startswith("catalogue.json: format: ")
    assert "intake-catalogue/1" in error


def test_missing_format_is_an_error():
    data = good_catalogue()
    del data["format"]
    [error] = errors_of(validate_catalogue, data, "catalogue.json")
    assert error == ("catalogue.json: format: required field is missing "
                     "(this version reads: intake-catalogue/1)")  # fmt: skip


@pytest.mark.parametrize("data", [[], "x", 3, None])
def test_top_level_must_be_an_object(data):
    assert errors_of(validate_catalogue, data, "c.json")[0].startswith("c.json: top level: ")


def test_duplicate_codes_in_one_file():
    data = good_catalogue()
    data["coaches"].append(copy.deepcopy(data["coaches"][0]))
    data["cases"].append(copy.deepcopy(data["cases"][1]))
    assert errors_of(validate_catalogue, data, "catalogue.json") == [
        'catalogue.json: coaches[CO-01].code: "CO-01" appears more than once (items #0 and #2)',
        'catalogue.json: cases[CASE-002].code: "CASE-002" appears more than once (items #1 and #2)',
    ]


def test_same_code_in_different_sections_is_fine():
    data = good_catalogue()
    data["coaches"][0]["code"] = "WS-LEAN"
    data["cases"][0]["coach"] = "WS-LEAN"
    assert validate_catalogue(data, "c.json").coaches[0]["code"] == "WS-LEAN"


def test_reference_to_a_code_of_the_wrong_kind_is_an_error():
    data = good_catalogue()
    data["cases"][0]["coach"] = "WS-LEAN"
    errors = errors_of(validate_catalogue, data, "c.json", known_codes={"coaches": {"CO-9"}})
    assert errors == ['c.json: cases[CASE-001].coach: "WS-LEAN" is not a coach in this file '
                      "or in the database"]  # fmt: skip


def test_repeated_areas_are_counted_once_with_a_warning():
    data = good_catalogue()
    data["coaches"][0]["areas"] = ["automation", "automation"]
    result = validate_catalogue(data, "c.json")
    assert result.coaches[0]["areas"] == ["automation"]
    assert result.warnings == [
        'c.json: coaches[CO-01].areas[1]: "automation" is listed twice, counted once'
    ]


def test_absurd_sizes_are_rejected():
    data = {"format": FORMAT, "coaches": [{}] * 200_001}
    assert errors_of(validate_catalogue, data, "c.json") == [
        "c.json: coaches: too many items: 200001 (at most 200000)"
    ]
    data = good_catalogue()
    data["coaches"][0]["counties"] = ["22"] * 101
    assert "too many entries" in errors_of(validate_catalogue, data, "c.json")[0]
    data = good_catalogue()
    data["cases"][0]["company"]["employees"] = 10**30
    assert "out of range" in errors_of(validate_catalogue, data, "c.json")[0]
