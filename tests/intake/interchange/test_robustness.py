"""Property tests: no input, however odd, raises anything but an InterchangeError."""


from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from intake.interchange import (
    InterchangeError,
    load_json,
    validate_catalogue,
    validate_profile,
)
from tests.intake.interchange.samples import (
    good_catalogue,
    good_profile,
)

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
