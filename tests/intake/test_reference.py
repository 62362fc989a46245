"""Reference code lists: the official county codes and the 88 SNI 2007 divisions."""

import ast
from pathlib import Path

import pytest

from intake import reference

COUNTY_CODES = [
    "01", "03", "04", "05", "06", "07", "08", "09", "10", "12", "13",
    "14", "17", "18", "19", "20", "21", "22", "23", "24", "25",
]  # fmt: skip

# SNI 2007 follows NACE Rev. 2: sections and the ranges of their divisions.
SECTIONS = {
    "A": range(1, 4), "B": range(5, 10), "C": range(10, 34), "D": [35], "E": range(36, 40),
    "F": range(41, 44), "G": range(45, 48), "H": range(49, 54), "I": [55, 56],
    "J": range(58, 64), "K": range(64, 67), "L": [68], "M": range(69, 76), "N": range(77, 83),
    "O": [84], "P": [85], "Q": range(86, 89), "R": range(90, 94), "S": range(94, 97),
    "T": [97, 98], "U": [99],
}  # fmt: skip


def test_all_21_counties_with_official_codes():
    rows = reference.counties()
    assert [row["code"] for row in rows] == COUNTY_CODES
    for row in rows:
        assert set(row) == {"code", "sv", "en"}
        assert row["sv"].endswith(" län")
        assert row["en"].endswith(" County")


@pytest.mark.parametrize(
    ("code", "sv", "en"),
    [
        ("22", "Västernorrlands län", "Västernorrland County"),
        ("23", "Jämtlands län", "Jämtland County"),
        ("01", "Stockholms län", "Stockholm County"),
        ("14", "Västra Götalands län", "Västra Götaland County"),
        ("25", "Norrbottens län", "Norrbotten County"),
    ],
)
def test_county_names(code, sv, en):
    assert reference.county_name(code, "sv") == sv
    assert reference.county_name(code, "en") == en
    assert reference.county_name(code) == sv
    assert reference.county_name(code, "de") == sv  # unknown language: Swedish


@pytest.mark.parametrize("code", ["02", "11", "26", "1", "022", " 22", 22, None, ["22"], ""])
def test_not_counties(code):
    assert reference.is_county(code) is False


def test_unknown_county_name_is_a_key_error():
    with pytest.raises(KeyError):
        reference.county_name("99")
    with pytest.raises(KeyError):
        reference.county_name(["22"])


def test_all_88_sni_divisions_in_their_sections():
    rows = reference.sni_divisions()
    assert len(rows) == 88
    expected = [(f"{n:02d}", section) for section, ns in SECTIONS.items() for n in ns]
    assert [(row["code"], row["section"]) for row in rows] == expected
    for row in rows:
        assert set(row) == {"code", "section", "sv", "en"}
        assert row["sv"].strip() and row["en"].strip()
    assert len({row["sv"] for row in rows}) == 88
    assert len({row["en"] for row in rows}) == 88


@pytest.mark.parametrize(
    ("code", "sv", "en"),
    [
        ("10", "Livsmedelsframställning", "Manufacture of food products"),
        ("22", "Tillverkning av gummi- och plastvaror",
         "Manufacture of rubber and plastic products"),
        ("25", "Tillverkning av metallvaror utom maskiner och apparater",
         "Manufacture of fabricated metal products, except machinery and equipment"),
        ("28", "Tillverkning av övriga maskiner", "Manufacture of machinery and equipment n.e.c."),
        ("33", "Reparation och installation av maskiner och apparater",
         "Repair and installation of machinery and equipment"),
        ("62", "Dataprogrammering, datakonsultverksamhet o.d.",
         "Computer programming, consultancy and related activities"),
    ],
)  # fmt: skip
def test_sni_names(code, sv, en):
    assert reference.sni_name(code, "sv") == sv
    assert reference.sni_name(code, "en") == en
    assert reference.is_sni_division(code)


@pytest.mark.parametrize(
    "code", ["00", "04", "34", "40", "48", "57", "67", "76", "83", "89", "25.1", "251", 25, None]
)
def test_not_sni_divisions(code):
    assert reference.is_sni_division(code) is False


def test_unknown_sni_name_is_a_key_error():
    with pytest.raises(KeyError):
        reference.sni_name("04")


def test_callers_cannot_change_the_cached_lists():
    reference.counties()[0]["sv"] = "changed"
    reference.sni_divisions().clear()
    assert reference.counties()[0]["sv"] == "Stockholms län"
    assert len(reference.sni_divisions()) == 88


MINE = ["reference/__init__.py", "orgnr.py", "questionnaire/__init__.py",
        "questionnaire/scoring.py", "interchange", "versioned_data.py"]  # fmt: skip


def _imported_modules(path: Path):
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            yield from (alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            if node.module == "intake":  # from intake import orgnr
                yield from (f"intake.{alias.name}" for alias in node.names)
            else:
                yield node.module


def test_pure_modules_import_neither_flask_nor_sqlalchemy():
    root = Path(reference.__file__).resolve().parent.parent
    files = []
    for name in MINE:
        target = root / name
        files += sorted(target.glob("*.py")) if target.is_dir() else [target]
    assert len(files) >= 8
    for path in files:
        for module in _imported_modules(path):
            top = module.split(".")[0]
            assert top not in {"flask", "flask_sqlalchemy", "sqlalchemy", "werkzeug"}, path
            if top == "intake":
                assert module.split(".")[1] in {"reference", "orgnr", "questionnaire",
                                                    "versioned_data"}, path
