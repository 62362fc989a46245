"""Health checks for a load balancer and for systemd: alive, and ready to serve.

`/healthz` answers while the process runs, and touches nothing. `/readyz` answers 200 only when
the database answers `SELECT 1` within READY_TIMEOUT seconds; the check runs in a thread of its
own so that a hung database cannot hold the probe longer than that.
"""

import contextlib
import threading

from flask import Blueprint, current_app
from sqlalchemy import text

from intake.extensions import db

bp = Blueprint("health", __name__)


def database_answers(app, timeout: float) -> bool:
    outcome: list[bool] = []

    def check():
        with app.app_context():
            try:
                db.session.execute(text("SELECT 1"))
                outcome.append(True)
            except Exception:
                outcome.append(False)
            finally:
                with contextlib.suppress(Exception):  # a broken connection is discarded
                    db.session.remove()

    worker = threading.Thread(target=check, name="readyz", daemon=True)
    worker.start()
    worker.join(timeout)
    return outcome == [True]


@bp.route("/healthz")
def healthz():
    return {"status": "ok"}, 200, {"Cache-Control": "no-store"}


@bp.route("/readyz")
def readyz():
    app = current_app._get_current_object()
    if database_answers(app, float(app.config["READY_TIMEOUT"])):
        return {"status": "ready"}, 200, {"Cache-Control": "no-store"}
    return {"status": "database unavailable"}, 503, {"Cache-Control": "no-store"}


def init_app(app) -> None:
    app.register_blueprint(bp)
