"""Numbers in requests: the `int` URL converter, bounded to what an id column can hold, and
whole numbers in query strings and forms.

Werkzeug's own converter accepts any number of digits, and PostgreSQL answers an error (a 500)
for an id beyond its 32-bit integer columns; a number that cannot be an id is simply a page not
found.
"""

from werkzeug.routing import IntegerConverter

MAX_ID = 2**31 - 1


class BoundedIntegerConverter(IntegerConverter):
    def __init__(self, map, fixed_digits=0, min=None, max=None, signed=False):  # noqa: A002
        super().__init__(map, fixed_digits=fixed_digits, min=min,
                         max=MAX_ID if max is None else max, signed=signed)


def plain_int(value: str | None, max_digits: int) -> int | None:
    """A text of at most `max_digits` ASCII digits as a number, anything else None.

    Not `str.isdigit()` alone: it also takes digits that `int()` refuses, such as "²".
    """
    if value and len(value) <= max_digits and value.isascii() and value.isdigit():
        return int(value)
    return None
