"""A submission is never lost to the matcher: scores are kept on submit, a failure leaves the
intake pending with its answers, and `matching recompute-pending` fills the suggestions in."""

import contextlib
import threading

import pytest
from sqlalchemy import select

from intake import matching_bridge
from intake.extensions import db
from intake.models import Decision, Intake, IntakeStatus, Suggestion
from intake.operations import suggesting
from intake.operations.questionnaire import questionnaire_for, save_area, submit_intake
from intake.questionnaire.scoring import derive_area_scores
from matching import Matcher
from tests.intake.helpers import answer_required_areas, logged_in


def submit_through_the_pages(client, company):
    logged_in(client, company)
    answer_required_areas(client)
    response = client.post("/company/questionnaire/submit")
    assert response.status_code == 302
    db.session.expire_all()
    return company.current_intake


def test_the_stored_scores_are_what_the_questionnaire_computes(client, company_factory,
                                                              catalogue):
    intake = submit_through_the_pages(client, company_factory.create())
    raw = {a.area: {"levels": a.levels, "priority": a.priority, "text": a.text}
           for a in intake.answers}
    assert intake.area_scores == derive_area_scores(questionnaire_for(intake), raw)
    assert set(intake.area_scores) == {"digitalisation", "automation", "productivity",
                                       "business_model"}
    assert intake.suggestions_pending is False


def test_a_raising_matcher_keeps_the_submission_and_marks_it_pending(
        app, client, company_factory, catalogue, monkeypatch, runner):
    def broken(self, *args, **kwargs):
        raise RuntimeError("the matcher broke")

    with monkeypatch.context() as patch:
        patch.setattr(Matcher, "suggest", broken)
        intake = submit_through_the_pages(client, company_factory.create(name="Kvar AB"))
        assert intake.status == IntakeStatus.SUBMITTED
        assert intake.suggestions == [] and intake.suggestions_pending is True
        assert intake.area_scores  # the answers and their scores are kept
        page = client.get("/company/").get_data(as_text=True)
        assert "on their way" in page or "på väg" in page

        still_broken = runner.invoke(args=["matching", "recompute-pending"])
        assert still_broken.exit_code == 0 and "0 computed, 1 still pending" in still_broken.output

    result = runner.invoke(args=["matching", "recompute-pending"])
    assert result.exit_code == 0 and "1 computed, 0 still pending" in result.output
    db.session.expire_all()
    intake = db.session.get(Intake, intake.id)
    assert intake.suggestions_pending is False
    assert {s.kind for s in intake.suggestions} == {"workshop_series", "coach", "case"}
    again = runner.invoke(args=["matching", "recompute-pending"])
    assert "0 computed, 0 still pending" in again.output


def test_the_inbox_marks_a_pending_intake(app, client, company_factory, catalogue, monkeypatch,
                                          staff_client):
    monkeypatch.setattr(Matcher, "suggest", lambda *a, **k: 1 / 0)
    company = company_factory.create(name="Väntar AB")
    intake = company.current_intake
    for area in ("digitalisation", "automation", "productivity", "business_model"):
        statements = [s.key for s in questionnaire_for(intake).area(area).statements]
        save_area(intake, area, dict.fromkeys(statements, 2), 4, "Text.")
    submit_intake(intake)
    db.session.commit()
    staff_client.environ_base["HTTP_ACCEPT_LANGUAGE"] = "en"
    inbox = staff_client.get("/coordinator/").get_data(as_text=True)
    assert "Väntar AB" in inbox and "suggestions pending" in inbox


@pytest.mark.parametrize("scores", [None, "not scores"])
def test_a_broken_decided_intake_in_the_feedback_blocks_no_one(client, company_factory,
                                                               catalogue, scores):
    first = submit_through_the_pages(client, company_factory.create(name="Först AB"))
    suggestion = next(s for s in first.suggestions if s.kind == "workshop_series")
    suggestion.decision = Decision.ACCEPTED
    # An intake whose questionnaire version is gone and whose scores were never kept.
    first.questionnaire_version = "v99"
    first.area_scores = scores
    matching_bridge.catalogue_changed()  # the next submission fits on all the feedback
    db.session.commit()
    assert matching_bridge.load_feedback() == []

    client.get("/logout")
    second = submit_through_the_pages(client.application.test_client(),
                                      company_factory.create(name="Sedan AB"))
    assert second.status == IntakeStatus.SUBMITTED and not second.suggestions_pending
    assert len(second.suggestions) == 9


def test_feedback_is_read_in_one_query_with_the_stored_scores(client, company_factory,
                                                              catalogue):
    intake = submit_through_the_pages(client, company_factory.create(county="22"))
    for s in intake.suggestions:
        if s.kind != "case":
            s.decision = Decision.ACCEPTED
    db.session.commit()
    feedback = matching_bridge.load_feedback()
    assert len(feedback) == 6
    assert all(record["answers"] == intake.area_scores for record in feedback)
    assert {r["company"]["county"] for r in feedback} == {"22"}
    decided = db.session.scalars(select(Suggestion).where(Suggestion.decision.is_not(None)))
    assert {r.get("workshop_series") or r.get("coach") for r in feedback} == {
        s.code for s in decided}


def test_two_runs_at_once_compute_each_pending_intake_once(app, company_factory, catalogue,
                                                           monkeypatch):
    """Each run in a thread of its own, as two cron jobs on two hosts; each computation is held
    open until the other run has had the chance to claim, so a missing claim would show."""
    ids = []
    for name in ("Ett AB", "Två AB", "Tre AB"):
        intake = company_factory.create(name=name).current_intake
        intake.status = IntakeStatus.SUBMITTED
        intake.suggestions_pending = True
        db.session.commit()
        ids.append(intake.id)
    computed: list[int] = []
    both_started = threading.Barrier(2)
    original = matching_bridge.store_suggestions

    def slow_store(intake, *args):
        computed.append(intake.id)
        with contextlib.suppress(threading.BrokenBarrierError):
            both_started.wait(timeout=1.0)
        return original(intake, *args)

    monkeypatch.setattr(matching_bridge, "store_suggestions", slow_store)

    def run():
        with app.app_context():
            try:
                suggesting.recompute_pending(limit=10)
            finally:
                db.session.remove()

    threads = [threading.Thread(target=run) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert sorted(computed) == ids  # every intake once: none twice, none left out
    db.session.expire_all()
    assert not db.session.scalar(select(Intake.id).where(Intake.suggestions_pending.is_(True)))
