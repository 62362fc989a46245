"""What the follow-up surveys say, per workshop series and per coach, with small cells hidden.

A breakdown with fewer than MIN_ANSWERS answers shows only how many were invited: its
figures (and its comments) could single a company out, so they are "too few answers". The
figures are programme figures: no company is named anywhere in them.

NPS is the share of 9–10 minus the share of 0–6 on the 0–10 recommendation, in percent.
The maturity change of an area is the mean of after − before over the companies that
re-assessed it at the six-month wave.
"""

from dataclasses import dataclass, field

from sqlalchemy import select

from intake import surveys
from intake.extensions import db
from intake.i18n import localized
from intake.models import (
    Coach,
    CoachAssignment,
    ResponseStatus,
    SurveyInvitation,
    SurveyResponse,
    WorkshopSeries,
)
from intake.questionnaire import AREA_KEYS

MIN_ANSWERS = 5
ACTION_KEYS = ("routine", "investment", "hire", "training", "nothing")


def action_labels(lang: str | None = None) -> dict[str, str]:
    """The actions' names as the survey words them, in `lang` (None: the request's)."""
    return {o.key: localized(o.text, lang)
            for o in surveys.load().question("actions").options}


@dataclass
class Figures:
    """One breakdown (a series, a coach, or the whole programme)."""

    key: str
    label: str
    invited: int = 0
    answers: list[dict] = field(default_factory=list)
    changes: list[dict] = field(default_factory=list)

    @property
    def answered(self) -> int:
        return len(self.answers)

    @property
    def too_few(self) -> bool:
        return self.answered < MIN_ANSWERS

    @property
    def response_rate(self) -> float | None:
        return round(100 * self.answered / self.invited, 1) if self.invited else None

    def _values(self, key: str) -> list:
        return [a[key] for a in self.answers if isinstance(a.get(key), int)]

    @property
    def mean_rating(self) -> float | None:
        values = self._values("rating")
        return round(sum(values) / len(values), 2) if values else None

    @property
    def nps(self) -> int | None:
        values = self._values("recommend")
        if not values:
            return None
        promoters = sum(1 for v in values if v >= 9)
        detractors = sum(1 for v in values if v <= 6)
        return round(100 * (promoters - detractors) / len(values))

    @property
    def fitted_share(self) -> float | None:
        fits = [a.get("fit") for a in self.answers if a.get("fit")]
        return round(100 * sum(1 for f in fits if f == "yes") / len(fits), 1) if fits else None

    @property
    def actions(self) -> dict[str, int]:
        counts = dict.fromkeys(ACTION_KEYS, 0)
        for answer in self.answers:
            for key in answer.get("actions") or []:
                if key in counts:
                    counts[key] += 1
        return counts

    @property
    def investment_sek(self) -> int:
        return sum(a.get("investment_sek") or 0 for a in self.answers)

    @property
    def comments(self) -> list[str]:
        return [a[key] for a in self.answers for key in ("comment", "next_need")
                if a.get(key)]

    @property
    def maturity_change(self) -> dict[str, float | None]:
        """Mean change per area over the companies that re-assessed it; None: none did."""
        out = {}
        for area in AREA_KEYS:
            deltas = [c[area]["after"] - c[area]["before"] for c in self.changes if area in c]
            out[area] = round(sum(deltas) / len(deltas), 2) if deltas else None
        return out

    @property
    def maturity_counts(self) -> dict[str, int]:
        """How many companies re-assessed each area: a mean over fewer than MIN_ANSWERS is
        not shown."""
        return {area: sum(1 for c in self.changes if area in c) for area in AREA_KEYS}

    @property
    def reassessed(self) -> int:
        return len(self.changes)

    @property
    def mean_maturity_change(self) -> float | None:
        """The mean change over every re-assessed area of every company: the dashboard's one
        figure."""
        deltas = [c[a]["after"] - c[a]["before"] for c in self.changes for a in c]
        return round(sum(deltas) / len(deltas), 2) if deltas else None


@dataclass
class Results:
    programme: Figures
    by_series: list[Figures]
    by_coach: list[Figures]


def _coach_of_companies() -> dict[int, int]:
    """Each company's coach: its current assignment, else its latest."""
    found: dict[int, int] = {}
    for company_id, coach_id, ended in db.session.execute(
            select(CoachAssignment.company_id, CoachAssignment.coach_id, CoachAssignment.ended_at)
            .order_by(CoachAssignment.id)):
        if company_id not in found or ended is None:
            found[company_id] = coach_id
    return found


def survey_results() -> Results:
    """Every invitation that was mailed, and every submitted answer, broken down."""
    series_names = dict(db.session.execute(select(WorkshopSeries.id, WorkshopSeries.title)).all())
    coach_names = dict(db.session.execute(select(Coach.id, Coach.name)).all())
    coaches = _coach_of_companies()
    programme = Figures("programme", "")
    by_series: dict[int, Figures] = {}
    by_coach: dict[int, Figures] = {}
    rows = db.session.execute(
        select(SurveyInvitation.company_id, SurveyInvitation.workshop_series_id,
               SurveyInvitation.wave, SurveyResponse.status, SurveyResponse.answers,
               SurveyResponse.maturity_change, SurveyResponse.coach_id)
        .outerjoin(SurveyResponse, SurveyResponse.invitation_id == SurveyInvitation.id)
        .where(SurveyInvitation.mails_sent > 0)
        .order_by(SurveyInvitation.id))
    for company_id, series_id, _wave, status, answers, change, answer_coach in rows:
        coach_id = answer_coach or coaches.get(company_id)
        targets = [programme, by_series.setdefault(
            series_id, Figures(str(series_id), series_names.get(series_id, "")))]
        if coach_id is not None:
            targets.append(by_coach.setdefault(
                coach_id, Figures(str(coach_id), coach_names.get(coach_id, ""))))
        for figures in targets:
            figures.invited += 1
            if status == ResponseStatus.SUBMITTED:
                figures.answers.append(answers or {})
                if change:
                    figures.changes.append(change)
    return Results(programme=programme,
                   by_series=sorted(by_series.values(), key=lambda f: f.label),
                   by_coach=sorted(by_coach.values(), key=lambda f: f.label))
