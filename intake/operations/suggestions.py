"""Suggestions as people read them: each with the title of its catalogue item and its reasons in
one language. The company's status page and the coordinator's review both show them so."""

from dataclasses import dataclass

from sqlalchemy import select

from intake import matching_bridge
from intake.extensions import db
from intake.models import Case, Coach, Suggestion, SuggestionKind, WorkshopSeries


@dataclass
class SuggestionItem:
    """A suggestion with what a person needs to read it: the item's title, reasons in one
    language, and the title of what a coordinator picked instead."""

    suggestion: Suggestion
    title: str
    reasons: list[str]
    decision_title: str | None = None


# What names a catalogue item of each kind on screen: series titles, coach names, summaries.
DISPLAY_COLUMNS = {
    SuggestionKind.WORKSHOP_SERIES: (WorkshopSeries, WorkshopSeries.title),
    SuggestionKind.COACH: (Coach, Coach.name),
    SuggestionKind.CASE: (Case, Case.summary),
}


def catalogue_titles(kind: str, codes: set[str]) -> dict[str, str]:
    """Display names for catalogue codes of one kind."""
    if not codes:
        return {}
    model, column = DISPLAY_COLUMNS[kind]
    rows = db.session.execute(select(model.code, column).where(model.code.in_(codes)))
    return dict(rows.all())


def describe_suggestions(suggestions: list[Suggestion], lang: str) -> dict[str, list]:
    """The suggestions by kind, best first, each with its title and reasons in `lang`."""
    grouped: dict[str, list[SuggestionItem]] = {k.value: [] for k in SuggestionKind}
    for kind in SuggestionKind:
        items = [s for s in suggestions if s.kind == kind]
        codes = {s.code for s in items} | {s.decision_code for s in items if s.decision_code}
        titles = catalogue_titles(kind, codes)
        for s in sorted(items, key=lambda s: s.rank):
            grouped[kind].append(SuggestionItem(
                suggestion=s, title=titles.get(s.code, s.code),
                reasons=matching_bridge.reasons_in(s, lang),
                decision_title=titles.get(s.decision_code) if s.decision_code else None))
    return grouped
