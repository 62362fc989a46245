"""Cell-level helpers for openpyxl worksheets: formula-injection safety and plain tables.

Spreadsheet programs treat a cell whose text begins with ``=``, ``+``, ``-`` or ``@`` as a
formula (OWASP "CSV/formula injection"); a leading tab or carriage return, or leading spaces
before such a character, are used to slip past naive checks. Text we did not write ourselves
(company names, e-mail addresses, free text) is therefore prefixed with a single quote, which
makes Excel and LibreOffice show it as text. Numbers, dates and booleans pass unchanged.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date, datetime
from typing import Any

from openpyxl.styles import Font
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

#: Characters that make a spreadsheet program read a cell as a formula.
FORMULA_TRIGGERS = ("=", "+", "-", "@")
#: Control characters that are themselves dangerous at the start of a cell.
CONTROL_TRIGGERS = ("\t", "\r", "\n")
#: The neutraliser put before dangerous text.
NEUTRALISER = "'"

_MIN_WIDTH = 8
_MAX_WIDTH = 60


def safe_cell(value: Any) -> Any:
    """Return ``value`` ready for a cell: dangerous text gets a leading ``'``, the rest as is."""
    if not isinstance(value, str) or not value:
        return value
    if value.startswith(CONTROL_TRIGGERS) or value.lstrip().startswith(FORMULA_TRIGGERS):
        return NEUTRALISER + value
    return value


def _display_length(value: Any) -> int:
    if value is None:
        return 0
    if isinstance(value, datetime):
        return 16
    if isinstance(value, date):
        return 10
    text = str(value)
    return max((len(line) for line in text.splitlines()), default=0)


def write_table(
    ws: Worksheet,
    headers: Sequence[Any],
    rows: Iterable[Sequence[Any]],
    *,
    start_row: int = 1,
) -> int:
    """Write a bold, frozen header row with an autofilter, then ``rows``, every value through
    :func:`safe_cell`.

    Column widths follow the longest value (within sensible bounds) so the file is readable
    when opened. Returns the number of the last row written.
    """
    bold = Font(bold=True)
    widths = [_display_length(h) for h in headers]
    for col, header in enumerate(headers, start=1):
        cell = ws.cell(row=start_row, column=col, value=safe_cell(header))
        cell.font = bold
    ws.freeze_panes = ws.cell(row=start_row + 1, column=1)

    row_number = start_row
    for row in rows:
        row_number += 1
        for col, value in enumerate(row, start=1):
            cell = ws.cell(row=row_number, column=col, value=safe_cell(value))
            if isinstance(value, datetime):
                cell.number_format = "yyyy-mm-dd hh:mm"
            elif isinstance(value, date):
                cell.number_format = "yyyy-mm-dd"
            if col > len(widths):
                widths.append(0)
            widths[col - 1] = max(widths[col - 1], _display_length(value))

    for col, width in enumerate(widths, start=1):
        ws.column_dimensions[get_column_letter(col)].width = min(
            _MAX_WIDTH, max(_MIN_WIDTH, width + 2)
        )
    if widths:
        ws.auto_filter.ref = f"A{start_row}:{get_column_letter(len(widths))}{row_number}"
    return row_number
