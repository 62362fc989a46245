"""Drafts never submitted, by how long ago they were started: who the coordinators can chase.

A company that registered and began the questionnaire but never sent it is the programme's
cheapest participant to win; the dashboard shows how many there are and how old, and links
to them in the inbox.
"""

from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import case, func, select

from intake.clock import utcnow
from intake.extensions import db
from intake.models import Intake, IntakeStatus

# (key, from days, to days): started under 7 days ago, 7–30 days ago, over 30 days ago.
AGE_BUCKETS = (("under_7", 0, 7), ("7_to_30", 7, 30), ("over_30", 30, None))


@dataclass(frozen=True)
class DraftAges:
    counts: dict  # bucket key -> number of drafts
    oldest: datetime | None

    @property
    def total(self) -> int:
        return sum(self.counts.values())


def draft_ages(now: datetime | None = None) -> DraftAges:
    """How many intakes are drafts never submitted, per age bucket, in one query."""
    now = now or utcnow()
    week, month = now - timedelta(days=7), now - timedelta(days=30)
    bucket = case((Intake.created_at > week, "under_7"), (Intake.created_at > month, "7_to_30"),
                  else_="over_30")
    drafts = (Intake.status == IntakeStatus.DRAFT, Intake.submitted_at.is_(None))
    counts = {key: 0 for key, *_ in AGE_BUCKETS}
    for key, number in db.session.execute(
            select(bucket, func.count(Intake.id)).where(*drafts).group_by(bucket)).all():
        counts[key] = number
    oldest = db.session.scalar(select(func.min(Intake.created_at)).where(*drafts))
    return DraftAges(counts=counts, oldest=oldest)
