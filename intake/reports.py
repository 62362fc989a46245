"""The programme's indicators for the funder, counted from the activities a company took part in.

The funder counts *enterprises*, not bookings: every figure here counts an organisation number
once, however many activities it had in the period. A company participates once it has taken
part in at least one activity (`Activity`) dated within the period and not after today; an
enrolment alone (a booked seat) or a stage planned for later does not make a participant,
because the company may never turn up. A workshop series counts as carried out once its last
date has passed (`WorkshopSeries.last_date`), not when it is booked or has started.

Targets live in the `targets` table so that programme management can change them; a key with no
row falls back to the default taken from the seed documents (SIMMITT: 75 companies split evenly
between counties 22 and 23, at least 8 workshop series, about 35 companies in deep analyses).
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import date

from flask_babel import lazy_gettext as _l
from sqlalchemy import and_, exists, func, or_, select, true

from intake.clock import today
from intake.extensions import db
from intake.models import Activity, ActivityKind, Company, Enrolment, Target, User, WorkshopSeries
from intake.operations.audit import record

# The two counties the programme serves; companies from elsewhere are counted but have no target.
PROGRAMME_COUNTIES = ("22", "23")

#: Target keys in display order with their defaults; None means "no target unless one is set".
#: 75 cannot be split evenly into whole companies: Västernorrland (22) gets the odd one, 38 + 37.
#: The seeds name no figure for action plans; the start-up programme takes each deep-analysis
#: company "from idea to finished action plan", so the default follows deep analyses (35).
DEFAULT_TARGETS: dict[str, int | None] = {
    "participating_companies": 75,
    "participating_companies_22": 38,
    "participating_companies_23": 37,
    "workshop_series": 8,
    "deep_analyses": 35,
    "action_plans": 35,
    "mapping_interviews": None,
    "consultant_support": None,
}

#: The indicator each stage kind feeds (distinct companies with that kind of activity).
STAGE_INDICATORS = {
    ActivityKind.MAPPING_INTERVIEW: "mapping_interviews",
    ActivityKind.DEEP_ANALYSIS: "deep_analyses",
    ActivityKind.ACTION_PLAN: "action_plans",
    ActivityKind.CONSULTANT_SUPPORT: "consultant_support",
}

#: Activity kinds that are non-financial support in the EU's sense (advice, training, coaching,
#: not grants or loans). Every kind the programme records today is; a financial kind added later
#: must be left out of this set so "enterprises receiving non-financial support" stays right.
NON_FINANCIAL_KINDS = frozenset(k.value for k in ActivityKind)

SIZE_CLASSES = ("micro", "small", "medium", "large")
LEADERSHIP_CLASSES = ("women", "men", "mixed", "unknown")

# Names shown on the dashboard and in the workbooks, in the user's language.
INDICATOR_LABELS = {
    "participating_companies": _l("Participating companies"),
    "participating_companies_22": _l("Participating companies, Västernorrland (22)"),
    "participating_companies_23": _l("Participating companies, Jämtland (23)"),
    "workshop_series": _l("Workshop series held"),
    "deep_analyses": _l("Companies in deep analyses"),
    "action_plans": _l("Companies with action plans"),
    "mapping_interviews": _l("Companies with mapping interviews"),
    "consultant_support": _l("Companies with consultant support"),
}

@dataclass(frozen=True)
class Period:
    """An inclusive date range; either end may be open."""

    start: date | None = None
    end: date | None = None

    def covers(self, column):
        """SQL condition: `column` (a date) lies within the period."""
        conditions = []
        if self.start is not None:
            conditions.append(column >= self.start)
        if self.end is not None:
            conditions.append(column <= self.end)
        return and_(true(), *conditions)


def size_class(employees: int | None, turnover_band: str | None) -> str:
    """The EU SME size class (Recommendation 2003/361/EC), from employees refined by turnover.

    Employees decide first: under 10 micro, under 50 small, under 250 medium, else large. The EU
    also sets a turnover ceiling per class (EUR 2 m, 10 m, 50 m; at about SEK 11 per euro that is
    SEK 22 m, 110 m, 550 m). We only know the turnover *band*, so a company moves up only when
    its whole band lies above the ceiling of its class: `100_500` (SEK 100 m or more, over
    EUR 2 m) makes a company at least small; `over_500` (over SEK 500 m, over EUR 10 m) at
    least medium. No band lies wholly above the medium ceiling, so turnover never makes a
    company large. The balance-sheet alternative and linked enterprises are not known here.
    """
    staff = employees or 0
    rank = 0 if staff < 10 else 1 if staff < 50 else 2 if staff < 250 else 3
    floor = {"100_500": 1, "over_500": 2}.get(turnover_band or "", 0)
    return SIZE_CLASSES[max(rank, floor)]


def share_percent(actual: int, target: int | None) -> int | None:
    """`actual` as a whole percentage of `target`, halves rounded up; None without a target."""
    if not target:
        return None
    return (200 * actual + target) // (2 * target)


def leadership_class(leadership: str | None) -> str:
    return leadership if leadership in ("women", "men", "mixed") else "unknown"


# --- targets -----------------------------------------------------------------------------------


def targets() -> dict[str, int | None]:
    """Every target: the stored value, else the default."""
    stored = dict(db.session.execute(select(Target.key, Target.value)).all())
    return {key: stored.get(key, default) for key, default in DEFAULT_TARGETS.items()}


def save_targets(values: dict[str, int | None], user: User | None) -> dict[str, int | None]:
    """Store the targets given (None removes a target that has no default) and audit the change.

    Unknown keys are ignored. Returns the targets as they are now.
    """
    before = targets()
    for key in DEFAULT_TARGETS:
        if key not in values:
            continue
        value = values[key]
        row = db.session.get(Target, key)
        if value is None:
            if row is not None:
                db.session.delete(row)
        elif row is None:
            db.session.add(Target(key=key, value=int(value)))
        else:
            row.value = int(value)
    db.session.flush()
    after = targets()
    changed = {k: {"from": before[k], "to": after[k]} for k in after if before[k] != after[k]}
    if changed:
        record(user, "targets.update", "targets", None, changed)
    return after


# --- who took part -----------------------------------------------------------------------------


def taken_place():
    """An activity counts once its day has come: a stage planned for next month does not."""
    return Activity.occurred_on <= today()


def activity_in(period: Period, kinds=None):
    conditions = [Activity.company_id == Company.id, period.covers(Activity.occurred_on),
                  taken_place()]
    if kinds is not None:
        conditions.append(Activity.kind.in_(list(kinds)))
    return exists().where(*conditions)


def workshop_series_held(period: Period = Period()) -> int:
    """Distinct workshop series carried out in the period, with at least one participant.

    A series is carried out once its last date (`ends_on`, else `starts_on`) is before today,
    and it counts in the period that last date falls in. A participant is an enrolment or a
    workshop-series activity. A series with no dates at all counts when one of its
    workshop-series activities lies in the period and before today.
    """
    ws_activity = and_(Activity.workshop_series_id == WorkshopSeries.id,
                       Activity.kind == ActivityKind.WORKSHOP_SERIES)
    had_participant = or_(
        exists().where(Enrolment.workshop_series_id == WorkshopSeries.id),
        exists().where(ws_activity),
    )
    last_date = func.coalesce(WorkshopSeries.ends_on, WorkshopSeries.starts_on)
    ended_in_period = and_(last_date.is_not(None), last_date < today(),
                           period.covers(last_date))
    undated_but_held = and_(last_date.is_(None),
                            exists().where(ws_activity, period.covers(Activity.occurred_on),
                                           Activity.occurred_on < today()))
    return db.session.scalar(
        select(func.count(WorkshopSeries.id)).where(
            had_participant, or_(ended_in_period, undated_but_held))
    ) or 0


def _companies_per_stage(period: Period) -> dict[str, int]:
    rows = db.session.execute(
        select(Activity.kind, func.count(func.distinct(Company.org_number)))
        .join(Company, Company.id == Activity.company_id)
        .where(period.covers(Activity.occurred_on), taken_place())
        .group_by(Activity.kind)
    ).all()
    return {kind: count for kind, count in rows}


@dataclass
class Indicators:
    """Everything the dashboard and the indicators workbook show, for one period."""

    period: Period
    targets: dict[str, int | None]
    participating: int = 0
    by_county: dict[str, int] = field(default_factory=dict)
    workshop_series: int = 0
    stages: dict[str, int] = field(default_factory=dict)  # indicator key -> companies
    # EU indicators: {size class: {county: companies}}, each organisation number once.
    supported: dict[str, Counter] = field(default_factory=dict)
    non_financial: dict[str, Counter] = field(default_factory=dict)
    leadership: Counter = field(default_factory=Counter)

    def rows(self) -> list[tuple[str, int, int | None]]:
        """(indicator key, actual, target) in display order, for the headline table."""
        actual = {
            "participating_companies": self.participating,
            "participating_companies_22": self.by_county.get("22", 0),
            "participating_companies_23": self.by_county.get("23", 0),
            "workshop_series": self.workshop_series,
            **{key: self.stages.get(key, 0) for key in STAGE_INDICATORS.values()},
        }
        return [(key, actual[key], self.targets.get(key)) for key in DEFAULT_TARGETS]

    def counties(self) -> list[str]:
        """The programme's counties, then any other county a participant came from."""
        others = sorted(set(self.by_county) - set(PROGRAMME_COUNTIES))
        return [*PROGRAMME_COUNTIES, *others]

    @staticmethod
    def total(table: dict[str, Counter], county: str | None = None) -> int:
        """All companies in an EU table, or those of one county."""
        if county is None:
            return sum(sum(c.values()) for c in table.values())
        return sum(c.get(county, 0) for c in table.values())


def indicators(period: Period = Period()) -> Indicators:
    """Count the programme's indicators for the period (see the module docstring)."""
    result = Indicators(period=period, targets=targets())
    rows = db.session.execute(
        select(Company.org_number, Company.county_code, Company.employees,
               Company.turnover_band, Company.leadership,
               activity_in(period, NON_FINANCIAL_KINDS).label("non_financial"))
        .where(activity_in(period))
    ).all()
    seen: set[str] = set()
    result.supported = {size: Counter() for size in SIZE_CLASSES}
    result.non_financial = {size: Counter() for size in SIZE_CLASSES}
    by_county: Counter = Counter()
    for org, county, employees, band, leadership, non_financial in rows:
        if org in seen:  # the column is unique; this keeps the rule explicit
            continue
        seen.add(org)
        size = size_class(employees, band)
        by_county[county] += 1
        result.supported[size][county] += 1
        if non_financial:
            result.non_financial[size][county] += 1
        result.leadership[leadership_class(leadership)] += 1
    result.participating = len(seen)
    result.by_county = dict(by_county)
    result.workshop_series = workshop_series_held(period)
    per_kind = _companies_per_stage(period)
    result.stages = {key: per_kind.get(kind.value, 0) for kind, key in STAGE_INDICATORS.items()}
    return result
