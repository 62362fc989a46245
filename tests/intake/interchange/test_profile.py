"""The profile file that `match` reads."""


import pytest

from intake.interchange import (
    validate_profile,
)
from tests.intake.interchange.samples import (
    REQUIRED,
    errors_of,
    good_profile,
    set_at,
)

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
    set_at(path, value)(data)
    errors = errors_of(validate_profile, data, "p.json")
    assert any(e.startswith(f"p.json: {expected}") for e in errors), errors


def test_profile_warnings_are_handed_back_when_asked():
    data = good_profile()
    data["company"]["website"] = "https://example.se"
    warnings: list[str] = []
    validate_profile(data, "p.json", warnings=warnings)
    assert warnings == ["p.json: company.website: unknown key, ignored"]
