"""`python -m intake.matching_refit`: the background refit a web process starts after a
catalogue change (see `matching_runtime`). It fits once for the catalogue as it is now, saves
the matcher for every process on this host to load, then computes the suggestions of intakes
that were submitted while there was none. Configured from the environment, as the app is.

It runs at a lower CPU priority than the web workers (`MATCHER_REFIT_NICE`, default 10): on a
small host a fit of 100,000 cases takes a core for half a minute, and the requests it shares
the host with must come first. Higher (up to 19) keeps busy workers faster and makes a
catalogue change take longer to reach them."""

import os

from intake import create_app, matching_runtime
from intake.extensions import db
from intake.operations import suggesting


def niceness() -> int:
    """MATCHER_REFIT_NICE as a niceness from 0 to 19 (10 when unset or not a number)."""
    try:
        return min(max(int(os.environ.get("MATCHER_REFIT_NICE", "10")), 0), 19)
    except ValueError:
        return 10


def main() -> None:
    os.nice(niceness())
    app = create_app()
    with app.app_context():
        fitted = matching_runtime.refit(app.config["MATCHER_DIR"])
        if fitted is not None:
            done, failed = suggesting.recompute_pending(limit=100_000)
            app.logger.info("Refit for catalogue version %s; %d pending intakes computed, "
                            "%d still pending", fitted.version, done, failed)
        db.session.remove()


if __name__ == "__main__":
    main()
