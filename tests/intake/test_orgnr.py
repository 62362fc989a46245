"""Organisation numbers: the accepted spellings, the two ways to be wrong, and the Luhn rule."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from intake import orgnr


def luhn_check_digit(nine: str) -> int:
    """Reference Luhn, written the textbook way (from the right), independent of the module."""
    total = 0
    for i, ch in enumerate(reversed(nine)):
        n = int(ch) * (2 if i % 2 == 0 else 1)
        total += n // 10 + n % 10
    return (10 - total % 10) % 10


@pytest.mark.parametrize(
    "value",
    [
        "5560360793",
        "556036-0793",
        "  556036-0793 ",
        "\t5560360793\n",
        "165560360793",
        "16556036-0793",
        " 16556036-0793 ",
    ],
)
def test_accepted_spellings_normalise_to_one_form(value):
    assert orgnr.normalise(value) == "556036-0793"
    assert orgnr.is_valid(value)


@pytest.mark.parametrize(
    "value",
    [
        "",
        "   ",
        "556036079",  # nine digits
        "55603607931",  # eleven
        "556036 0793",  # inner space
        "55603-60793",  # hyphen in the wrong place
        "556036--0793",
        "556036-0793x",
        "SE5560360793",
        "195560360793",  # a century prefix other than 16
        "1655603607931",
        "５５６０３６０７９３",  # full-width digits are digits to str.isdigit, not to us
        "556036\u22120793",  # a minus sign is not a hyphen
    ],
)
def test_format_errors(value):
    with pytest.raises(ValueError) as info:
        orgnr.normalise(value)
    assert info.value.code == "format"
    assert str(info.value) == "format"
    assert not orgnr.is_valid(value)


@pytest.mark.parametrize("value", [None, 5560360793, 5.5, ["5560360793"], b"5560360793"])
def test_non_strings_are_format_errors_not_type_errors(value):
    with pytest.raises(ValueError, match="format"):
        orgnr.normalise(value)
    assert orgnr.is_valid(value) is False


@pytest.mark.parametrize("value", ["5560360794", "556036-0790", "165560360792"])
def test_wrong_check_digit(value):
    with pytest.raises(orgnr.OrgNumberError) as info:
        orgnr.normalise(value)
    assert info.value.code == "checksum"
    assert isinstance(info.value, ValueError)


@given(st.text(alphabet="0123456789", min_size=9, max_size=9))
def test_exactly_the_luhn_digit_is_accepted(nine):
    good = luhn_check_digit(nine)
    for last in range(10):
        value = f"{nine}{last}"
        assert orgnr.is_valid(value) == (last == good)
    assert orgnr.normalise(f"{nine}{good}") == f"{nine[:6]}-{nine[6:]}{good}"


@given(
    st.text(alphabet="0123456789", min_size=9, max_size=9),
    st.integers(0, 9),
    st.integers(1, 9),
)
def test_any_single_digit_typo_is_caught(nine, position, shift):
    digits = list(f"{nine}{luhn_check_digit(nine)}")
    digits[position] = str((int(digits[position]) + shift) % 10)
    with pytest.raises(ValueError, match="checksum"):
        orgnr.normalise("".join(digits))


@given(st.text(max_size=20))
def test_never_raises_anything_but_value_error(value):
    try:
        result = orgnr.normalise(value)
    except ValueError as exc:
        assert exc.code in {"format", "checksum"}
    else:
        assert len(result) == 11 and result[6] == "-"
