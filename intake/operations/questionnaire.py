"""Filling in the needs questionnaire: saving a step as a draft, checking it, submitting it."""

from intake.clock import utcnow
from intake.extensions import db
from intake.models import AreaAnswer, Intake, IntakeStatus
from intake.operations.suggesting import suggest_or_defer
from intake.questionnaire import Questionnaire, load
from intake.questionnaire.scoring import derive_area_scores
from matching import need


class IntakeLocked(Exception):
    """The questionnaire has been submitted; answers can no longer change."""


class IncompleteIntake(Exception):
    """Submit was asked for while answers are missing: `missing` says which, per area."""

    def __init__(self, missing: dict[str, list[str]]):
        super().__init__(missing)
        self.missing = missing


def questionnaire_for(intake: Intake) -> Questionnaire:
    """The version the intake was started under, so old answers keep their meaning."""
    return load(intake.questionnaire_version)


def save_area(intake: Intake, area_key: str, levels: dict[str, int], priority: int | None,
              text: str) -> AreaAnswer:
    """Store one step's answers as they are, complete or not: a draft loses nothing."""
    if intake.status != IntakeStatus.DRAFT:
        raise IntakeLocked
    area = questionnaire_for(intake).area(area_key)
    known = {s.key for s in area.statements}
    answer = intake.answer_for(area_key)
    if answer is None:
        answer = AreaAnswer(area=area_key)
        intake.answers.append(answer)
    answer.levels = {k: int(v) for k, v in levels.items() if k in known and v is not None}
    answer.priority = priority
    answer.text = (text or "").strip()
    intake.updated_at = utcnow()
    db.session.flush()
    return answer


def _started(answer: AreaAnswer | None) -> bool:
    return answer is not None and bool(answer.levels or answer.priority or answer.text)


def missing_answers(intake: Intake) -> dict[str, list[str]]:
    """Per area, the statement keys (and "priority") still unanswered.

    Required areas must be complete; an optional area counts once it is started, and must then
    be complete too.
    """
    missing: dict[str, list[str]] = {}
    for area in questionnaire_for(intake).areas:
        answer = intake.answer_for(area.key)
        if not area.required and not _started(answer):
            continue
        levels = answer.levels if answer else {}
        gaps = [s.key for s in area.statements if s.key not in levels]
        if answer is None or answer.priority is None:
            gaps.append("priority")
        if gaps:
            missing[area.key] = gaps
    return missing


def area_progress(intake: Intake) -> dict[str, str]:
    """Per area: "complete" (every statement and the urgency answered), "started" or "empty".

    The step menu shows it, to the eye and to a screen reader alike.
    """
    progress = {}
    for area in questionnaire_for(intake).areas:
        answer = intake.answer_for(area.key)
        if not _started(answer):
            progress[area.key] = "empty"
        elif answer.priority is not None and all(s.key in answer.levels
                                                 for s in area.statements):
            progress[area.key] = "complete"
        else:
            progress[area.key] = "started"
    return progress


def area_scores(intake: Intake) -> dict:
    """The interchange `answers`: maturity, priority and text per answered area.

    A submitted intake's were computed once, on submit, and are read from it; a draft's are
    computed from its answers as they are now.
    """
    if intake.area_scores is not None:
        return intake.area_scores
    raw = {
        a.area: {"levels": a.levels, "priority": a.priority, "text": a.text}
        for a in intake.answers
    }
    return derive_area_scores(questionnaire_for(intake), raw)


def main_need(scores: dict) -> str | None:
    """The area of greatest need, by matching's one definition of need (`matching.need`)."""
    if not scores:
        return None
    return max(scores, key=lambda k: need(scores[k]["maturity"], scores[k]["priority"]))


def submit_intake(intake: Intake) -> Intake:
    """Lock the answers and keep their scores, then suggest at once.

    The submission stands even when suggesting fails: the intake is then marked pending
    (`suggesting.suggest_or_defer`), and the company is told its suggestions are on their way.
    """
    if intake.status != IntakeStatus.DRAFT:
        raise IntakeLocked
    missing = missing_answers(intake)
    if missing:
        raise IncompleteIntake(missing)
    scores = area_scores(intake)
    intake.status = IntakeStatus.SUBMITTED
    intake.submitted_at = utcnow()
    intake.area_scores = scores
    intake.main_need_area = main_need(scores)
    db.session.flush()
    suggest_or_defer(intake)
    return intake
