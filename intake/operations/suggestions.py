"""Suggestions as people read them: each with its catalogue item, its title, its fit in words
and its reasons in one language. The company's status page and the coordinator's review both
show them so.

The matcher's score means something only to the matcher (the best series for a company may
score 0.25), so people see a fit level instead: the score relative to the best item of the same
kind in the catalogue for this company, which is the first suggestion of that kind.
"""

from dataclasses import dataclass

from sqlalchemy import select

from intake import matching_bridge
from intake.extensions import db
from intake.models import Case, Coach, Decision, Suggestion, SuggestionKind, WorkshopSeries

# Share of the best score an item needs for each level; below the last one it is partial.
FIT_LEVELS = ((0.85, "strong"), (0.6, "good"))


def fit_level(score: float, best: float) -> str:
    """"strong", "good" or "partial": `score` as a share of `best`, the best in the catalogue."""
    if best <= 0 or score <= 0:
        return "partial"
    share = score / best
    return next((level for floor, level in FIT_LEVELS if share >= floor), "partial")


@dataclass
class SuggestionItem:
    """A suggestion with what a person needs to read it: the item (and what a coordinator
    picked instead), the title, the fit in words and the reasons in one language."""

    suggestion: Suggestion
    title: str
    reasons: list[str]
    fit: str = "partial"
    best_score: float = 0.0
    item: object | None = None
    decision_item: object | None = None
    decision_title: str | None = None

    @property
    def chosen(self):
        """The item the decision stands for: the other one after a change."""
        if self.suggestion.decision == Decision.CHANGED:
            return self.decision_item
        return self.item

    @property
    def chosen_title(self) -> str:
        if self.suggestion.decision == Decision.CHANGED:
            return self.decision_title or self.suggestion.decision_code or self.title
        return self.title

    @property
    def retired(self) -> bool:
        """The chosen item has been archived since: it cannot be booked or assigned."""
        chosen = self.chosen
        return chosen is not None and chosen.retired_at is not None


MODELS = {
    SuggestionKind.WORKSHOP_SERIES: WorkshopSeries,
    SuggestionKind.COACH: Coach,
    SuggestionKind.CASE: Case,
}
# What names a catalogue item of each kind on screen: series titles, coach names, summaries.
DISPLAY_COLUMNS = {
    SuggestionKind.WORKSHOP_SERIES: (WorkshopSeries, WorkshopSeries.title),
    SuggestionKind.COACH: (Coach, Coach.name),
    SuggestionKind.CASE: (Case, Case.summary),
}


def title_of(item) -> str:
    if isinstance(item, WorkshopSeries):
        return item.title
    if isinstance(item, Coach):
        return item.name
    return item.summary


def catalogue_items(kind: str, codes: set[str]) -> dict[str, object]:
    """The catalogue rows of one kind for these codes, retired ones too."""
    codes = {c for c in codes if c}
    if not codes:
        return {}
    model = MODELS[SuggestionKind(kind)]
    return {row.code: row for row in db.session.scalars(select(model)
                                                        .where(model.code.in_(codes)))}


def catalogue_titles(kind: str, codes: set[str]) -> dict[str, str]:
    """Display names for catalogue codes of one kind."""
    return {code: title_of(row) for code, row in catalogue_items(kind, codes).items()}


def describe_suggestions(suggestions: list[Suggestion], lang: str,
                         for_company: bool = False) -> dict[str, list]:
    """The suggestions by kind, best first, each with its item, fit and reasons in `lang`
    (`for_company`: as the company reads them, see `matching_bridge.reasons_in`)."""
    grouped: dict[str, list[SuggestionItem]] = {k.value: [] for k in SuggestionKind}
    for kind in SuggestionKind:
        items = sorted((s for s in suggestions if s.kind == kind), key=lambda s: s.rank)
        rows = catalogue_items(kind, {s.code for s in items} | {s.decision_code for s in items})
        best = max((s.score for s in items), default=0.0)
        for s in items:
            item, other = rows.get(s.code), rows.get(s.decision_code)
            grouped[kind].append(SuggestionItem(
                suggestion=s, title=title_of(item) if item else s.code,
                reasons=matching_bridge.reasons_in(s, lang, for_company),
                fit=fit_level(s.score, best), best_score=best,
                item=item, decision_item=other,
                decision_title=title_of(other) if other else None))
    return grouped
