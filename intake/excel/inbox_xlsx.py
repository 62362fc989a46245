"""The inbox in Excel: the companies with the columns shown, and their questionnaire answers raw.

The answers workbook has one row per company and one column per statement (its level 1–5),
then the area's urgency and free text; its first two rows name each column in Swedish and in
English and the third gives its key, so that a file made in either language reads the same.
Every value passes through `safe_cell`: names and free texts are typed by the public.
"""

from __future__ import annotations

from flask_babel import force_locale
from flask_babel import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Font

from intake.excel.cells import safe_cell, write_table
from intake.excel.reports_xlsx import _save
from intake.labels import ACTIVITY, INBOX_COLUMN, STATUS, name_of
from intake.questionnaire import load


def _cell(row, column: str):
    company, intake = row.company, row.intake
    if column == "status":
        return str(STATUS[intake.status]) if intake else ""
    if column == "county":
        return name_of("county", company.county_code)
    if column == "main_need":
        return name_of("area", intake.main_need_area) if intake and intake.main_need_area else ""
    if column == "submitted":
        return intake.submitted_at.date() if intake and intake.submitted_at else None
    if column == "decided":
        return f"{row.decided}/{row.suggested}" if row.suggested else ""
    if column == "booked":
        return "; ".join(s.title for s in row.series)
    if column == "latest_stage":
        stage = row.latest_stage
        return f"{ACTIVITY[stage.kind]} ({stage.occurred_on.isoformat()})" if stage else ""
    if column == "responsible":
        return (row.responsible.name or row.responsible.email) if row.responsible else ""
    if column == "next_step":
        step = row.next_step
        return f"{step.text} ({step.due_on.isoformat()})" if step else ""
    return ""


def inbox_workbook(rows: list, columns: tuple[str, ...]) -> bytes:
    """The companies as the inbox lists them, with the columns the coordinator shows."""
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = _("Companies")[:31]
    headers = [_("Company name"), _("Organisation number")] + [
        str(INBOX_COLUMN[c]) for c in columns]
    write_table(sheet, headers, ([r.company.name, r.company.org_number]
                                 + [_cell(r, c) for c in columns] for r in rows))
    return _save(workbook)


def _both(message: str) -> tuple[str, str]:
    """A fixed heading in Swedish and in English."""
    texts = []
    for lang in ("sv", "en"):
        with force_locale(lang):
            texts.append(_(message))
    return texts[0], texts[1]


def answers_workbook(intakes: list) -> bytes:
    """The questionnaire answers of (company, intake) pairs, one row per company."""
    questionnaire = load()
    fixed = [("organisation_number", _both("Organisation number")),
             ("company", _both("Company name")), ("status", _both("Status")),
             ("submitted", _both("Submitted"))]
    urgency, free_text = _both("Urgency"), _both("Free text")
    columns = []  # (key, sv, en, getter)
    for key, (sv, en) in fixed:
        columns.append((key, sv, en, None))
    for area in questionnaire.areas:
        for statement in area.statements:
            columns.append((f"{area.key}.{statement.key}",
                            f"{area.title['sv']}: {statement.text['sv']}",
                            f"{area.title['en']}: {statement.text['en']}",
                            ("level", area.key, statement.key)))
        columns.append((f"{area.key}.urgency", f"{area.title['sv']}: {urgency[0]}",
                        f"{area.title['en']}: {urgency[1]}", ("priority", area.key, None)))
        columns.append((f"{area.key}.text", f"{area.title['sv']}: {free_text[0]}",
                        f"{area.title['en']}: {free_text[1]}", ("text", area.key, None)))

    workbook = Workbook()
    sheet = workbook.active
    sheet.title = _("Answers")[:31]
    bold = Font(bold=True)
    for col, (_key, sv, _en, _get) in enumerate(columns, start=1):
        sheet.cell(row=1, column=col, value=safe_cell(sv)).font = bold
    for col, (_key, _sv, en, _get) in enumerate(columns, start=1):
        sheet.cell(row=2, column=col, value=safe_cell(en)).font = bold

    def values(company, intake):
        answers = {a.area: a for a in intake.answers}
        out = [company.org_number, company.name, str(STATUS[intake.status]),
               intake.submitted_at.date() if intake.submitted_at else None]
        for _key, _sv, _en, getter in columns[len(fixed):]:
            what, area_key, statement_key = getter
            answer = answers.get(area_key)
            if answer is None:
                out.append(None)
            elif what == "level":
                level = (answer.levels or {}).get(statement_key)
                out.append(level if isinstance(level, int) else None)
            elif what == "priority":
                out.append(answer.priority)
            else:
                out.append(answer.text or "")
        return out

    write_table(sheet, [key for key, *_rest in columns], (values(c, i) for c, i in intakes),
                start_row=3)
    sheet.freeze_panes = "C4"
    return _save(workbook)
