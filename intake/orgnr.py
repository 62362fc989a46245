"""Swedish organisation numbers (organisationsnummer).

An organisation number is ten digits, written ``NNNNNN-NNNN``; the last digit is a Luhn
(mod 10) check digit over the first nine. We store and show the one canonical form so that
the same company typed two ways is still one company.

We deliberately do not check the "third digit ≥ 2" rule of legal entities: a sole trader's
organisation number is the owner's personal identity number, and the programme serves those
firms too. The check digit catches nearly all typing mistakes, which is what matters here.
"""

import re

__all__ = ["OrgNumberError", "normalise", "is_valid", "with_check_digit"]

# ASCII digits only: str.isdigit() and \d also accept e.g. Arabic-Indic or full-width digits.
_TEN = re.compile(r"([0-9]{6})-?([0-9]{4})")
# The twelve-digit form some registers use prefixes "16" (the "century" of legal entities).
_TWELVE = re.compile(r"16([0-9]{6})-?([0-9]{4})")


class OrgNumberError(ValueError):
    """Why a value is not an organisation number.

    ``code`` (also ``args[0]`` and ``str()``) is ``"format"`` when the value is not ten digits
    with an optional hyphen, or ``"checksum"`` when the check digit is wrong; callers turn the
    code into a message in the user's language.
    """

    def __init__(self, code: str):
        super().__init__(code)
        self.code = code


def _luhn_ok(digits: str) -> bool:
    # Weights 2,1,2,1,... from the left over all ten digits; a valid number sums to 0 mod 10.
    total = 0
    for i, ch in enumerate(digits):
        n = int(ch) * (2 if i % 2 == 0 else 1)
        total += n - 9 if n > 9 else n
    return total % 10 == 0


def normalise(value: object) -> str:
    """Return ``value`` as ``"NNNNNN-NNNN"`` or raise :class:`OrgNumberError` (a ValueError).

    Accepted: ``"5560360793"``, ``"556036-0793"``, either with surrounding whitespace, and the
    twelve-digit ``"16"``-prefixed forms (``"165560360793"``, ``"16556036-0793"``), whose prefix
    is dropped. Anything else, including non-strings and inner spaces, is a ``"format"`` error;
    a well-formed number with a wrong check digit is a ``"checksum"`` error.
    """
    if not isinstance(value, str):
        raise OrgNumberError("format")
    text = value.strip()
    match = _TEN.fullmatch(text) or _TWELVE.fullmatch(text)
    if match is None:
        raise OrgNumberError("format")
    head, tail = match.groups()
    if not _luhn_ok(head + tail):
        raise OrgNumberError("checksum")
    return f"{head}-{tail}"


def is_valid(value: object) -> bool:
    """True when :func:`normalise` would accept ``value``."""
    try:
        normalise(value)
    except ValueError:
        return False
    return True


def with_check_digit(nine_digits: str) -> str:
    """The organisation number ``"NNNNNN-NNNN"`` that these nine digits start (for test and
    demo data: the real ones come from Bolagsverket)."""
    if not re.fullmatch(r"[0-9]{9}", nine_digits):
        raise OrgNumberError("format")
    check = next(d for d in "0123456789" if _luhn_ok(nine_digits + d))
    return f"{nine_digits[:6]}-{nine_digits[6:]}{check}"
