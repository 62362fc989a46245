"""The needs questionnaire as versioned data, and a small read-only model of it.

The texts live in ``v1.json`` (Swedish and English) so that wording can change without code,
and a new version can be added next to the old one: answers stored under ``v1`` must keep their
meaning. The file is checked on load, so a broken edit fails at start-up with a list of what is
wrong rather than as a half-rendered form.
"""

from dataclasses import dataclass
from functools import cache

from intake.versioned_data import check_text, read_versioned

__all__ = [
    "AREA_KEYS",
    "CURRENT_VERSION",
    "OPTIONAL_AREA_KEYS",
    "REQUIRED_AREA_KEYS",
    "SCALE_KEYS",
    "Area",
    "Questionnaire",
    "QuestionnaireError",
    "Statement",
    "from_dict",
    "load",
    "text",
]

CURRENT_VERSION = "v1"
# The interchange contract (interchange-v1.md) fixes these keys; they never change meaning.
REQUIRED_AREA_KEYS = ("digitalisation", "automation", "productivity", "business_model")
OPTIONAL_AREA_KEYS = ("competence", "sustainability")
AREA_KEYS = REQUIRED_AREA_KEYS + OPTIONAL_AREA_KEYS
SCALE_KEYS = ("1", "2", "3", "4", "5")
MIN_STATEMENTS, MAX_STATEMENTS = 3, 6


class QuestionnaireError(ValueError):
    """The questionnaire file is missing or malformed; ``problems`` lists every fault."""

    def __init__(self, problems: list[str]):
        self.problems = list(problems)
        super().__init__("invalid questionnaire:\n" + "\n".join(f"  {p}" for p in self.problems))


def text(d: dict, lang: str = "sv") -> str:
    """The ``lang`` text of a ``{"sv", "en"}`` dict, falling back to Swedish."""
    return d.get(lang) or d["sv"]


@dataclass(frozen=True)
class Statement:
    key: str
    text: dict
    levels: dict  # "1".."5" -> {"sv", "en"}: what that level looks like in practice


@dataclass(frozen=True)
class Area:
    key: str
    required: bool
    title: dict
    intro: dict
    statements: tuple[Statement, ...]
    priority_question: dict
    text_prompt: dict

    def statement(self, key: str) -> Statement:
        """The statement with ``key``; KeyError if this area has none."""
        for s in self.statements:
            if s.key == key:
                return s
        raise KeyError(f"area {self.key!r} has no statement {key!r}")


@dataclass(frozen=True)
class Questionnaire:
    version: str
    areas: tuple[Area, ...]
    maturity_scale: dict
    priority_scale: dict

    def area(self, key: str) -> Area:
        """The area with ``key``; KeyError if this version has none."""
        for a in self.areas:
            if a.key == key:
                return a
        raise KeyError(f"questionnaire {self.version} has no area {key!r}")

    @property
    def required_areas(self) -> tuple[Area, ...]:
        return tuple(a for a in self.areas if a.required)

    @property
    def optional_areas(self) -> tuple[Area, ...]:
        return tuple(a for a in self.areas if not a.required)


def _check_scale(value, where: str, problems: list[str]) -> dict:
    if not isinstance(value, dict) or set(value) != set(SCALE_KEYS):
        problems.append(f"{where}: expected exactly the levels 1-5")
        return {}
    return {k: check_text(value[k], f"{where}.{k}", problems) for k in SCALE_KEYS}


def _statement(raw, where: str, problems: list[str]) -> Statement | None:
    if not isinstance(raw, dict) or not isinstance(raw.get("key"), str):
        problems.append(f"{where}: expected an object with a string 'key'")
        return None
    where = f"{where}[{raw['key']}]"
    return Statement(
        key=raw["key"],
        text=check_text(raw.get("text"), f"{where}.text", problems),
        levels=_check_scale(raw.get("levels"), f"{where}.levels", problems),
    )


def _area(raw, where: str, problems: list[str]) -> Area | None:
    if not isinstance(raw, dict) or not isinstance(raw.get("key"), str):
        problems.append(f"{where}: expected an object with a string 'key'")
        return None
    key = raw["key"]
    where = f"areas[{key}]"
    if key not in AREA_KEYS:
        problems.append(f"{where}: unknown area (known: {', '.join(AREA_KEYS)})")
    elif raw.get("required") is not (key in REQUIRED_AREA_KEYS):
        problems.append(f"{where}.required: must be {key in REQUIRED_AREA_KEYS}")
    raw_statements = raw.get("statements")
    if not isinstance(raw_statements, list) or not (
        MIN_STATEMENTS <= len(raw_statements) <= MAX_STATEMENTS
    ):
        problems.append(
            f"{where}.statements: expected {MIN_STATEMENTS}-{MAX_STATEMENTS} statements"
        )
        raw_statements = raw_statements if isinstance(raw_statements, list) else []
    statements = [
        _statement(s, f"{where}.statements[{i}]", problems) for i, s in enumerate(raw_statements)
    ]
    statements = [s for s in statements if s is not None]
    keys = [s.key for s in statements]
    for dup in sorted({k for k in keys if keys.count(k) > 1}):
        problems.append(f"{where}.statements: statement key {dup!r} appears more than once")
    return Area(
        key=key,
        required=raw.get("required") is True,
        title=check_text(raw.get("title"), f"{where}.title", problems),
        intro=check_text(raw.get("intro"), f"{where}.intro", problems),
        statements=tuple(statements),
        priority_question=check_text(
            raw.get("priority_question"), f"{where}.priority_question", problems
        ),
        text_prompt=check_text(raw.get("text_prompt"), f"{where}.text_prompt", problems),
    )


def from_dict(data: object) -> Questionnaire:
    """Build a :class:`Questionnaire` from parsed JSON, or raise :class:`QuestionnaireError`.

    Checks: every text has non-empty ``sv`` and ``en``; scales and statement levels have exactly
    the keys 1-5; each area has 3-6 statements with unique keys; area keys are the six known
    ones, each at most once, the four required ones present and marked ``required: true``.
    """
    if not isinstance(data, dict):
        raise QuestionnaireError(["top level: expected an object"])
    problems: list[str] = []
    version = data.get("version")
    if not isinstance(version, str) or not version:
        problems.append("version: missing")
    maturity = _check_scale(data.get("maturity_scale"), "maturity_scale", problems)
    priority = _check_scale(data.get("priority_scale"), "priority_scale", problems)
    raw_areas = data.get("areas")
    if not isinstance(raw_areas, list):
        problems.append("areas: expected a list")
        raw_areas = []
    areas = [_area(a, f"areas[{i}]", problems) for i, a in enumerate(raw_areas)]
    areas = [a for a in areas if a is not None]
    keys = [a.key for a in areas]
    for dup in sorted({k for k in keys if keys.count(k) > 1}):
        problems.append(f"areas: area {dup!r} appears more than once")
    for missing in (k for k in REQUIRED_AREA_KEYS if k not in keys):
        problems.append(f"areas: required area {missing!r} is missing")
    if problems:
        raise QuestionnaireError(problems)
    return Questionnaire(
        version=version, areas=tuple(areas), maturity_scale=maturity, priority_scale=priority
    )


def load(version: str = CURRENT_VERSION) -> Questionnaire:
    """The questionnaire of ``version`` (e.g. "v1"), read and checked once per process."""
    return _load(version)


@cache
def _load(version: str) -> Questionnaire:
    return read_versioned(__name__, version, from_dict, QuestionnaireError, "questionnaire")
