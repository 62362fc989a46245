"""What a company sees of itself: where its intake stands and what was suggested and decided."""

from dataclasses import dataclass, field

from intake.models import STATUS_ORDER, Company, IntakeStatus
from intake.operations.suggestions import SuggestionItem, describe_suggestions


@dataclass
class CompanyStatus:
    company: Company
    status: str
    status_index: int
    suggestions: dict[str, list[SuggestionItem]] = field(default_factory=dict)
    # Submitted, but the suggestions are still being computed (see `operations.suggesting`).
    suggestions_pending: bool = False


def company_status(company: Company, lang: str) -> CompanyStatus:
    """The company's status page: its intake's status and, once submitted, the suggestions."""
    intake = company.current_intake
    status = intake.status if intake else IntakeStatus.DRAFT
    page = CompanyStatus(company=company, status=status, status_index=STATUS_ORDER.index(status))
    if intake is not None and intake.status != IntakeStatus.DRAFT:
        page.suggestions = describe_suggestions(intake.suggestions, lang)
        page.suggestions_pending = intake.suggestions_pending
    return page
