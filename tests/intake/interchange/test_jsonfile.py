"""Reading a file: bad JSON, other encodings and unreadable bytes say where they break."""

import json

import pytest

from intake.interchange import (
    InterchangeError,
    load_json,
)
from tests.intake.interchange.samples import (
    good_catalogue,
)

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
