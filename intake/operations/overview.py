"""What a company sees of itself: where its intake stands and what was suggested and decided."""

from dataclasses import dataclass, field

from sqlalchemy import select

from intake.extensions import db
from intake.models import (
    Case,
    Coach,
    Company,
    IntakeStatus,
    Suggestion,
    SuggestionKind,
    WorkshopSeries,
)

STATUS_ORDER = [s.value for s in IntakeStatus]


@dataclass
class SuggestionView:
    kind: str
    code: str
    title: str
    score: float
    reasons: list[str]
    decision: str | None
    decision_title: str | None
    decision_reason: str | None


@dataclass
class Overview:
    company: Company
    status: str
    status_index: int
    suggestions: dict[str, list[SuggestionView]] = field(default_factory=dict)


def catalogue_titles(kind: str, codes: set[str]) -> dict[str, str]:
    """Display names for catalogue codes: series titles, coach names, case summaries."""
    if not codes:
        return {}
    model, column = {
        SuggestionKind.WORKSHOP_SERIES: (WorkshopSeries, WorkshopSeries.title),
        SuggestionKind.COACH: (Coach, Coach.name),
        SuggestionKind.CASE: (Case, Case.summary),
    }[kind]
    rows = db.session.execute(select(model.code, column).where(model.code.in_(codes)))
    return dict(rows.all())


def describe_suggestions(suggestions: list[Suggestion], lang: str) -> dict[str, list]:
    grouped: dict[str, list[SuggestionView]] = {k.value: [] for k in SuggestionKind}
    for kind in SuggestionKind:
        items = [s for s in suggestions if s.kind == kind]
        codes = {s.code for s in items} | {s.decision_code for s in items if s.decision_code}
        titles = catalogue_titles(kind, codes)
        for s in items:
            grouped[kind].append(SuggestionView(
                kind=kind, code=s.code, title=titles.get(s.code, s.code), score=s.score,
                reasons=s.reasons_in(lang), decision=s.decision,
                decision_title=titles.get(s.decision_code) if s.decision_code else None,
                decision_reason=s.decision_reason,
            ))
    return grouped


def company_overview(company: Company, lang: str) -> Overview:
    intake = company.current_intake
    status = intake.status if intake else IntakeStatus.DRAFT
    overview = Overview(company=company, status=status,
                        status_index=STATUS_ORDER.index(status))
    if intake is not None and intake.status != IntakeStatus.DRAFT:
        overview.suggestions = describe_suggestions(intake.suggestions, lang)
    return overview
