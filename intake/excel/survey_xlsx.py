"""The survey results as a workbook: per series, per coach, maturity change per area, actions.

The same small-cell rule as the page: a breakdown with fewer than MIN_ANSWERS answers shows
only how many were invited. Free texts pass through `safe_cell` (via `write_table`).
"""

from __future__ import annotations

from io import BytesIO

from flask_babel import gettext as _
from openpyxl import Workbook

from intake.excel.cells import write_table
from intake.i18n import current_language
from intake.labels import name_of
from intake.operations.survey_results import (
    ACTION_KEYS,
    MIN_ANSWERS,
    Figures,
    Results,
    action_labels,
)
from intake.questionnaire import AREA_KEYS


def _headers(first: str) -> list[str]:
    return [first, _("Invited"), _("Answered"), _("Response rate (%)"), _("Mean rating (1–5)"),
            _("NPS"), _("Said it fitted (%)"), *action_labels().values(),
            _("Investments reported (SEK)")]


def _row(figures: Figures) -> list:
    if figures.too_few:
        return [figures.label, figures.invited, _("Too few answers")]
    return [figures.label, figures.invited, figures.answered, figures.response_rate,
            figures.mean_rating, figures.nps, figures.fitted_share,
            *(figures.actions[k] for k in ACTION_KEYS), figures.investment_sek]


def add_survey_sheets(workbook: Workbook, results: Results) -> None:
    """Append the survey sheets to `workbook` (also used by the final report)."""
    lang = current_language()
    per_series = workbook.create_sheet(_("Surveys per series")[:31])
    write_table(per_series, _headers(_("Workshop series")),
                [_row(f) for f in results.by_series]
                + [[_("The whole programme"), *_row(results.programme)[1:]]])
    per_coach = workbook.create_sheet(_("Surveys per coach")[:31])
    write_table(per_coach, _headers(_("Coach")), [_row(f) for f in results.by_coach])
    maturity = workbook.create_sheet(_("Maturity change")[:31])
    counts = results.programme.maturity_counts
    change = results.programme.maturity_change
    write_table(maturity, [_("Area"), _("Companies re-assessed"), _("Mean change")], [
        [name_of("area", key, lang), counts[key],
         change[key] if counts[key] >= MIN_ANSWERS else _("Too few answers")]
        for key in AREA_KEYS])
    actions = workbook.create_sheet(_("Actions reported")[:31])
    labels = action_labels()
    rows = []
    for figures in results.by_series:
        if figures.too_few:
            rows.append([figures.label, _("Too few answers")])
            continue
        rows.append([figures.label, *(figures.actions[k] for k in ACTION_KEYS),
                     figures.investment_sek])
    write_table(actions, [_("Workshop series"), *labels.values(),
                          _("Investments reported (SEK)")], rows)


def survey_workbook(results: Results) -> bytes:
    workbook = Workbook()
    workbook.remove(workbook.active)
    add_survey_sheets(workbook, results)
    buffer = BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
