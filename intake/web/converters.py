"""The `int` URL converter, bounded to what an id column can hold.

Werkzeug's own accepts any number of digits, and PostgreSQL answers an error (a 500) for an id
beyond its 32-bit integer columns; a number that cannot be an id is simply a page not found.
"""

from werkzeug.routing import IntegerConverter

MAX_ID = 2**31 - 1


class BoundedIntegerConverter(IntegerConverter):
    def __init__(self, map, fixed_digits=0, min=None, max=None, signed=False):  # noqa: A002
        super().__init__(map, fixed_digits=fixed_digits, min=min,
                         max=MAX_ID if max is None else max, signed=signed)
