"""A coordinator's saved inbox views: a name for the filters, sort and columns of the inbox.

Each coordinator has their own; saving under a name they already use replaces that view. The
query is stored as the view checked it (only valid filters), and checked again when used.
"""

from flask_babel import lazy_gettext as _l
from sqlalchemy import func, select

from intake.extensions import db
from intake.models import SavedView, User

MAX_VIEWS = 50


class SavedViewError(ValueError):
    def __init__(self, message):
        super().__init__(str(message))
        self.message = message


def views_of(user: User) -> list[SavedView]:
    return list(db.session.scalars(select(SavedView).where(SavedView.user_id == user.id)
                                   .order_by(func.lower(SavedView.name), SavedView.id)))


def view_of(user: User, view_id: int) -> SavedView | None:
    """The view if it is this coordinator's (someone else's is None: a 404)."""
    view = db.session.get(SavedView, view_id)
    return view if view is not None and view.user_id == user.id else None


def save_view(user: User, name: str, query: dict) -> SavedView:
    name = " ".join((name or "").split())
    view = db.session.scalar(select(SavedView).where(SavedView.user_id == user.id,
                                                     SavedView.name == name))
    if view is None:
        if len(views_of(user)) >= MAX_VIEWS:
            raise SavedViewError(_l("You have %(max)d saved views: delete one first.",
                                    max=MAX_VIEWS))
        view = SavedView(user_id=user.id, name=name)
        db.session.add(view)
    view.query = dict(query)
    db.session.flush()
    return view


def delete_view(view: SavedView) -> None:
    db.session.delete(view)
    db.session.flush()
