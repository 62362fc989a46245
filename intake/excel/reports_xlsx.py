"""The funder's workbooks: the participant list and the indicators, for one period.

Headings are in the user's language; codes (county, SNI, organisation number) stay as codes
beside their names so the funder can sort and filter. Every value passes through `safe_cell`
(via `write_table`): company names and e-mail addresses are typed by the public.
"""

from __future__ import annotations

from io import BytesIO

from flask_babel import gettext as _
from flask_babel import to_user_timezone
from openpyxl import Workbook
from openpyxl.styles import Font

from intake.clock import utcnow
from intake.excel.cells import safe_cell, write_table
from intake.i18n import current_language
from intake.labels import ACTIVITY, name_of
from intake.models import ActivityKind, Company, User
from intake.operations.audit import record
from intake.operations.deminimis import ledger
from intake.participant_list import activities_of, coaches_of, participating_companies
from intake.reports import (
    INDICATOR_LABELS,
    LEADERSHIP_CLASSES,
    SIZE_CLASSES,
    Indicators,
    Period,
    leadership_class,
    share_percent,
    size_class,
)

XLSX_MIMETYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
# The stages with a date column of their own; a workshop series has its name and start.
STAGE_ORDER = [kind.value for kind in ActivityKind if kind != ActivityKind.WORKSHOP_SERIES]
MONEY_FORMAT = "#,##0.00"


def period_text(period: Period) -> str:
    if period.start is None and period.end is None:
        return _("All dates")
    start = period.start.isoformat() if period.start else "…"
    end = period.end.isoformat() if period.end else "…"
    return f"{start} – {end}"


def _save(workbook: Workbook) -> bytes:
    buffer = BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def participant_headers() -> list[str]:
    return [
        _("Organisation number"), _("Company name"), _("Contact e-mail"), _("County code"),
        _("County"), _("SNI division"), _("Employees"), _("Size class"), _("Leadership"),
        _("De minimis declaration received"), _("De minimis declared amount (EUR)"),
        _("Ledger: declared (EUR)"), _("Ledger: this programme (EUR)"),
        _("Ledger: total over three years (EUR)"), _("Ledger: remaining to ceiling (EUR)"),
        _("Workshop series (name)"), _("Workshop series (start)"), _("Coach"),
        *(_("%(stage)s (first date)", stage=ACTIVITY[kind]) for kind in STAGE_ORDER),
    ]


def _series_names(activities) -> tuple[str, object]:
    """The names of the series the company took part in, and the first one's start."""
    series = [a for a in activities if a.kind == ActivityKind.WORKSHOP_SERIES]
    names = [a.workshop_series.title if a.workshop_series else a.notes for a in series]
    return "; ".join(n for n in names if n), (series[0].occurred_on if series else None)


def participant_row(company: Company, activities, coaches: list[str], period: Period,
                    lang: str) -> list:
    """One company's row; each stage column holds its first date in the period, as a date."""
    position = ledger(company, on=period.end)
    first = {}
    for activity in activities:
        first.setdefault(activity.kind, activity.occurred_on)
    names, series_start = _series_names(activities)
    return [
        company.org_number, company.name, company.contact_email or "", company.county_code,
        name_of("county", company.county_code, lang), company.sni_division, company.employees,
        name_of("size_class", size_class(company.employees, company.turnover_band)),
        name_of("leadership_class", leadership_class(company.leadership)),
        _("Yes") if company.de_minimis_received else _("No"),
        company.de_minimis_amount_eur if company.de_minimis_received else 0,
        float(position.declared_eur), float(position.programme_eur),
        float(position.total_eur), float(position.remaining_eur),
        names or None, series_start, "; ".join(coaches) or None,
        *(first.get(kind) for kind in STAGE_ORDER),
    ]


def activity_headers() -> list[str]:
    return [_("Organisation number"), _("Company name"), _("Stage"), _("Date"),
            _("Workshop series"), _("Support (EUR)")]


def activity_rows(companies, activities) -> list[list]:
    return [
        [company.org_number, company.name, str(ACTIVITY.get(a.kind, a.kind)), a.occurred_on,
         a.workshop_series.title if a.workshop_series else None, float(a.support_value_eur)]
        for company in companies for a in activities[company.id]
    ]


def participants_workbook(period: Period, user: User | None = None) -> bytes:
    """Every participating company of the period, one row per organisation number, and every
    activity they took part in on a second sheet.

    The list holds contacts' e-mail addresses (personal data), so who exported it is audited.
    """
    companies = participating_companies(period)
    record(user, "export.participants", "report", None,
           {"start": period.start, "end": period.end, "companies": len(companies)})
    workbook = Workbook()
    workbook.remove(workbook.active)
    add_participant_sheets(workbook, period, companies)
    about = workbook.create_sheet(_("About")[:31])
    _write_about(about, period)
    return _save(workbook)


def add_participant_sheets(workbook: Workbook, period: Period, companies) -> None:
    """The participant list and the activities, appended to `workbook`."""
    lang = current_language()
    ids = [c.id for c in companies]
    activities = activities_of(ids, period)
    coaches = coaches_of(ids)
    sheet = workbook.create_sheet(_("Participants")[:31])
    rows = (participant_row(c, activities[c.id], coaches[c.id], period, lang)
            for c in companies)
    write_table(sheet, participant_headers(), rows)
    for column in ("K", "L", "M", "N", "O"):
        for cell in sheet[column][1:]:
            cell.number_format = MONEY_FORMAT
    listing = workbook.create_sheet(_("Activities")[:31])
    write_table(listing, activity_headers(), activity_rows(companies, activities))
    for cell in listing["F"][1:]:
        cell.number_format = MONEY_FORMAT


def _write_about(sheet, period: Period) -> None:
    write_table(sheet, [_("Field"), _("Value")], [
        [_("Period"), period_text(period)],
        [_("Created (Swedish time)"),
         to_user_timezone(utcnow()).replace(tzinfo=None, microsecond=0)],
        [_("Counting rule"), _("A company participates once it has taken part in at least one "
                               "activity in the period; each organisation number is counted "
                               "once.")],
    ])


def indicators_workbook(result: Indicators) -> bytes:
    """The headline indicators against targets, per county, the EU indicators, leadership."""
    workbook = Workbook()
    workbook.remove(workbook.active)
    add_indicator_sheets(workbook, result)
    return _save(workbook)


def add_indicator_sheets(workbook: Workbook, result: Indicators) -> None:
    """The indicators against targets, per county, EU indicators and leadership."""
    lang = current_language()
    sheet = workbook.create_sheet(_("Indicators")[:31])
    sheet.cell(row=1, column=1, value=_("Period")).font = Font(bold=True)
    sheet.cell(row=1, column=2, value=safe_cell(period_text(result.period)))
    write_table(sheet, [_("Indicator"), _("Result"), _("Target"), _("Share of target (%)")], [
        [str(INDICATOR_LABELS[key]), actual, target, share_percent(actual, target)]
        for key, actual, target in result.rows()
    ], start_row=3)

    counties = workbook.create_sheet(_("Per county")[:31])
    county_targets = {"22": result.targets.get("participating_companies_22"),
                      "23": result.targets.get("participating_companies_23")}
    write_table(counties, [_("County code"), _("County"), _("Participating companies"),
                           _("Target")], [
        [code, name_of("county", code, lang), result.by_county.get(code, 0),
         county_targets.get(code)]
        for code in result.counties()
    ])

    eu = workbook.create_sheet(_("EU indicators")[:31])
    codes = result.counties()
    eu_rows = []
    for name, table in ((_("Enterprises supported"), result.supported),
                        (_("Enterprises receiving non-financial support"),
                         result.non_financial)):
        for size in SIZE_CLASSES:
            per_county = [table[size].get(code, 0) for code in codes]
            eu_rows.append([name, name_of("size_class", size), *per_county, sum(per_county)])
        totals = [sum(table[s].get(code, 0) for s in SIZE_CLASSES) for code in codes]
        eu_rows.append([name, _("All sizes"), *totals, sum(totals)])
    write_table(eu, [_("Indicator"), _("Size class"),
                     *(f"{name_of('county', c, lang)} ({c})" for c in codes), _("Total")], eu_rows)

    leaders = workbook.create_sheet(_("Leadership")[:31])
    write_table(leaders, [_("Leadership"), _("Participating companies")], [
        [name_of("leadership_class", key), result.leadership.get(key, 0)]
        for key in LEADERSHIP_CLASSES
    ])


def final_report_workbook(result: Indicators, companies, results, user: User | None) -> bytes:
    """The funder's final report in one workbook: indicators against targets (per county),
    the participant list, survey results per series, maturity change per area, actions.
    It names the participants, so who downloaded it is audited."""
    from intake.excel.survey_xlsx import add_survey_sheets

    record(user, "export.final_report", "report", None,
           {"start": result.period.start, "end": result.period.end,
            "companies": len(companies)})
    workbook = Workbook()
    workbook.remove(workbook.active)
    add_indicator_sheets(workbook, result)
    add_participant_sheets(workbook, result.period, companies)
    add_survey_sheets(workbook, results)
    about = workbook.create_sheet(_("About")[:31])
    _write_about(about, result.period)
    return _save(workbook)
