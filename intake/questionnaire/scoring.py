"""From the answers a company gives in the form to the per-area scores the matcher reads.

The form asks, per area, where the company stands on each statement (level 1-5), how urgent
the area is (priority 1-5) and a free text. The interchange format and the matcher need one
maturity per area, so the statement levels are summarised here, in one place, by one rule.
"""

from . import Questionnaire

__all__ = ["NEUTRAL", "derive_area_scores"]

# Used for the half of an area the company left blank (levels or priority, not both):
# the middle of the scale pulls a match neither way.
NEUTRAL = 3


def _level(value: object, where: str) -> int | None:
    if value is None:
        return None
    # bool is an int in Python; True must not pass for level 1.
    if isinstance(value, bool) or not isinstance(value, int) or not 1 <= value <= 5:
        raise ValueError(f"{where}: expected an integer 1-5 or None, got {value!r}")
    return value


def _round_half_up_mean(values: list[int]) -> int:
    # Exact integer arithmetic: floor(sum/n + 1/2). round() would round 2.5 to 2 (banker's).
    return (2 * sum(values) + len(values)) // (2 * len(values))


def derive_area_scores(questionnaire: Questionnaire, area_answers: dict) -> dict:
    """Summarise form answers into the interchange ``answers`` dict.

    ``area_answers`` is ``{area_key: {"levels": {statement_key: 1-5 or None},
    "priority": 1-5 or None, "text": str}}``; every part may be missing.

    The rule, per area, in the questionnaire's area order:

    - ``maturity`` is the mean of the answered statement levels, rounded half up
      (levels 2 and 3 give 3; 1, 2, 2 give 2). Unanswered (None or missing) statements are
      skipped rather than counted as 1, because "not answered" is not "nothing in place".
    - ``priority`` is the answer as given.
    - An area with no answered statement and no priority is left out.
    - If only one of the two is missing, it is set to :data:`NEUTRAL` (3), the middle of the
      scale, so the area still counts without pulling the match either way.
    - ``text`` is the free text stripped of surrounding whitespace ("" when missing).

    Raises ValueError for an area or statement the questionnaire does not have, or a level or
    priority that is not an integer 1-5: those are programming errors, not user input.
    """
    known = {a.key: a for a in questionnaire.areas}
    for key in area_answers:
        if key not in known:
            raise ValueError(f"{key!r} is not an area of questionnaire {questionnaire.version}")
    result: dict[str, dict] = {}
    for area in questionnaire.areas:
        answer = area_answers.get(area.key)
        if not answer:
            continue
        statement_keys = {s.key for s in area.statements}
        levels = []
        for skey, value in (answer.get("levels") or {}).items():
            if skey not in statement_keys:
                raise ValueError(f"{area.key}.{skey!r} is not a statement of this area")
            level = _level(value, f"{area.key}.levels.{skey}")
            if level is not None:
                levels.append(level)
        priority = _level(answer.get("priority"), f"{area.key}.priority")
        if not levels and priority is None:
            continue
        free_text = answer.get("text") or ""
        if not isinstance(free_text, str):
            raise ValueError(f"{area.key}.text: expected a string")
        result[area.key] = {
            "maturity": _round_half_up_mean(levels) if levels else NEUTRAL,
            "priority": priority if priority is not None else NEUTRAL,
            "text": free_text.strip(),
        }
    return result
