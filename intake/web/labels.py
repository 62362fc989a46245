"""Names of the app's codes (statuses, kinds, decisions) in the user's language."""

from flask import Flask
from flask_babel import lazy_gettext as _l

STATUS = {
    "draft": _l("Draft"),
    "submitted": _l("Submitted"),
    "under_review": _l("Under review"),
    "matched": _l("Matched"),
    "enrolled": _l("Enrolled"),
}

SUGGESTION_KIND = {
    "workshop_series": _l("Suggested workshop series"),
    "coach": _l("Suggested coaches"),
    "case": _l("Comparable earlier companies"),
}

DECISION = {
    "accepted": _l("Accepted by a coordinator"),
    "changed": _l("Changed by a coordinator"),
    "rejected": _l("Not recommended by a coordinator"),
}

ACTIVITY = {
    "workshop_series": _l("Workshop series"),
    "mapping_interview": _l("Mapping interview"),
    "deep_analysis": _l("Deep analysis"),
    "action_plan": _l("Action plan"),
    "consultant_support": _l("Consultant support"),
}


def init_app(app: Flask) -> None:
    app.jinja_env.globals.update(
        STATUS_LABELS=STATUS, KIND_LABELS=SUGGESTION_KIND, DECISION_LABELS=DECISION,
        ACTIVITY_LABELS=ACTIVITY,
    )
