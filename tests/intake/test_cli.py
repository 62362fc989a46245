"""The command-line contract: catalogue import/export, match, users, demo."""

import json
from pathlib import Path

from sqlalchemy import func, select

from intake.extensions import db
from intake.models import Suggestion, WorkshopSeries
from tests.factories import DEMO_CATALOGUE, PASSWORD

EXAMPLES = Path(__file__).resolve().parents[2] / "docs" / "examples"


def write(tmp_path, name, data) -> str:
    path = tmp_path / name
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return str(path)


def demo() -> dict:
    return json.loads(DEMO_CATALOGUE.read_text(encoding="utf-8"))


def count(model) -> int:
    return db.session.scalar(select(func.count()).select_from(model))


def test_import_then_import_again_changes_nothing(runner, tmp_path):
    first = runner.invoke(args=["catalogue", "import", str(DEMO_CATALOGUE)])
    assert first.exit_code == 0, first.output
    series = len(demo()["workshop_series"])
    assert f"workshop_series: {series} created, 0 updated" in first.stdout
    before = runner.invoke(args=["catalogue", "export", str(tmp_path / "a.json")])
    assert before.exit_code == 0

    second = runner.invoke(args=["catalogue", "import", str(DEMO_CATALOGUE)])
    assert second.exit_code == 0
    assert "workshop_series: 0 created, 0 updated" in second.stdout
    assert "cases: 0 created, 0 updated" in second.stdout
    runner.invoke(args=["catalogue", "export", str(tmp_path / "b.json")])
    assert (tmp_path / "a.json").read_text() == (tmp_path / "b.json").read_text()


def test_export_then_import_round_trips_exactly(runner, tmp_path):
    runner.invoke(args=["catalogue", "import", str(DEMO_CATALOGUE)])
    runner.invoke(args=["catalogue", "export", str(tmp_path / "a.json")])
    exported = json.loads((tmp_path / "a.json").read_text(encoding="utf-8"))
    assert exported["format"] == "intake-catalogue/1"
    source = demo()
    for key in ("workshop_series", "coaches", "cases"):
        assert sorted(i["code"] for i in exported[key]) == sorted(i["code"] for i in source[key])
    by_code = {s["code"]: s for s in exported["workshop_series"]}
    for item in source["workshop_series"]:
        assert by_code[item["code"]]["title"] == item["title"]
        assert by_code[item["code"]]["county"] == item["county"]

    result = runner.invoke(args=["catalogue", "import", str(tmp_path / "a.json")])
    assert "0 created, 0 updated" in result.stdout


def test_an_error_anywhere_imports_nothing_and_names_file_item_field(runner, tmp_path):
    data = demo()
    code = data["workshop_series"][3]["code"]
    data["workshop_series"][3]["county"] = "99"
    path = write(tmp_path, "broken.json", data)
    result = runner.invoke(args=["catalogue", "import", path])
    assert result.exit_code == 1
    assert "broken.json" in result.stderr and code in result.stderr
    assert "county" in result.stderr
    assert "Traceback" not in result.output
    assert count(WorkshopSeries) == 0


def test_invalid_json_says_where_it_breaks(runner, tmp_path):
    path = tmp_path / "bad.json"
    path.write_text('{"format": "intake-catalogue/1",\n "workshop_series": [,]}')
    result = runner.invoke(args=["catalogue", "import", str(path)])
    assert result.exit_code == 1
    assert "bad.json" in result.stderr and "line 2" in result.stderr


def test_unknown_top_level_key_and_wrong_format(runner, tmp_path):
    result = runner.invoke(args=["catalogue", "import", write(
        tmp_path, "x.json", {"format": "intake-catalogue/2", "extras": []})])
    assert result.exit_code == 1
    assert "extras" in result.stderr and "intake-catalogue/1" in result.stderr


def test_missing_file_is_a_message(runner, tmp_path):
    result = runner.invoke(args=["catalogue", "import", str(tmp_path / "nope.json")])
    assert result.exit_code == 1 and "nope.json" in result.stderr


def test_match_one_profile_prints_the_output_format(runner):
    runner.invoke(args=["catalogue", "import", str(DEMO_CATALOGUE)])
    result = runner.invoke(args=["match", str(EXAMPLES / "profile-robot.json")])
    assert result.exit_code == 0, result.output
    output = json.loads(result.stdout)
    assert set(output) == {"workshop_series", "coaches", "cases"}
    for items in output.values():
        assert 1 <= len(items) <= 3
        scores = [i["score"] for i in items]
        assert scores == sorted(scores, reverse=True)
        assert all(0 <= s <= 1 for s in scores)
        assert all(i["reasons"] for i in items)
    assert count(Suggestion) == 0  # match stores nothing


def test_match_several_profiles_keyed_by_file_name(runner):
    runner.invoke(args=["catalogue", "import", str(DEMO_CATALOGUE)])
    result = runner.invoke(args=["match", str(EXAMPLES / "profile-robot.json"),
                                 str(EXAMPLES / "profile-lean-en.json"), "--top", "5",
                                 "--lang", "en"])
    assert result.exit_code == 0, result.output
    output = json.loads(result.stdout)
    assert set(output) == {"profile-robot", "profile-lean-en"}
    assert len(output["profile-robot"]["workshop_series"]) == 5


def test_match_invalid_profile_exits_2_naming_file_and_field(runner, tmp_path):
    profile = json.loads((EXAMPLES / "profile-robot.json").read_text(encoding="utf-8"))
    profile["company"]["county"] = "77"
    result = runner.invoke(args=["match", write(tmp_path, "odd.json", profile)])
    assert result.exit_code == 2
    assert "odd.json" in result.stderr and "county" in result.stderr


def test_match_on_an_empty_catalogue(runner):
    result = runner.invoke(args=["match", str(EXAMPLES / "profile-robot.json")])
    assert result.exit_code == 0
    assert json.loads(result.stdout) == {"workshop_series": [], "coaches": [], "cases": []}
    assert "empty" in result.stderr


def test_users_create_and_log_in(runner, client):
    result = runner.invoke(args=["users", "create", "--email", "Anna@Region.se", "--role",
                                 "coordinator", "--password", PASSWORD])
    assert result.exit_code == 0, result.output
    response = client.post("/login", data={"email": "anna@region.se", "password": PASSWORD})
    assert response.location.endswith("/coordinator/")
    again = runner.invoke(args=["users", "create", "--email", "anna@region.se",
                                "--password", PASSWORD])
    assert again.exit_code == 1 and "redan" in again.stderr  # Swedish, the default


def test_users_create_prompts_for_the_password(runner, client):
    result = runner.invoke(args=["users", "create", "--email", "b@region.se"],
                           input=f"{PASSWORD}\n{PASSWORD}\n")
    assert result.exit_code == 0, result.output
    # The password typed at the prompt is the one that logs in; another one does not.
    wrong = client.post("/login", data={"email": "b@region.se", "password": PASSWORD + "x"})
    assert wrong.status_code == 200
    response = client.post("/login", data={"email": "b@region.se", "password": PASSWORD})
    assert response.status_code == 302 and response.location.endswith("/coordinator/")
