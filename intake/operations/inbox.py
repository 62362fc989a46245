"""The coordinator's inbox: every company with its current intake, filtered, sorted and paged.

A page costs a few queries whatever its size: the rows (companies joined to their latest
intake, sorted and cut on their ids alone), the total count, and one per optional column shown
(the workshop series the rows' companies are enrolled in, how many of their suggestions are
decided, their latest stages, responsible coordinators, next steps).
Filters arrive already checked (the view's form drops what is invalid), so nothing here trusts input
beyond the whitelist of sort keys.
"""

import re
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta

from sqlalchemy import Select, and_, func, or_, select
from sqlalchemy.orm import defer

from intake.clock import today
from intake.extensions import db
from intake.models import (
    Activity,
    ActivityKind,
    Company,
    Enrolment,
    Intake,
    NextStep,
    Suggestion,
    User,
    WorkshopSeries,
)
from intake.operations.contact_log import open_next_steps
from intake.operations.id_lists import among

SORTS = ("name", "org_number", "status", "county", "main_need", "submitted")
DEFAULT_SORT = ("submitted", "desc")


@dataclass(frozen=True)
class InboxFilters:
    status: str | None = None
    county: str | None = None
    area: str | None = None
    series_id: int | None = None
    submitted_from: date | None = None
    submitted_to: date | None = None
    query: str | None = None
    # Issue 13: whose companies ("mine" is resolved to the login's id by the view), those with
    # nobody responsible, and a selection of companies (bulk actions and their exports).
    responsible_id: int | None = None
    unassigned: bool = False
    company_ids: tuple[int, ...] | None = None


# The columns a coordinator can show (the company's name is always shown).
COLUMNS = ("status", "county", "main_need", "submitted", "responsible", "decided", "booked",
           "latest_stage", "next_step")
DEFAULT_COLUMNS = ("status", "county", "main_need", "submitted", "responsible", "decided",
                   "booked", "latest_stage")
MAX_SELECTION = 5000  # "all matching" in one action; the programme has at most a few hundred


def normalise_columns(columns) -> tuple[str, ...]:
    """The known columns asked for, in the inbox's order; none asked gives the default."""
    asked = set(columns or ())
    chosen = tuple(c for c in COLUMNS if c in asked)
    return chosen or DEFAULT_COLUMNS


@dataclass
class InboxRow:
    """A company and where it stands: its intake, decisions, bookings and latest stage."""

    company: Company
    intake: Intake | None
    series: list[WorkshopSeries] = field(default_factory=list)
    decided: int = 0
    suggested: int = 0
    latest_stage: Activity | None = None
    responsible: User | None = None
    next_step: NextStep | None = None  # the open one due first

    @property
    def next_step_overdue(self) -> bool:
        return self.next_step is not None and self.next_step.due_on < today()


@dataclass
class InboxPage:
    rows: list[InboxRow]
    total: int
    page: int
    page_size: int

    @property
    def pages(self) -> int:
        return max(1, -(-self.total // self.page_size))

    @property
    def first_index(self) -> int:
        return 0 if not self.total else (self.page - 1) * self.page_size + 1

    @property
    def last_index(self) -> int:
        return min(self.total, self.page * self.page_size)


def _escape_like(text: str) -> str:
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def _search(query: str):
    """Name contains the text, or the organisation number contains its digits (hyphen or not)."""
    text = query.strip()
    conditions = [Company.name.ilike(f"%{_escape_like(text)}%", escape="\\")]
    digits = re.sub(r"\D", "", text)
    if digits and re.fullmatch(r"[\d\s-]+", text):
        conditions.append(func.replace(Company.org_number, "-", "").like(f"%{digits}%"))
    return or_(*conditions)


def _company_conditions(filters: InboxFilters) -> list:
    conditions = []
    if filters.county:
        conditions.append(Company.county_code == filters.county)
    if filters.series_id is not None:
        conditions.append(select(Enrolment.id).where(
            Enrolment.company_id == Company.id,
            Enrolment.workshop_series_id == filters.series_id).exists())
    if filters.query and filters.query.strip():
        conditions.append(_search(filters.query))
    if filters.responsible_id is not None:
        conditions.append(Company.responsible_coordinator_id == filters.responsible_id)
    if filters.unassigned:
        conditions.append(Company.responsible_coordinator_id.is_(None))
    if filters.company_ids is not None:
        conditions.append(Company.id.in_(filters.company_ids))
    return conditions


def _intake_conditions(filters: InboxFilters) -> list:
    conditions = []
    if filters.status:
        conditions.append(Intake.status == filters.status)
    if filters.area:
        conditions.append(Intake.main_need_area == filters.area)
    if filters.submitted_from:
        conditions.append(Intake.submitted_at >= datetime.combine(filters.submitted_from, time()))
    if filters.submitted_to and filters.submitted_to < date.max:  # the last day has no next
        end = datetime.combine(filters.submitted_to + timedelta(days=1), time())
        conditions.append(Intake.submitted_at < end)
    return conditions


def _filtered(filters: InboxFilters) -> Select:
    """Companies outer-joined to their current (latest) intake, with every filter applied.

    The company keeps its current intake's id (`Company.current_intake_id`), so the join is a
    look-up by primary key: no search for each company's latest among every intake.
    """
    stmt = (select(Company, Intake)
            .outerjoin(Intake, Intake.id == Company.current_intake_id))
    conditions = _company_conditions(filters) + _intake_conditions(filters)
    if conditions:
        stmt = stmt.where(and_(*conditions))
    return stmt


def _count(filters: InboxFilters, stmt: Select) -> Select:
    """How many companies match. Each company has one latest intake or none, so with no filter
    on the intake the join cannot change the count, and is left out."""
    if not _intake_conditions(filters):
        return select(func.count(Company.id)).where(*_company_conditions(filters))
    return select(func.count()).select_from(
        stmt.with_only_columns(Company.id).order_by(None).subquery())


def _sort_key(sort: str):
    return {
        "name": func.lower(Company.name), "org_number": Company.org_number,
        "status": Intake.status, "county": Company.county_code,
        "main_need": Intake.main_need_area, "submitted": Intake.submitted_at,
    }[sort]


def _page_ids(stmt: Select, sort: str, direction: str, offset: int, limit: int) -> list:
    """The (company id, intake id) of one page: by the sort key, empty values last in both
    directions, then by company id (a stable tie-break).

    Asked as two queries, the rows with a value and then the rows without, rather than one
    ORDER BY ... NULLS LAST: "with a value" is a condition on the intake, so PostgreSQL may
    join companies to intakes as an inner join and walk the sort key's index from its end,
    reading the page's rows alone. The default page (newest submitted first, 5,000 companies)
    took 5-12 ms to hash-join and sort every company; walking the index takes half a
    millisecond. The rows without a value are asked for only when the page reaches them.
    """
    key = _sort_key(sort)
    descending = direction == "desc"
    tie_break = Company.id.desc() if descending else Company.id
    ids = stmt.with_only_columns(Company.id, Intake.id)
    with_value = ids.where(key.is_not(None))
    rows = db.session.execute(with_value.order_by(key.desc() if descending else key, tie_break)
                              .limit(limit).offset(offset)).all()
    if len(rows) == limit:
        return rows
    if rows:
        skip = 0  # the rows with a value end on this page: the rest begin at the first
    else:
        skip = offset - db.session.scalar(select(func.count()).select_from(
            with_value.subquery()))
    return rows + db.session.execute(
        ids.where(key.is_(None)).order_by(tie_break).limit(limit - len(rows)).offset(skip)).all()


def normalise_sort(sort: str | None, direction: str | None) -> tuple[str, str]:
    """A known sort key and direction; anything else falls back to newest submitted first."""
    if sort not in SORTS:
        return DEFAULT_SORT
    return sort, "desc" if direction == "desc" else "asc"


def search_inbox(filters: InboxFilters, sort: str | None = None, direction: str | None = None,
                 page: int = 1, page_size: int = 50,
                 columns: tuple[str, ...] | None = None) -> InboxPage:
    """One page of the inbox and the total number of matching companies.

    `columns` (the page's chosen columns) limits what is attached to the rows to what the page
    shows: a query saved per hidden column. None attaches everything (the Excel exports).
    """
    sort, direction = normalise_sort(sort, direction)
    page_size = max(1, page_size)
    stmt = _filtered(filters)
    total = db.session.scalar(_count(filters, stmt))
    pages = max(1, -(-total // page_size))
    page = min(max(1, page), pages)
    # Sort and cut the page on two narrow id columns, then fetch only the page's full rows:
    # sorting every company with all its columns was most of the page's database time. The
    # rows are fetched by their ids (not joined to the first query as a subquery, which made
    # PostgreSQL scan both tables again to pick 50 rows), each company with the intake it was
    # sorted by.
    page_ids = _page_ids(stmt, sort, direction, (page - 1) * page_size, page_size) \
        if total else []
    company_ids = [company_id for company_id, _ in page_ids]
    intake_ids = [intake_id for _, intake_id in page_ids if intake_id is not None]
    fetched = {company.id: (company, intake) for company, intake in db.session.execute(
        select(Company, Intake)
        .outerjoin(Intake, and_(Intake.company_id == Company.id, among(Intake.id, intake_ids)))
        .where(among(Company.id, company_ids))).all()} if company_ids else {}
    result = [fetched[company_id] for company_id in company_ids if company_id in fetched]
    rows = [InboxRow(company=c, intake=i) for c, i in result]
    for column, attach in _ATTACH.items():
        if columns is None or column in columns:
            attach(rows)
    return InboxPage(rows=rows, total=total, page=page, page_size=page_size)


def matching_ids(filters: InboxFilters, limit: int = MAX_SELECTION) -> list[int]:
    """The ids of every company the filters match ("select all N matching"), at most `limit`."""
    stmt = _filtered(filters).with_only_columns(Company.id).order_by(Company.id).limit(limit)
    return list(db.session.scalars(stmt))


def existing_ids(company_ids) -> list[int]:
    """The ids among `company_ids` (from a form: anything) that name a company."""
    wanted = {i for i in company_ids if isinstance(i, int) and 0 < i < 2**31}
    if not wanted:
        return []
    return list(db.session.scalars(select(Company.id).where(Company.id.in_(wanted))
                                   .order_by(Company.id)))


def staff_choices() -> list[tuple[int, str]]:
    """The coordinators and admins who can be made responsible for a company, by name."""
    result = db.session.execute(
        select(User.id, User.name, User.email)
        .where(User.company_id.is_(None), User.role.in_(("coordinator", "admin")),
               User.is_active_login.is_(True))
        .order_by(func.lower(func.coalesce(User.name, User.email)), User.id))
    return [(uid, name or email) for uid, name, email in result.all()]


def any_company() -> bool:
    """Whether any company has registered at all (an empty inbox says why it is empty)."""
    return db.session.scalar(select(Company.id).limit(1)) is not None


def _attach_decisions(rows: list[InboxRow]) -> None:
    """How many of each intake's suggestions are decided, in one query."""
    by_intake = {row.intake.id: row for row in rows if row.intake is not None}
    if not by_intake:
        return
    result = db.session.execute(
        select(Suggestion.intake_id, func.count(Suggestion.id), func.count(Suggestion.decision))
        .where(among(Suggestion.intake_id, by_intake)).group_by(Suggestion.intake_id))
    for intake_id, suggested, decided in result.all():
        by_intake[intake_id].suggested, by_intake[intake_id].decided = suggested, decided


def _attach_latest_stage(rows: list[InboxRow]) -> None:
    """Each company's latest stage (a workshop series has a column of its own)."""
    by_company = {row.company.id: row for row in rows}
    if not by_company:
        return
    stages = db.session.scalars(
        select(Activity).options(defer(Activity.attachment))  # a file, never shown here
        .where(among(Activity.company_id, by_company),
               Activity.kind != ActivityKind.WORKSHOP_SERIES)
        .order_by(Activity.occurred_on.desc(), Activity.id.desc()))
    for activity in stages:
        row = by_company[activity.company_id]
        if row.latest_stage is None:
            row.latest_stage = activity


def _attach_responsible(rows: list[InboxRow]) -> None:
    """Each company's responsible coordinator, in one query."""
    ids = {row.company.responsible_coordinator_id for row in rows} - {None}
    if not ids:
        return
    people = {u.id: u for u in db.session.scalars(select(User).where(among(User.id, ids)))}
    for row in rows:
        row.responsible = people.get(row.company.responsible_coordinator_id)


def _attach_next_steps(rows: list[InboxRow]) -> None:
    """Each company's open next step due first, in one query."""
    steps = open_next_steps(row.company.id for row in rows)
    for row in rows:
        row.next_step = steps.get(row.company.id)


def _attach_series(rows: list[InboxRow]) -> None:
    """The workshop series of the page's companies, in one query."""
    by_company = {row.company.id: row for row in rows}
    if not by_company:
        return
    result = db.session.execute(
        select(Enrolment.company_id, WorkshopSeries)
        .join(WorkshopSeries, WorkshopSeries.id == Enrolment.workshop_series_id)
        .where(among(Enrolment.company_id, by_company))
        .order_by(WorkshopSeries.starts_on, WorkshopSeries.code))
    for company_id, series in result.all():
        by_company[company_id].series.append(series)


# What each optional column needs attached to its rows (one query each).
_ATTACH = {"booked": _attach_series, "decided": _attach_decisions,
           "latest_stage": _attach_latest_stage, "responsible": _attach_responsible,
           "next_step": _attach_next_steps}


def series_choices() -> list[tuple[int, str]]:
    """Every workshop series (retired ones too: companies stay enrolled in them), by title."""
    result = db.session.execute(
        select(WorkshopSeries.id, WorkshopSeries.code, WorkshopSeries.title)
        .order_by(WorkshopSeries.title, WorkshopSeries.code))
    return [(sid, f"{title} ({code})") for sid, code, title in result.all()]
