"""Reading a catalogue workbook: cells become the interchange dict, checked by the JSON rules,
and the messages are translated back into sheet, row and column."""

import io
import re
import zipfile
from datetime import date, datetime

from email_validator import EmailNotValidError, validate_email
from flask_babel import gettext as _
from openpyxl import load_workbook
from openpyxl.utils import get_column_letter

from intake.excel.catalogue_layout import (
    EXTRAS,
    MAX_ROWS,
    MAX_UNZIPPED,
    REQUIRED,
    SHEETS,
    WorkbookError,
)
from intake.excel.cells import safe_cell
from intake.interchange import FORMAT, InterchangeError, validate_catalogue
from intake.interchange.fields import is_code
from intake.questionnaire import AREA_KEYS


def _unneutralise(value: str) -> str:
    return value[1:] if value.startswith("'") and safe_cell(value[1:]) == value else value


def _cell(kind: str, value):
    """A cell's value as the interchange wants it; None for an empty cell.

    Free text is kept exactly as typed; codes, numbers and dates lose surrounding spaces.
    """
    if isinstance(value, str):
        value = _unneutralise(value)
        if kind in ("text", "name"):
            return value
        value = value.strip()
        if not value:
            return None
    if value is None:
        return None
    if isinstance(value, float) and value.is_integer() and kind != "text":
        value = int(value)
    if kind == "int" and isinstance(value, str) and value.strip().isascii() \
            and value.strip().isdigit():
        return int(value.strip())
    if kind == "code2" and isinstance(value, int) and not isinstance(value, bool):
        return f"{value:02d}"
    if kind == "date" and isinstance(value, datetime | date):
        return (value.date() if isinstance(value, datetime) else value).isoformat()
    if kind == "list":
        text = f"{value:02d}" if isinstance(value, int) else str(value)
        return [part.strip() for part in re.split(r"[,;\n]", text) if part.strip()]
    if kind in ("name", "text", "code") and not isinstance(value, str):
        return str(value)
    return value


def _item(sheet: str, row: dict) -> dict:
    for column in ("description", "profile", "summary"):  # may be empty, unlike a title
        if column in row and row[column] is None:
            row[column] = ""
    if sheet != "cases":
        return {k: v for k, v in row.items() if v is not None and k not in EXTRAS[sheet]}
    item = {k: row[k] for k in ("code", "summary", "outcome", "workshop_series", "coach")
            if row.get(k) is not None}
    company = {k: row[k] for k in ("sector", "employees", "county") if row.get(k) is not None}
    answers = {}
    for area in AREA_KEYS:
        parts = {p: row.get(f"{area}_{p}") for p in ("maturity", "priority", "text")}
        if any(v not in (None, "") for v in parts.values()):
            answers[area] = {p: v for p, v in parts.items() if v is not None}
    return {**item, "company": company, "answers": answers}


class _Sheet:
    """One sheet's header and the row number of each item, to name where a problem is."""

    def __init__(self, name: str, header: dict[str, int]):
        self.name, self.header, self.rows = name, header, []

    def where(self, rows: list[int], column: str | None = None) -> str:
        place = _("sheet %(sheet)s", sheet=self.name)
        if rows:
            place += ", " + _("row %(rows)s", rows=", ".join(map(str, rows)))
        if column:
            letter = self.header.get(column)
            place += ", " + _("column %(column)s", column=(
                f"{get_column_letter(letter)} ({column})" if letter else column))
        return place


def _read_sheet(ws, sheet: str, errors: list, warnings: list) -> tuple[_Sheet, list, dict]:
    rows = ws.iter_rows()
    raw_header = [c.value for c in next(rows, ())]
    header, known = {}, dict(SHEETS[sheet])
    for i, name in enumerate(raw_header, 1):
        name = str(name).strip() if name is not None else ""
        if not name:
            continue
        if name in header:
            errors.append(_("Sheet %(sheet)s: the column %(column)s appears twice in row 1.",
                            sheet=sheet, column=name))
        elif name not in known:
            warnings.append(_("Sheet %(sheet)s: the column %(column)s is not read.",
                              sheet=sheet, column=name))
        header.setdefault(name, i)
    info = _Sheet(sheet, header)
    missing = [c for c in REQUIRED[sheet] if c not in header]
    if missing:
        errors.append(_("Sheet %(sheet)s: row 1 lacks the column(s) %(columns)s.",
                        sheet=sheet, columns=", ".join(missing)))
        return info, [], {}
    items, extras = [], {}
    for number, cells in enumerate(rows, 2):
        if number > MAX_ROWS + 1:
            errors.append(_("Sheet %(sheet)s has more than %(max)d rows.", sheet=sheet,
                            max=MAX_ROWS - 1))
            break
        row = {}
        for column, i in header.items():
            cell = cells[i - 1] if i <= len(cells) else None
            if column not in known or cell is None or cell.value is None:
                continue
            if cell.data_type == "f":
                errors.append(info.where([number], column) + ": " +
                              _("contains a formula; type the value itself"))
                continue
            row[column] = _cell(known[column], cell.value)
        if all(v is None for v in row.values()):
            continue
        item = _item(sheet, row)
        info.rows.append(number)
        items.append(item)
        extra = {k: row.get(k) for k in EXTRAS.get(sheet, ())}
        _check_extras(info, number, extra, errors)
        if isinstance(item.get("code"), str):
            extras[item["code"]] = extra
    return info, items, extras


def _check_extras(info: _Sheet, number: int, extra: dict, errors: list) -> None:
    location, email = extra.get("location"), extra.get("email")
    if location is not None and len(location) > 200:
        errors.append(info.where([number], "location") + ": " + _("at most 200 characters"))
    if email is not None:
        try:
            validate_email(email, check_deliverability=False)
        except EmailNotValidError:
            errors.append(info.where([number], "email") + ": " +
                          _("%(value)s is not an e-mail address", value=email[:60]))


def _column_of(path: str) -> str | None:
    parts = re.sub(r"\[[^\]]*\]", "", path).split(".")
    if parts[0] == "company" and len(parts) > 1:
        return parts[1]
    if parts[0] == "answers" and len(parts) > 1:
        return f"{parts[1]}_{parts[2] if len(parts) > 2 else 'maturity'}"
    return parts[0] or None


def _locate(message: str, filename: str, sheets: dict[str, _Sheet], labels: dict) -> str:
    """Rewrite a validator message ("file: section[code].field: text") as sheet/row/column."""
    rest = message.removeprefix(f"{filename}: ")
    # A code may itself hold "]": try each "]" from the right, so the longest label wins.
    ends = [i + 1 for i, ch in enumerate(rest) if ch == "]" and rest[i + 1:i + 2] in (".", ":")]
    label = next((rest[:end] for end in reversed(ends) if rest[:end] in labels), None)
    if label is None:
        return message
    sheet, rows = labels[label]
    path, _sep, text = rest[len(label):].lstrip(".").partition(": ")
    if not text:  # about the item itself, no field
        path, text = "", path
    info = sheets[sheet]
    text = re.sub(r"items #(\d+) and #(\d+)", lambda m: _(
        "rows %(a)s and %(b)s", a=info.rows[int(m[1])], b=info.rows[int(m[2])]), text)
    return f"{filename}: {info.where(rows, _column_of(path))}: {text}"


def read_workbook(data: bytes, filename: str, known_codes: dict | None = None):
    """Validate an uploaded workbook whole: `(ValidatedCatalogue, extras)` or WorkbookError."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            if sum(info.file_size for info in archive.infolist()) > MAX_UNZIPPED:
                raise WorkbookError([f"{filename}: " + _("the workbook is too large unpacked")])
        wb = load_workbook(io.BytesIO(data), read_only=True, data_only=False)
    except WorkbookError:
        raise
    except Exception:  # noqa: BLE001  (any failure of an untrusted file is the same answer)
        raise WorkbookError([f"{filename}: " + _("not an Excel workbook (.xlsx) that can be "
                                                 "read")]) from None
    errors, warnings, data_dict = [], [], {"format": FORMAT}
    sheets, labels, extras = {}, {}, {}
    try:
        present = [s for s in SHEETS if s in wb.sheetnames]
        if not present:
            errors.append(f"{filename}: " + _("none of the sheets %(names)s is there",
                                              names=", ".join(SHEETS)))
        for sheet in present:
            info, items, extras[sheet] = _read_sheet(wb[sheet], sheet, errors, warnings)
            sheets[sheet], data_dict[sheet] = info, items
            # Label items as the validator does: by code when usable, else by position.
            for index, (number, item) in enumerate(zip(info.rows, items, strict=True)):
                code = item.get("code")
                label = f"{sheet}[{code}]" if is_code(code) else f"{sheet}[#{index}]"
                labels.setdefault(label, (sheet, []))[1].append(number)
    finally:
        wb.close()
    try:
        validated = validate_catalogue(data_dict, filename, known_codes) if not errors else None
    except InterchangeError as error:
        errors += [_locate(e, filename, sheets, labels) for e in error.errors]
        warnings += error.warnings
    if errors:
        raise WorkbookError(errors, [_locate(w, filename, sheets, labels) for w in warnings])
    validated.warnings = warnings + [_locate(w, filename, sheets, labels)
                                     for w in validated.warnings]
    return validated, {k: v for k, v in extras.items() if k in EXTRAS}
