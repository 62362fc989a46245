"""The fitted matcher a process serves with, and how it keeps up without making anyone wait.

- A **decision** is added to the fitted matcher as one more feedback record before the next
  suggestion (`Matcher.add_feedback`): no refit, whatever the programme's history.
- A **booking** changes nothing here: fullness is read fresh at ranking time.
- A **catalogue change** calls for a full fit. With `MATCHER_REFIT = "background"` (the
  default), the process starts `python -m intake.matching_refit` beside itself and goes on
  serving with the matcher it has; the new one is saved once per host under `MATCHER_DIR`
  (joblib) and every process loads it memory-mapped, in a thread, as soon as it is there, so a
  catalogue change reaches every worker within about one fit's time, no request waits for the
  loading either, and a suggestion list is always made by one matcher. A process with no
  matcher at all yet leaves the intake pending (see `operations.suggesting`); the refit
  computes pending intakes when it is done.
- With `MATCHER_REFIT = "inline"` (tests, and a CLI command, which has no one waiting) the
  fit happens at once, in this process.
"""

import fcntl
import os
import subprocess
import sys
import threading
import time
from dataclasses import dataclass
from pathlib import Path

from flask import current_app

from intake import matching_bridge
from matching import Matcher

REFIT_LOCK = "refit.lock"
SPAWN_INTERVAL_SECONDS = 30  # a process starts another refit for one state at most this often
KEEP_FILES = 3
REFIT_STATEMENT_TIMEOUT = 600  # seconds


@dataclass
class Fitted:
    matcher: Matcher
    version: int
    changed_at: object
    feedback_seq: int  # the decisions it has taken in, fitted or added since
    file_seq: int = 0  # the decisions the saved file it came from was fitted on


class NoMatcherYet(RuntimeError):
    """No fitted matcher for the catalogue yet; one is being fitted in the background."""


_lock = threading.Lock()
_current: dict[str, Fitted] = {}  # database URL -> what this process serves with
_spawned: dict[str, tuple[tuple, float]] = {}  # database URL -> (state, when)
_loading: dict[str, tuple] = {}  # database URL -> the state being loaded in a thread
full_fits = 0  # in this process: what a test reads to prove that a decision caused none


def matcher_now(inline: bool | None = None) -> Fitted:
    """The matcher to suggest with now, with every decision so far added to it.

    Raises NoMatcherYet when there is none for any catalogue version yet and the fit runs in
    the background. `inline` overrides MATCHER_REFIT (the CLI passes True).
    """
    config = current_app.config
    inline = config.get("MATCHER_REFIT", "background") == "inline" if inline is None else inline
    directory = config.get("MATCHER_DIR")
    key = config["SQLALCHEMY_DATABASE_URI"]
    state = matching_bridge.state()
    with _lock:
        fitted = _current.get(key)
        if fitted is None or (fitted.version, fitted.changed_at) != (state.version,
                                                                      state.changed_at):
            if fitted is not None and not inline and directory:
                # Serve with the matcher we have; the new one is loaded (or first fitted)
                # beside this request, and swapped in once it is ready.
                if _saved(directory, state):
                    _start_loading(key, directory, state)
                else:
                    _start_refit(key, directory, state)
            else:
                fresh = _load_saved(directory, state)
                if fresh is None and (inline or not directory):
                    fresh = fit_and_save(directory, state)
                if fresh is not None:
                    fitted = _current[key] = fresh
                else:
                    _start_refit(key, directory, state)
        if fitted is None:
            raise NoMatcherYet("The matcher for this catalogue is being fitted.")
        if state.feedback_seq > fitted.feedback_seq:
            records, last = matching_bridge.feedback_records(after_seq=fitted.feedback_seq)
            fitted.matcher.add_feedback(records)
            fitted.feedback_seq = max(last, state.feedback_seq)
        if (not inline and directory and fitted.version == state.version
                and state.feedback_seq - fitted.file_seq > _lag()):
            _start_refit(key, directory, state)  # so that a starting process catches up fast
        return fitted


def _lag() -> int:
    """Decisions a saved matcher may lag behind before it is fitted again in the background
    (MATCHER_FEEDBACK_LAG): a process that starts adds at most about this many at first."""
    return int(current_app.config.get("MATCHER_FEEDBACK_LAG", 200))


def fit_and_save(directory: str | None, state: matching_bridge.State) -> Fitted:
    """Fit on the catalogue and every decision so far; save it under `directory` if given."""
    global full_fits
    catalogue = matching_bridge.load_catalogue()
    matcher = Matcher().fit(catalogue["workshop_series"], catalogue["coaches"],
                            catalogue["cases"], feedback=matching_bridge.load_feedback())
    full_fits += 1
    fitted = Fitted(matcher, state.version, state.changed_at, state.feedback_seq,
                    state.feedback_seq)
    if directory:
        path = _path(directory, state)
        path.parent.mkdir(parents=True, exist_ok=True)
        temporary = path.with_suffix(f".{os.getpid()}.tmp")
        matcher.save(temporary)
        temporary.replace(path)  # whole or not at all, for the processes that load it
        _forget_old(path.parent, keep=path)
    return fitted


def _path(directory: str, state: matching_bridge.State) -> Path:
    stamp = int(state.changed_at.timestamp() * 1000) if state.changed_at else 0
    return Path(directory) / (f"matcher-v{state.version}-{stamp}-f{state.feedback_seq}"
                              ".joblib")


def _saved(directory: str, state: matching_bridge.State) -> list[Path]:
    """Files fitted on this catalogue state, most feedback first."""
    if not Path(directory).is_dir():
        return []
    prefix = _path(directory, state).name.rsplit("-f", 1)[0] + "-f"
    found = [p for p in Path(directory).glob(prefix + "*.joblib")]

    def seq(path: Path) -> int:
        try:
            return int(path.stem.rsplit("-f", 1)[1])
        except ValueError:
            return -1

    return sorted(found, key=seq, reverse=True)


def _load_saved(directory: str | None, state: matching_bridge.State,
                logger=None) -> Fitted | None:
    if not directory or not Path(directory).is_dir():
        return None
    for path in _saved(directory, state):
        try:
            matcher = Matcher.load(path, mmap=True)
        except Exception:  # a foreign or damaged file: the next one, or a refit
            (logger or current_app.logger).warning("Could not load the matcher %s", path)
            continue
        seq = int(path.stem.rsplit("-f", 1)[1])
        return Fitted(matcher, state.version, state.changed_at, seq, seq)
    return None


def _start_loading(key: str, directory: str, state: matching_bridge.State) -> None:
    """Load the saved matcher for `state` in a thread of its own, then serve with it: reading
    a large one (its vocabularies are not memory-mapped) takes long enough to be felt."""
    ident = (state.version, state.changed_at)
    if _loading.get(key) == ident:
        return
    _loading[key] = ident
    logger = current_app.logger

    def load() -> None:
        try:
            fresh = _load_saved(directory, state, logger)
        finally:
            with _lock:
                _loading.pop(key, None)
        if fresh is not None:
            with _lock:
                current = _current.get(key)
                if current is None or (current.version, current.changed_at) != ident:
                    _current[key] = fresh

    threading.Thread(target=load, name="matcher-load", daemon=True).start()


def _forget_old(directory: Path, keep: Path) -> None:
    files = sorted(directory.glob("matcher-*.joblib"), key=lambda p: p.stat().st_mtime)
    for path in files[:-KEEP_FILES]:
        if path != keep:
            path.unlink(missing_ok=True)


def refit_running(directory: str) -> bool:
    """True while some process on this host holds the refit lock."""
    path = Path(directory) / REFIT_LOCK
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "a") as handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            return True
        fcntl.flock(handle, fcntl.LOCK_UN)
        return False


def _start_refit(key: str, directory: str, state: matching_bridge.State) -> None:
    """Start a refit beside this process, unless one runs or this one started one lately."""
    now = time.monotonic()
    ident = (state.version, state.changed_at, state.feedback_seq // max(_lag(), 1))
    last = _spawned.get(key)
    if last is not None and last[0] == ident and now - last[1] < SPAWN_INTERVAL_SECONDS:
        return
    if refit_running(directory):
        return
    _spawned[key] = (ident, now)
    # A batch job reading the whole catalogue: the web's statement timeout is not for it.
    env = {**os.environ, "DATABASE_URL": key, "MATCHER_DIR": str(directory),
           "MATCHER_FEEDBACK_LAG": str(_lag()),
           "DB_STATEMENT_TIMEOUT": str(REFIT_STATEMENT_TIMEOUT)}
    process = subprocess.Popen([sys.executable, "-m", "intake.matching_refit"], env=env,
                               stdin=subprocess.DEVNULL, start_new_session=True)
    threading.Thread(target=process.wait, daemon=True).start()  # reaped when it ends
    current_app.logger.info("Started a background refit for catalogue version %s",
                            state.version)


def refit(directory: str) -> Fitted | None:
    """Fit for the catalogue as it is now and save it, unless another process on this host is
    doing so (then None). What a background refit and `flask matching refit` run."""
    path = Path(directory) / REFIT_LOCK
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "a") as handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            return None
        state = matching_bridge.state()
        fitted = _load_saved(directory, state)
        if fitted is None or state.feedback_seq - fitted.file_seq > _lag():
            fitted = fit_and_save(directory, state)
        with _lock:
            _current[current_app.config["SQLALCHEMY_DATABASE_URI"]] = fitted
        return fitted


def warm_up(app) -> None:
    """Load (or start fitting) the matcher before a process serves: gunicorn calls this in
    each worker before it accepts requests (`intake.serving.gunicorn`), so no submission pays
    for reading the saved matcher and the decisions taken since it was saved."""
    from intake.extensions import db

    with app.app_context():
        try:
            matcher_now()
        except NoMatcherYet:
            app.logger.info("No fitted matcher yet; a refit has been started")
        finally:
            db.session.remove()


def forget() -> None:
    """Drop every matcher this process holds (tests, and after a restore)."""
    with _lock:
        _current.clear()
        _spawned.clear()
        _loading.clear()
