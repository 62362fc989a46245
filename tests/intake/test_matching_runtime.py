"""No request waits for a refit: decisions are added to the fitted matcher one at a time, and a
catalogue change is fitted by a process of its own while the old matcher keeps serving."""

import time

import pytest
from sqlalchemy import select

from intake import matching_bridge, matching_runtime
from intake.extensions import db
from intake.models import Intake, IntakeStatus, Suggestion, WorkshopSeries
from intake.operations import review
from intake.operations.questionnaire import questionnaire_for, save_area, submit_intake

REQUIRED = ("digitalisation", "automation", "productivity", "business_model")


def submit(company) -> Intake:
    intake = company.current_intake
    for area in REQUIRED:
        keys = [s.key for s in questionnaire_for(intake).area(area).statements]
        save_area(intake, area, dict.fromkeys(keys, 2), 4, "Svetsrobot och ställtider.")
    submit_intake(intake)
    db.session.commit()
    return intake


def test_a_decision_followed_by_a_submission_does_no_full_fit(company_factory, catalogue,
                                                              coordinator):
    first = submit(company_factory.create(name="Först AB"))
    fits = matching_runtime.full_fits
    suggestion = next(s for s in first.suggestions if s.kind == "workshop_series")
    review.decide(suggestion, coordinator, "rejected", "Fel inriktning för dem.")
    db.session.commit()

    second = submit(company_factory.create(name="Sedan AB"))
    assert len(second.suggestions) == 9
    assert matching_runtime.full_fits == fits  # the decision was added, not fitted
    served = matching_runtime.matcher_now()
    assert served.feedback_seq == suggestion.feedback_seq
    history = served.matcher.catalogue_.history
    assert history.n_feedback >= 1


def test_a_revised_decision_replaces_what_the_matcher_learned(company_factory, catalogue,
                                                              coordinator):
    intake = submit(company_factory.create())
    suggestion = next(s for s in intake.suggestions if s.kind == "workshop_series")
    for decision, reason in (("accepted", ""), ("rejected", "Ändrade oss."),
                             ("accepted", "")):
        review.decide(suggestion, coordinator, decision, reason)
        db.session.commit()
        matching_runtime.matcher_now()
    history = matching_runtime.matcher_now().matcher.catalogue_.history
    live = history.labels["series"][history.n_cases:] >= 0
    assert int(live.sum()) == 1  # three decisions on one suggestion: one record in force


@pytest.fixture
def background(app, tmp_path, monkeypatch):
    """The app as production runs it: refits in a process of their own, saved under a folder
    that every process loads from."""
    app.config.update(MATCHER_REFIT="background", MATCHER_DIR=str(tmp_path / "matcher"))
    # The refit process reads its configuration from the environment, as in production.
    monkeypatch.setenv("SECRET_KEY", "test-secret-for-the-refit-process")
    matching_runtime.forget()
    yield app
    matching_runtime.forget()


def wait_for_version(version: int, seconds: float = 90.0) -> matching_runtime.Fitted:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        db.session.expire_all()
        try:
            fitted = matching_runtime.matcher_now()
        except matching_runtime.NoMatcherYet:
            fitted = None
        if fitted is not None and fitted.version == version:
            return fitted
        time.sleep(0.5)
    raise AssertionError(f"no matcher for catalogue version {version} within {seconds} s")


def test_a_catalogue_change_is_fitted_beside_the_serving_process(background, company_factory,
                                                                 catalogue):
    # Nothing fitted yet: the submission is kept and waits, and a refit starts beside us.
    intake = submit(company_factory.create(name="Tidig AB"))
    assert intake.suggestions_pending and not intake.suggestions
    version = matching_bridge.catalogue_version()
    old = wait_for_version(version)
    # The refit process computed the waiting intake once it had the matcher.
    db.session.expire_all()
    intake = db.session.get(Intake, intake.id)
    assert not intake.suggestions_pending and len(intake.suggestions) == 9
    fits = matching_runtime.full_fits

    # A coordinator retires the series suggested first: the catalogue changes.
    top = next(s.code for s in intake.suggestions if s.kind == "workshop_series" and s.rank == 1)
    series = db.session.scalar(select(WorkshopSeries).where(WorkshopSeries.code == top))
    series.retired_at = series.created_at
    matching_bridge.catalogue_changed()
    db.session.commit()

    # The old matcher serves while the new one is fitted elsewhere; nobody waits.
    started = time.monotonic()
    serving = matching_runtime.matcher_now()
    assert time.monotonic() - started < 5
    assert serving.matcher is old.matcher and serving.version == version

    new = wait_for_version(version + 1)
    assert new.matcher is not old.matcher
    assert matching_runtime.full_fits == fits  # this process fitted nothing itself
    later = submit(company_factory.create(name="Senare AB"))
    codes = {s.code for s in later.suggestions if s.kind == "workshop_series"}
    assert top not in codes and len(codes) == 3
    assert {s.catalogue_version for s in later.suggestions} == {version + 1}


def test_the_refit_command_saves_a_matcher_that_another_process_loads(background, runner,
                                                                      catalogue):
    result = runner.invoke(args=["matching", "refit"])
    assert result.exit_code == 0 and "Matcher fitted" in result.output, result.output
    matching_runtime.forget()  # as a freshly started worker
    fits = matching_runtime.full_fits
    fitted = matching_runtime.matcher_now()
    assert matching_runtime.full_fits == fits  # loaded from the file, not fitted
    assert fitted.version == matching_bridge.catalogue_version()
    assert type(fitted.matcher.catalogue_.history.case_matrix.data).__name__ == "memmap"


def test_stored_suggestions_say_which_catalogue_made_them(company_factory, catalogue):
    intake = submit(company_factory.create())
    versions = set(db.session.scalars(select(Suggestion.catalogue_version)
                                      .where(Suggestion.intake_id == intake.id)))
    assert versions == {matching_bridge.catalogue_version()}
    assert intake.status == IntakeStatus.SUBMITTED


def test_a_saved_matcher_far_behind_the_decisions_is_fitted_again_and_warms_a_new_worker(
        background, runner, company_factory, catalogue, coordinator, monkeypatch):
    background.config["MATCHER_FEEDBACK_LAG"] = 2
    monkeypatch.setenv("MATCHER_FEEDBACK_LAG", "2")  # for the refit process, too
    assert runner.invoke(args=["matching", "refit"]).exit_code == 0
    intakes = [submit(company_factory.create(name=f"Tidig {n} AB")) for n in range(2)]
    for intake in intakes:
        for suggestion in intake.suggestions:
            if suggestion.kind == "workshop_series":
                review.decide(suggestion, coordinator, "accepted", "")
    db.session.commit()
    decided = matching_bridge.state().feedback_seq
    assert decided > 2

    matching_runtime.matcher_now()  # adds the decisions, and starts a refit: it is far behind
    deadline = time.monotonic() + 90
    while time.monotonic() < deadline:
        saved = matching_runtime._saved(background.config["MATCHER_DIR"],
                                         matching_bridge.state())
        if saved and saved[0].stem.endswith(f"-f{decided}"):
            break
        time.sleep(0.5)
    else:
        raise AssertionError("no matcher fitted on the decisions was saved")

    matching_runtime.forget()  # a new worker starts
    fits = matching_runtime.full_fits
    matching_runtime.warm_up(background)
    served = matching_runtime.matcher_now()
    assert served.file_seq == decided and served.feedback_seq == decided
    assert matching_runtime.full_fits == fits


@pytest.mark.parametrize("value, expected", [(None, 10), ("19", 19), ("40", 19), ("-5", 0),
                                             ("fast", 10)])
def test_the_background_refit_runs_at_the_configured_priority(monkeypatch, value, expected):
    from intake.matching_refit import niceness

    if value is None:
        monkeypatch.delenv("MATCHER_REFIT_NICE", raising=False)
    else:
        monkeypatch.setenv("MATCHER_REFIT_NICE", value)
    assert niceness() == expected
