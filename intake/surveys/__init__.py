"""The follow-up survey as versioned data (``v1.json``), checked on load.

A survey is a list of typed questions, not the questionnaire's areas (see docs/architecture.md,
"Surveys"). Answers stored under ``v1`` keep their meaning, so a changed survey is a new file.
Every fault of a broken file is listed at once, as for the questionnaire.
"""

from dataclasses import dataclass
from functools import cache

from intake.versioned_data import check_text, read_versioned

CURRENT_VERSION = "v1"
# What each type means: a rating 1-5, a 0-10 recommendation, one choice, several actions with
# an amount, a free text. The form registry (intake/survey/forms.py) has a field for each.
TYPES = ("rating", "recommend", "choice", "actions", "text")
RATING_RANGE = (1, 5)
RECOMMEND_RANGE = (0, 10)
FIT_KEYS = ("yes", "partly", "no")


class SurveyError(ValueError):
    """The survey file is missing or malformed; ``problems`` lists every fault."""

    def __init__(self, problems: list[str]):
        self.problems = list(problems)
        super().__init__("invalid survey:\n" + "\n".join(f"  {p}" for p in self.problems))


@dataclass(frozen=True)
class Option:
    key: str
    text: dict


@dataclass(frozen=True)
class Question:
    key: str
    type: str
    required: bool
    text: dict
    low: dict | None = None
    high: dict | None = None
    hint: dict | None = None
    amount: dict | None = None
    options: tuple[Option, ...] = ()
    limit: int = 2000


@dataclass(frozen=True)
class Survey:
    version: str
    title: dict
    intro: dict
    questions: tuple[Question, ...]

    def question(self, key: str) -> Question:
        for q in self.questions:
            if q.key == key:
                return q
        raise KeyError(f"survey {self.version} has no question {key!r}")


def _options(raw, where: str, problems: list[str]) -> tuple[Option, ...]:
    if not isinstance(raw, list) or not raw:
        problems.append(f"{where}: expected a non-empty list")
        return ()
    out = []
    for i, item in enumerate(raw):
        if not isinstance(item, dict) or not isinstance(item.get("key"), str):
            problems.append(f"{where}[{i}]: expected an object with a string 'key'")
            continue
        text = check_text(item.get("text"), f"{where}[{item['key']}].text", problems)
        out.append(Option(item["key"], text))
    keys = [o.key for o in out]
    for dup in sorted({k for k in keys if keys.count(k) > 1}):
        problems.append(f"{where}: option {dup!r} appears more than once")
    return tuple(out)


def _question(raw, index: int, problems: list[str]) -> Question | None:
    if not isinstance(raw, dict) or not isinstance(raw.get("key"), str):
        problems.append(f"questions[{index}]: expected an object with a string 'key'")
        return None
    key, kind = raw["key"], raw.get("type")
    where = f"questions[{key}]"
    if kind not in TYPES:
        problems.append(f"{where}.type: {kind!r} is not one of {', '.join(TYPES)}")
    if not isinstance(raw.get("required"), bool):
        problems.append(f"{where}.required: expected true or false")
    question = Question(key=key, type=kind, required=raw.get("required") is True,
                        text=check_text(raw.get("text"), f"{where}.text", problems))
    extra = {}
    if kind in ("rating", "recommend"):
        extra["low"] = check_text(raw.get("low"), f"{where}.low", problems)
        extra["high"] = check_text(raw.get("high"), f"{where}.high", problems)
    if kind in ("choice", "actions"):
        extra["options"] = _options(raw.get("options"), f"{where}.options", problems)
    if kind == "actions":
        extra["amount"] = check_text(raw.get("amount"), f"{where}.amount", problems)
    if "hint" in raw:
        extra["hint"] = check_text(raw.get("hint"), f"{where}.hint", problems)
    if kind == "text":
        limit = raw.get("limit", 2000)
        if not isinstance(limit, int) or isinstance(limit, bool) or not 1 <= limit <= 20000:
            problems.append(f"{where}.limit: expected a whole number 1-20000")
        else:
            extra["limit"] = limit
    return Question(**{**question.__dict__, **extra})


def from_dict(data: object) -> Survey:
    """Build a :class:`Survey` from parsed JSON, or raise :class:`SurveyError` with every fault.

    The matcher reads the "fit" question (yes / partly / no) and the reports read "rating",
    "recommend" and "actions" (with an "investment" option), so those must be present.
    """
    if not isinstance(data, dict):
        raise SurveyError(["top level: expected an object"])
    problems: list[str] = []
    version = data.get("version")
    if not isinstance(version, str) or not version:
        problems.append("version: missing")
    title = check_text(data.get("title"), "title", problems)
    intro = check_text(data.get("intro"), "intro", problems)
    raw = data.get("questions")
    if not isinstance(raw, list) or not raw:
        problems.append("questions: expected a non-empty list")
        raw = []
    questions = [q for q in (_question(r, i, problems) for i, r in enumerate(raw)) if q]
    keys = [q.key for q in questions]
    for dup in sorted({k for k in keys if keys.count(k) > 1}):
        problems.append(f"questions: question {dup!r} appears more than once")
    by_key = {q.key: q for q in questions}
    for needed, kind in (("rating", "rating"), ("recommend", "recommend"), ("fit", "choice"),
                         ("actions", "actions")):
        if needed not in by_key:
            problems.append(f"questions: the {needed!r} question ({kind}) is missing")
        elif by_key[needed].type != kind:
            problems.append(f"questions[{needed}].type: must be {kind!r}")
    if "fit" in by_key and tuple(o.key for o in by_key["fit"].options) != FIT_KEYS:
        problems.append(f"questions[fit].options: must be {', '.join(FIT_KEYS)}, in that order")
    if problems:
        raise SurveyError(problems)
    return Survey(version=version, title=title, intro=intro, questions=tuple(questions))


def load(version: str = CURRENT_VERSION) -> Survey:
    """The survey of ``version`` (e.g. "v1"), read and checked once per process."""
    return _load(version)


@cache
def _load(version: str) -> Survey:
    return read_versioned(__name__, version, from_dict, SurveyError, "survey")
