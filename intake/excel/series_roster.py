"""A workshop series' roster as a workbook: one row per booked company, with its contact,
county, size and stage, and one column per session saying whether it attended. Every value
passes through `safe_cell` (via `write_table`): names and addresses are typed by the public."""

from __future__ import annotations

from io import BytesIO

from flask_babel import gettext as _
from openpyxl import Workbook

from intake.excel.cells import write_table
from intake.labels import name_of
from intake.operations.series_page import SeriesPage


def _attended(value: bool | None) -> str:
    if value is None:
        return ""
    return _("Yes") if value else _("No")


def roster_workbook(page: SeriesPage) -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = _("Roster")[:31]
    headers = [
        _("Company name"), _("Organisation number"), _("Contact person"), _("Contact e-mail"),
        _("Phone number"), _("County"), _("Employees"), _("Size class"), _("Stage"),
        _("Booked"),
        *(f"{s.held_on.isoformat()} {s.title}".strip() for s in page.sessions),
        _("Sessions attended"),
    ]
    rows = []
    for p in page.participants:
        company = p.company
        stage = (name_of("activity", p.latest_stage.kind) if p.latest_stage
                 else name_of("status", p.status))
        marks = [p.attended.get(s.id) for s in page.sessions]
        rows.append([
            company.name, company.org_number, company.contact_name or "",
            company.contact_email or "", company.contact_phone or "",
            name_of("county", company.county_code), company.employees,
            name_of("size_class", p.size_class), stage, p.enrolment.created_at.date(),
            *(_attended(m) for m in marks), sum(1 for m in marks if m),
        ])
    write_table(sheet, headers, rows)
    buffer = BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
