"""The catalogue as an Excel workbook: export, a template, and import through the JSON rules.

A workbook is turned into the interchange dict and checked by `validate_catalogue`, so JSON
and Excel obey one set of rules; only the messages are translated back into sheet, row and
column. Two columns have no interchange field (a series' location, a coach's e-mail) and
travel beside it as `extras`. Text is written through `safe_cell`, and its neutralising quote
is taken off again on import, so export -> import changes nothing.
"""

import io
import re
import zipfile
from datetime import date, datetime

from email_validator import EmailNotValidError, validate_email
from flask_babel import gettext as _
from openpyxl import Workbook, load_workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation

from intake import questionnaire, reference
from intake.excel.cells import safe_cell, write_table
from intake.interchange import FORMAT, InterchangeError, validate_catalogue
from intake.interchange.fields import is_code
from intake.questionnaire import AREA_KEYS, REQUIRED_AREA_KEYS

_ANSWER_COLUMNS = [(f"{a}_{p}", "text" if p == "text" else "int")
                   for a in AREA_KEYS for p in ("maturity", "priority", "text")]
# Sheet -> [(column, kind)]; kinds say how a cell becomes an interchange value.
SHEETS = {
    "workshop_series": [("code", "code"), ("title", "name"), ("description", "text"),
                        ("areas", "list"), ("county", "code2"), ("starts_on", "date"),
                        ("seats", "int"), ("location", "name")],
    "coaches": [("code", "code"), ("name", "name"), ("profile", "text"), ("areas", "list"),
                ("counties", "list"), ("capacity", "int"), ("email", "code")],
    "cases": [("code", "code"), ("sector", "code2"), ("employees", "int"), ("county", "code2"),
              *_ANSWER_COLUMNS, ("summary", "text"), ("outcome", "name"),
              ("workshop_series", "code"), ("coach", "code")],
}
REQUIRED = {
    "workshop_series": ("code", "title", "description", "areas"),
    "coaches": ("code", "name", "profile", "areas", "counties"),
    "cases": ("code", "sector", "employees", "county", "summary",
              *(f"{a}_{p}" for a in REQUIRED_AREA_KEYS for p in ("maturity", "priority"))),
}
EXTRAS = {"workshop_series": ("location",), "coaches": ("email",)}
MAX_ROWS = 10_001
MAX_UNZIPPED = 100 * 1024 * 1024
_LABEL_ROWS = 1000  # how far down the template's drop-down lists reach


class WorkbookError(InterchangeError):
    """A workbook that cannot be read as a catalogue; every message names sheet, row, column."""


# ---- writing ---------------------------------------------------------------------------

def _text(value):
    return ILLEGAL_CHARACTERS_RE.sub("", value) if isinstance(value, str) else value


def _rows(sheet: str, items: list[dict], extras: dict) -> list[list]:
    rows = []
    for item in items:
        flat = {**item, **item.get("company", {}), **extras.get(item["code"], {})}
        for area, answer in (item.get("answers") or {}).items():
            for part in ("maturity", "priority", "text"):
                flat[f"{area}_{part}"] = answer.get(part)
        if flat.get("starts_on"):
            flat["starts_on"] = date.fromisoformat(str(flat["starts_on"]))
        row = []
        for column, kind in SHEETS[sheet]:
            value = flat.get(column)
            if kind == "list":
                value = ", ".join(value or [])
            row.append(_text(value))
        rows.append(row)
    return rows


def _instructions(ws) -> None:
    lines = [
        ("Katalogen i Excel", "The catalogue in Excel"),
        ("Ett blad per lista: workshop_series, coaches, cases. Rad 1 är rubriker; behåll dem.",
         "One sheet per list: workshop_series, coaches, cases. Row 1 holds the headers."),
        ("Koden identifierar en post: finns koden redan uppdateras posten, annars skapas den.",
         "The code identifies an item: an existing code is updated, a new one is created."),
        ("Områden och län i listor skrivs som koder åtskilda med komma, t.ex. automation, "
         "productivity eller 22, 23.",
         "Areas and counties in lists are codes separated by commas, e.g. automation, "
         "productivity or 22, 23."),
        ("Län och SNI skrivs med två siffror (22, 23, 25). Koderna finns på bladet lists.",
         "Counties and SNI divisions have two digits (22, 23, 25). The codes are on the sheet "
         "lists."),
        ("Tomt län på en workshopserie betyder öppen för alla län (t.ex. online). Datum: "
         "ÅÅÅÅ-MM-DD.",
         "An empty county on a workshop series means open to all counties (online, say). "
         "Dates: YYYY-MM-DD."),
        ("Mognad och angelägenhet är 1–5. De fyra första områdena krävs för varje case.",
         "Maturity and urgency are 1–5. The first four areas are required for every case."),
        ("Om en enda rad är fel importeras ingenting; felen anger blad, rad och kolumn.",
         "If a single row is wrong nothing is imported; the errors name sheet, row and column."),
        ("Text som börjar med = + - @ får en apostrof framför vid export; den tas bort vid import.",
         "Text starting with = + - @ gets a leading apostrophe on export; import removes it."),
        ("Formler läses inte: skriv värden.", "Formulas are not read: type the values."),
    ]
    write_table(ws, ["Svenska", "English"], lines)


def _lists(ws) -> dict[str, str]:
    counties, sni = reference.counties(), reference.sni_divisions()
    areas = questionnaire.load().areas
    width = max(len(counties), len(sni), len(areas))
    rows = []
    for i in range(width):
        row = []
        for source, fields in ((counties, ("code", "sv", "en")), (sni, ("code", "sv", "en"))):
            row += [source[i][f] if i < len(source) else None for f in fields]
        area = areas[i] if i < len(areas) else None
        row += [area.key, area.title["sv"], area.title["en"]] if area else [None] * 3
        rows.append(row)
    write_table(ws, ["county", "län", "county name", "sni", "SNI (sv)", "SNI (en)", "area",
                     "område", "area name"], rows)
    return {"county": f"lists!$A$2:$A${len(counties) + 1}",
            "sni": f"lists!$D$2:$D${len(sni) + 1}"}


def _validations(ws, sheet: str, ranges: dict[str, str]) -> None:
    columns = {name: get_column_letter(i) for i, (name, _kind) in enumerate(SHEETS[sheet], 1)}

    def add(rule: DataValidation, *names: str) -> None:
        rule.error = "Se bladet instructions. / See the instructions sheet."
        rule.showErrorMessage = True
        ws.add_data_validation(rule)
        for name in names:
            rule.add(f"{columns[name]}2:{columns[name]}{_LABEL_ROWS}")

    if "county" in columns:
        add(DataValidation(type="list", formula1=f"={ranges['county']}", allow_blank=True),
            "county")
    if "sector" in columns:
        add(DataValidation(type="list", formula1=f"={ranges['sni']}", allow_blank=True),
            "sector")
    scales = [f"{a}_{p}" for a in AREA_KEYS for p in ("maturity", "priority")]
    if sheet == "cases":
        add(DataValidation(type="whole", operator="between", formula1="1", formula2="5",
                           allow_blank=True), *scales)
    counts = [c for c in ("seats", "capacity", "employees") if c in columns]
    add(DataValidation(type="whole", operator="greaterThanOrEqual", formula1="0",
                       allow_blank=True), *counts)


def build_workbook(catalogue: dict | None = None, extras: dict | None = None) -> bytes:
    """The catalogue (interchange-shaped lists) as .xlsx bytes; no catalogue: the template."""
    catalogue, extras = catalogue or {}, extras or {}
    wb = Workbook()
    _instructions(wb.active)
    wb.active.title = "instructions"
    ranges = _lists(wb.create_sheet("lists"))
    for sheet in SHEETS:
        ws = wb.create_sheet(sheet, index=len(wb.sheetnames) - 1)
        items = sorted(catalogue.get(sheet, []), key=lambda item: item["code"])
        write_table(ws, [c for c, _k in SHEETS[sheet]], _rows(sheet, items, extras.get(sheet, {})))
        _validations(ws, sheet, ranges)
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


# ---- reading ---------------------------------------------------------------------------

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
    if kind == "int" and isinstance(value, str) and value.strip().isdigit():
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
