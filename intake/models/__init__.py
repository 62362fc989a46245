"""The database model, one module per part of the domain."""

from intake.models.audit import AuditEvent
from intake.models.catalogue import Case, CatalogueState, Coach, WorkshopSeries
from intake.models.company import Company
from intake.models.contact_log import ContactKind, ContactNote, NextStep
from intake.models.intake import (
    STATUS_ORDER,
    AreaAnswer,
    Intake,
    IntakeStatus,
    refresh_current_intakes,
)
from intake.models.login_session import LoginSession
from intake.models.outbox import OutboxMessage, OutboxStatus
from intake.models.programme import (
    Activity,
    ActivityKind,
    CoachAssignment,
    Enrolment,
    Target,
    coaches_assigned,
    seats_booked,
)
from intake.models.saved_view import SavedView
from intake.models.series_session import Attendance, SeriesSession
from intake.models.suggestion import Decision, Suggestion, SuggestionKind
from intake.models.survey import (
    ResponseStatus,
    SurveyInvitation,
    SurveyLink,
    SurveyResponse,
)
from intake.models.user import Role, User

__all__ = [
    "STATUS_ORDER",
    "Activity",
    "ActivityKind",
    "AreaAnswer",
    "Attendance",
    "AuditEvent",
    "Case",
    "CatalogueState",
    "Coach",
    "CoachAssignment",
    "Company",
    "ContactKind",
    "ContactNote",
    "Decision",
    "Enrolment",
    "Intake",
    "IntakeStatus",
    "LoginSession",
    "NextStep",
    "OutboxMessage",
    "OutboxStatus",
    "ResponseStatus",
    "Role",
    "SavedView",
    "SeriesSession",
    "Suggestion",
    "SuggestionKind",
    "SurveyInvitation",
    "SurveyLink",
    "SurveyResponse",
    "Target",
    "User",
    "WorkshopSeries",
    "coaches_assigned",
    "refresh_current_intakes",
    "seats_booked",
]
