"""The evaluation files shipped with matching/ validate as interchange files."""



from intake.interchange import (
    load_json,
    validate_catalogue,
    validate_profile,
)
from tests.intake.interchange.samples import (
    EVALUATION_CATALOGUE,
)

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
