"""Computing an intake's suggestions without ever losing its submission.

A company's submitted answers are worth more than the suggestions computed from them: if the
matcher fails for one intake (a row it cannot read, an error in the model), the submission is
kept, the intake is marked `suggestions_pending`, and `flask matching recompute-pending` (safe
from cron, and with two runs at once) computes them later.
"""

from flask import current_app
from sqlalchemy import select, text
from sqlalchemy.exc import OperationalError

from intake import matching_bridge, matching_runtime
from intake.extensions import db
from intake.models import Intake, IntakeStatus


def suggest_or_defer(intake: Intake) -> bool:
    """Store fresh suggestions for a submitted intake; on failure mark it pending. True if done.

    The suggestions are written in a savepoint, so that a failure halfway leaves none behind.
    A lost database connection is not the matcher's fault and is raised as it is.
    """
    try:
        fitted = matching_runtime.matcher_now()
        with db.session.begin_nested():
            matching_bridge.store_suggestions(intake, fitted.matcher, fitted.version)
    except OperationalError:
        raise
    except matching_runtime.NoMatcherYet:
        current_app.logger.info("No fitted matcher yet; intake %s is pending", intake.id)
        intake.suggestions_pending = True
        db.session.flush()
        return False
    except Exception:
        current_app.logger.exception("Suggesting failed for intake %s; marked pending", intake.id)
        intake.suggestions_pending = True
        db.session.flush()
        return False
    intake.suggestions_pending = False
    db.session.flush()
    return True


def claim_pending(after_id: int = 0) -> Intake | None:
    """The next submitted intake waiting for suggestions (id above `after_id`), locked.

    On PostgreSQL the row is claimed with SKIP LOCKED until the caller commits, so a second run
    at the same moment takes another one instead of computing the same one twice.
    """
    query = (select(Intake).where(Intake.suggestions_pending.is_(True),
                                  Intake.status != IntakeStatus.DRAFT, Intake.id > after_id)
             .order_by(Intake.id).limit(1))
    if db.session.get_bind().dialect.name == "sqlite":
        # No row locks: take the database's write lock first, so a second run waits until
        # this one commits and then no longer sees the intake as pending.
        db.session.execute(text("UPDATE intakes SET id = id WHERE suggestions_pending"))
    else:
        query = query.with_for_update(skip_locked=True)
    return db.session.scalar(query)


def recompute_pending(limit: int) -> tuple[int, int]:
    """Compute pending intakes' suggestions, each claimed and committed on its own.

    One that fails again stays pending without holding up the rest. Returns (computed, still
    pending). Commits: this is the whole of a cron run, not part of a request.
    """
    done = failed = 0
    last_id = 0
    while done + failed < limit:
        intake = claim_pending(after_id=last_id)
        if intake is None:
            break
        last_id = intake.id
        if suggest_or_defer(intake):
            done += 1
        else:
            failed += 1
        db.session.commit()
    db.session.commit()  # the claim's lock, when nothing was left
    return done, failed
