"""Writing the catalogue (or an empty template) as an Excel workbook.

Text goes through `safe_cell`, whose neutralising quote the reader takes off again, so
export -> import changes nothing.
"""

import io
from datetime import date
from itertools import zip_longest

from openpyxl import Workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation

from intake import questionnaire, reference
from intake.excel.catalogue_layout import LABEL_ROWS, SHEETS
from intake.excel.cells import write_table
from intake.questionnaire import AREA_KEYS


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
    areas = [{"code": a.key, **a.title} for a in questionnaire.load().areas]
    rows = [[part.get(k) if part else None for part in parts for k in ("code", "sv", "en")]
            for parts in zip_longest(counties, sni, areas)]
    write_table(ws, ["county", "län", "county name", "sni", "SNI (sv)", "SNI (en)", "area",
                     "område", "area name"], rows)
    return {"county": f"lists!$A$2:$A${len(counties) + 1}",
            "sni": f"lists!$D$2:$D${len(sni) + 1}"}


def _validations(ws, sheet: str, ranges: dict[str, str]) -> None:
    """Drop-down lists for county and SNI, 1-5 for the scales, whole numbers for counts."""
    columns = {name: get_column_letter(i) for i, (name, _kind) in enumerate(SHEETS[sheet], 1)}
    rules = [
        (dict(type="list", formula1=f"={ranges['county']}"), ["county"]),
        (dict(type="list", formula1=f"={ranges['sni']}"), ["sector"]),
        (dict(type="whole", operator="between", formula1="1", formula2="5"),
         [f"{a}_{p}" for a in AREA_KEYS for p in ("maturity", "priority")]),
        (dict(type="whole", operator="greaterThanOrEqual", formula1="0"),
         ["seats", "capacity", "employees"]),
    ]
    for options, names in rules:
        names = [n for n in names if n in columns]
        if not names:
            continue
        rule = DataValidation(allow_blank=True, showErrorMessage=True, **options,
                              error="Se bladet instructions. / See the instructions sheet.")
        ws.add_data_validation(rule)
        for name in names:
            rule.add(f"{columns[name]}2:{columns[name]}{LABEL_ROWS}")


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
