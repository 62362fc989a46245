"""The catalogue workbook's layout: sheets, columns and limits, shared by export and import.

A workbook is turned into the interchange dict and checked by `validate_catalogue`, so JSON
and Excel obey one set of rules. Two columns have no interchange field (a series' location, a
coach's e-mail) and travel beside it as `extras`.
"""



from intake.interchange import InterchangeError
from intake.questionnaire import AREA_KEYS, REQUIRED_AREA_KEYS

ANSWER_COLUMNS = [(f"{a}_{p}", "text" if p == "text" else "int")
                   for a in AREA_KEYS for p in ("maturity", "priority", "text")]
# Sheet -> [(column, kind)]; kinds say how a cell becomes an interchange value.
SHEETS = {
    "workshop_series": [("code", "code"), ("title", "name"), ("description", "text"),
                        ("areas", "list"), ("county", "code2"), ("starts_on", "date"),
                        ("seats", "int"), ("location", "name")],
    "coaches": [("code", "code"), ("name", "name"), ("profile", "text"), ("areas", "list"),
                ("counties", "list"), ("capacity", "int"), ("email", "code")],
    "cases": [("code", "code"), ("sector", "code2"), ("employees", "int"), ("county", "code2"),
              *ANSWER_COLUMNS, ("summary", "text"), ("outcome", "name"),
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
LABEL_ROWS = 1000  # how far down the template's drop-down lists reach


class WorkbookError(InterchangeError):
    """A workbook that cannot be read as a catalogue; every message names sheet, row, column."""
