"""Who the participant list names: the companies that took part in the period, each with the
activities, workshop series and coaches the funder's spreadsheet shows beside it.

The counting rule is the indicators' (`reports`): an activity counts once its day has come.
"""

from sqlalchemy import select

from intake.extensions import db
from intake.models import Activity, CoachAssignment, Company
from intake.reports import Period, activity_in, taken_place

ALL_DATES = Period()


def participating_companies(period: Period = ALL_DATES) -> list[Company]:
    """Companies with at least one activity in the period, by organisation number."""
    return list(db.session.scalars(
        select(Company).where(activity_in(period)).order_by(Company.org_number)
    ))


def activities_of(company_ids: list[int], period: Period = ALL_DATES) -> dict[int, list[Activity]]:
    """The activities of these companies in the period, by company id, in date order."""
    result: dict[int, list[Activity]] = {cid: [] for cid in company_ids}
    if not company_ids:
        return result
    rows = db.session.scalars(
        select(Activity)
        .where(Activity.company_id.in_(company_ids), period.covers(Activity.occurred_on),
               taken_place())
        .order_by(Activity.occurred_on, Activity.id)
    )
    for activity in rows:
        result[activity.company_id].append(activity)
    return result


def coaches_of(company_ids: list[int]) -> dict[int, list[str]]:
    """The names of the coaches each company has now; if none, the last one it had."""
    result: dict[int, list[str]] = {cid: [] for cid in company_ids}
    if not company_ids:
        return result
    rows = db.session.scalars(
        select(CoachAssignment).where(CoachAssignment.company_id.in_(company_ids))
        .order_by(CoachAssignment.created_at, CoachAssignment.id))
    ended: dict[int, str] = {}
    for assignment in rows:
        if assignment.ended_at is None:
            result[assignment.company_id].append(assignment.coach.name)
        else:
            ended[assignment.company_id] = assignment.coach.name
    for company_id, names in result.items():
        if not names and company_id in ended:
            names.append(ended[company_id])
    return result
