"""Interchange v1: the catalogue and profile files, checked to the letter of the spec."""

import copy
import json
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from intake.interchange import (
    FORMAT,
    InterchangeError,
    ValidatedCatalogue,
    catalogue_to_json,
    load_json,
    validate_catalogue,
    validate_profile,
)

REQUIRED = ["digitalisation", "automation", "productivity", "business_model"]
EVALUATION_CATALOGUE = Path(__file__).resolve().parents[2] / "matching/evaluation/catalogue.json"


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


def _set(path, value):
    def edit(d):
        target = d
        for step in path[:-1]:
            target = target[step]
        if value is KeyError:
            del target[path[-1]]
        else:
            target[path[-1]] = value

    return edit


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
    _set(path, value)(data)
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
    data = {"format": FORMAT, "coaches": [{}] * 10_001}
    assert errors_of(validate_catalogue, data, "c.json") == [
        "c.json: coaches: too many items: 10001 (at most 10000)"
    ]
    data = good_catalogue()
    data["coaches"][0]["counties"] = ["22"] * 101
    assert "too many entries" in errors_of(validate_catalogue, data, "c.json")[0]
    data = good_catalogue()
    data["cases"][0]["company"]["employees"] = 10**30
    assert "out of range" in errors_of(validate_catalogue, data, "c.json")[0]


# --- reading the file ---------------------------------------------------------------------


def test_bad_json_names_line_and_column():
    raw = b'{\n  "format": "intake-catalogue/1",\n  "coaches": [\n    {"code": "CO-01",}\n  ]\n}'
    with pytest.raises(InterchangeError) as info:
        load_json(raw, "catalogue.json")
    assert str(info.value).startswith("catalogue.json: invalid JSON at line 4, column 22: ")


def test_not_utf8_names_where():
    raw = '{"format": "intake-catalogue/1",\n "x": "Östersund"}'.encode("latin-1")
    with pytest.raises(InterchangeError, match=r"c\.json: not UTF-8 .*line 2, column 8"):
        load_json(raw, "c.json")


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        (b"", "invalid JSON at line 1, column 1"),
        (b'{"a": NaN}', "NaN is not valid JSON"),
        (b'{"a": -Infinity}', "-Infinity is not valid JSON"),
        (b'{"a": 1, "a": 2}', 'the key "a" appears twice'),
        (b"[" * 100_000, "invalid JSON"),
        (b"1" * 5000, "invalid JSON"),  # an integer too long for Python to convert
    ],
)
def test_other_unreadable_files(raw, expected):
    with pytest.raises(InterchangeError, match=expected):
        load_json(raw, "c.json")


def test_load_json_from_a_path_and_with_a_byte_order_mark(tmp_path):
    path = tmp_path / "catalogue.json"
    path.write_bytes(b"\xef\xbb\xbf" + json.dumps(good_catalogue()).encode())
    assert load_json(path) == good_catalogue()
    assert load_json(str(path), "other.json") == good_catalogue()
    with pytest.raises(InterchangeError, match="missing.json: cannot read the file"):
        load_json(tmp_path / "missing.json")


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


# --- profile ------------------------------------------------------------------------------


def test_good_profile_is_normalised():
    profile = validate_profile(good_profile(), "profile.json")
    assert profile["company"] == {"name": "Verkstad AB", "org_number": "556036-0793",
                                  "sector": "25", "employees": 35, "county": "22"}  # fmt: skip
    assert list(profile["answers"]) == REQUIRED


def test_profile_name_org_number_and_text_are_optional():
    data = good_profile()
    del data["company"]["name"], data["company"]["org_number"]
    del data["answers"]["automation"]["text"]
    profile = validate_profile(data, "p.json")
    assert profile["company"]["name"] is None and profile["company"]["org_number"] is None
    assert profile["answers"]["automation"]["text"] == ""


@pytest.mark.parametrize(
    ("path", "value", "expected"),
    [
        (
            ["company", "org_number"],
            "556036-0794",
            'company.org_number: "556036-0794" has a wrong check digit',
        ),
        (
            ["company", "org_number"],
            "55603-60793",
            'company.org_number: "55603-60793" is not an organisation number',
        ),
        (
            ["company", "org_number"],
            5560360793,
            "company.org_number: 5560360793 is not an organisation number",
        ),
        (["company", "sector"], KeyError, "company.sector: required field is missing"),
        (["company", "employees"], "35", "company.employees: expected a whole number"),
        (["company", "county"], "26", 'company.county: "26" is not a Swedish county code'),
        (
            ["answers", "business_model"],
            KeyError,
            "answers.business_model: required area is missing",
        ),
        (
            ["answers", "digitalisation", "priority"],
            9,
            "answers.digitalisation.priority: 9 is out of range",
        ),
        (["answers"], KeyError, "answers: required field is missing"),
        (["workshop_series"], [], 'top level: unknown key "workshop_series"'),
    ],
)
def test_profile_errors_name_file_and_field(path, value, expected):
    data = good_profile()
    _set(path, value)(data)
    errors = errors_of(validate_profile, data, "p.json")
    assert any(e.startswith(f"p.json: {expected}") for e in errors), errors


def test_profile_warnings_are_handed_back_when_asked():
    data = good_profile()
    data["company"]["website"] = "https://example.se"
    warnings: list[str] = []
    validate_profile(data, "p.json", warnings=warnings)
    assert warnings == ["p.json: company.website: unknown key, ignored"]


# --- robustness ---------------------------------------------------------------------------

json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=8),
    lambda children: (
        st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=8), children, max_size=4)
    ),
    max_leaves=20,
)


def _mutate(data: object, path: list[int], replacement: object) -> object:
    """Replace one node of ``data`` (chosen by ``path``) with ``replacement``."""
    if not path or not isinstance(data, (dict, list)) or not data:
        return replacement
    keys = list(data) if isinstance(data, dict) else list(range(len(data)))
    key = keys[path[0] % len(keys)]
    data[key] = _mutate(data[key], path[1:], replacement)
    return data


def _only_interchange_errors(func, data, *args):
    try:
        func(data, *args)
    except InterchangeError as exc:
        assert exc.errors and all(e.startswith("f.json: ") for e in exc.errors)
        assert all("\n" not in e for e in exc.errors)


@given(json_values)
def test_arbitrary_json_raises_nothing_but_interchange_error(data):
    _only_interchange_errors(validate_catalogue, data, "f.json")
    _only_interchange_errors(validate_profile, data, "f.json")


@settings(suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.integers(0, 50), max_size=6), json_values, st.sampled_from(["cat", "prof"]))
def test_almost_valid_files_raise_nothing_but_interchange_error(path, replacement, which):
    # Damage one node of a good file: this reaches the checkers deep inside, which
    # arbitrary JSON rarely does.
    if which == "cat":
        data = _mutate(good_catalogue(), path, replacement)
        _only_interchange_errors(validate_catalogue, data, "f.json", {"coaches": {"CO-9"}})
    else:
        _only_interchange_errors(validate_profile, _mutate(good_profile(), path, replacement),
                                 "f.json")  # fmt: skip


@given(st.binary(max_size=200))
def test_arbitrary_bytes_raise_nothing_but_interchange_error(raw):
    try:
        load_json(raw, "f.json")
    except InterchangeError as exc:
        assert str(exc).startswith("f.json: ")


# --- the evaluation catalogue shipped with matching/ -----------------------------------------


def test_evaluation_catalogue_validates_cleanly():
    data = load_json(EVALUATION_CATALOGUE)
    result = validate_catalogue(data, EVALUATION_CATALOGUE.name)
    assert result.warnings == []
    assert result.workshop_series and result.coaches and result.cases


def test_evaluation_profiles_validate_cleanly_and_name_catalogue_codes():
    catalogue = validate_catalogue(load_json(EVALUATION_CATALOGUE), "catalogue.json")
    codes = {
        "workshop_series": {s["code"] for s in catalogue.workshop_series},
        "coaches": {c["code"] for c in catalogue.coaches},
        "cases": {c["code"] for c in catalogue.cases},
    }
    path = EVALUATION_CATALOGUE.with_name("profiles.json")
    profiles = load_json(path)["profiles"]
    assert profiles
    for entry in profiles:
        warnings: list[str] = []
        validate_profile(entry["profile"], f"{path.name} {entry['id']}", warnings=warnings)
        assert warnings == []
        for kind, acceptable in entry.get("acceptable", {}).items():
            assert set(acceptable) <= codes[kind], (entry["id"], kind)
