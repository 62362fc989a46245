"""Interchange dicts -> flat records (one row each) that the feature transformers read.

Why a record layer: a profile, a workshop series, a coach and an earlier case describe the
same things in different shapes (a profile has per-area numbers, a series has a list of
areas and a description).  Turning each into the same columns -- weighted texts, need per
area, level per area, industry, size -- lets one ColumnTransformer place them all in one
space, so that ranking is a sparse product.  Everything here tolerates missing or odd
values: a profile may lack optional areas, text or sector and must still be scored.
"""

import math

import numpy as np

from matching.cues import LEVELS, SECTOR_OF_DIVISION, SECTORS
from matching.stance import evidence
from matching.text import Lexicon

AREAS: tuple[str, ...] = (
    "digitalisation", "automation", "productivity", "business_model", "competence",
    "sustainability",
)
SECTOR_GROUPS: tuple[str, ...] = tuple(SECTORS)
# Company sizes as log-employee centres; a size is spread over nearby bands (soft one-hot).
SIZE_CENTRES: tuple[float, ...] = tuple(math.log1p(n) for n in (3, 10, 30, 80, 200, 500))

TEXT = 0
NEED = list(range(1, 1 + len(AREAS)))
LEVEL = list(range(NEED[-1] + 1, NEED[-1] + 1 + len(AREAS)))
SECTOR = list(range(LEVEL[-1] + 1, LEVEL[-1] + 1 + len(SECTOR_GROUPS)))
SIZE = list(range(SECTOR[-1] + 1, SECTOR[-1] + 1 + len(SIZE_CENTRES)))
WIDTH = SIZE[-1] + 1

LEVEL_MATCHER = Lexicon(LEVELS)
SECTOR_MATCHER = Lexicon(SECTORS)


def _number(value, low: float, high: float, default: float | None = None) -> float | None:
    """A number clipped to [low, high]; None or junk gives the default."""
    try:
        number = float(value)
    except (TypeError, ValueError):
        return default
    if math.isnan(number):
        return default
    return min(max(number, low), high)


def area_answers(answers) -> dict[str, tuple[float, float, str]]:
    """(maturity, priority, text) per known area; unknown areas and junk are skipped."""
    out = {}
    for area in AREAS:
        answer = (answers or {}).get(area) if isinstance(answers, dict) else None
        if not isinstance(answer, dict):
            continue
        maturity = _number(answer.get("maturity"), 1, 5, 3.0)
        priority = _number(answer.get("priority"), 1, 5, 3.0)
        text = answer.get("text") or ""
        out[area] = (maturity, priority, text if isinstance(text, str) else str(text))
    return out


def need(maturity: float, priority: float) -> float:
    """How much help an area needs: priority x (6 - maturity) / 25, in (0, 1].

    The one definition of need, shared by the matcher and the app's "area of greatest
    need".  Why 6 and not 5: a leading area (maturity 5) that the company ranks urgent still
    asks for something (priority x 1), it is not worth nothing; and priority 5 at maturity 1
    gives exactly 1.  Maturity and priority are on the questionnaire's 1-5 scales.
    """
    return float(priority) * (6.0 - float(maturity)) / 25.0


def main_area(answers) -> str | None:
    """The area of greatest need (largest `need`); the first in area order on a tie.

    `answers` is the interchange answers dict ({area: {"maturity", "priority", ...}}).
    """
    scores = area_answers(answers)  # in AREAS order, so max() keeps the first on a tie
    if not scores:
        return None
    return max(scores, key=lambda a: need(scores[a][0], scores[a][1]))


def sector_group(company) -> str | None:
    sector = (company or {}).get("sector") if isinstance(company, dict) else None
    return SECTOR_OF_DIVISION.get(str(sector)) if sector is not None else None


def _size(row: np.ndarray, employees) -> None:
    count = _number(employees, 0, 1e6)
    if count is None:
        return
    x = math.log1p(count)
    for i, centre in zip(SIZE, SIZE_CENTRES, strict=True):
        row[i] = math.exp(-((x - centre) ** 2) / 0.8)


def _empty_row() -> np.ndarray:
    row = np.zeros(WIDTH, dtype=object)
    row[TEXT] = []
    return row


def _answers_into(row: np.ndarray, answers) -> None:
    """Need, level and need-weighted texts from questionnaire answers (profile or case)."""
    for area, (maturity, priority, text) in area_answers(answers).items():
        kept, unsure = evidence(text)
        weight = need(maturity, priority) * unsure
        idx = AREAS.index(area)
        # Squared so that the main need outweighs the rest: a series for both the main
        # area and a minor one should not beat a series that is all about the main one.
        row[NEED[idx]] = weight ** 2
        # Positive for beginners, negative for the advanced, scaled by how urgent it is.
        row[LEVEL[idx]] = priority / 5.0 * (3.0 - maturity) / 2.0
        if kept.strip():  # only clauses that state a need (see `matching.stance`)
            row[TEXT].append((kept, 0.25 + weight))


def _company_into(row: np.ndarray, company) -> None:
    group = sector_group(company)
    if group is not None:
        row[SECTOR[SECTOR_GROUPS.index(group)]] = 1.0
    _size(row, (company or {}).get("employees") if isinstance(company, dict) else None)


def _answers_record(profile: dict) -> np.ndarray:
    row = _empty_row()
    profile = profile if isinstance(profile, dict) else {}
    _answers_into(row, profile.get("answers"))
    _company_into(row, profile.get("company"))
    return row


def profile_record(profile: dict) -> np.ndarray:
    """A company profile ({company, answers}) as a record."""
    return _answers_record(profile)


def profile_areas(profile) -> dict[str, tuple[float, str]]:
    """Per answered area: (need x stance factor, the text that is evidence of a need)."""
    answers = profile.get("answers") if isinstance(profile, dict) else None
    out = {}
    for area, (maturity, priority, text) in area_answers(answers).items():
        kept, unsure = evidence(text)
        out[area] = (need(maturity, priority) * unsure, kept)
    return out


def case_record(case: dict) -> np.ndarray:
    """An earlier case (or a feedback record): its company, answers and story.

    Cases have no character n-grams (those are the offers' own, `offers.OfferIndex`): at
    100,000 cases they would cost more memory and time than the lexicon and stems, which
    carry case text well.
    """
    row = _answers_record(case)
    for key, weight in (("summary", 1.0), ("outcome", 0.5)):
        if case.get(key):
            row[TEXT].append((str(case[key]), weight))
    return row


def offer_level(texts: list[str]) -> int:
    """+1 for an offer pitched at beginners, -1 for an in-depth one, 0 when it does not say."""
    levels = LEVEL_MATCHER.labels(" ".join(texts))
    return int("basic" in levels) - int("advanced" in levels)


def offer_texts(item: dict, text_keys: tuple[str, ...]) -> list[str]:
    return [str(item[k]) for k in text_keys if item.get(k)]


def offer_record(item: dict, text_keys: tuple[str, ...]) -> np.ndarray:
    """A workshop series or a coach: declared areas, texts, level and industry cues."""
    row = _empty_row()
    texts = offer_texts(item, text_keys)
    # The title says in few words what the series is about: count it twice.
    row[TEXT].extend((t, 2.0 if i == 0 and len(texts) > 1 else 1.0) for i, t in enumerate(texts))
    level = offer_level(texts)
    for area in item.get("areas") or ():
        if area in AREAS:
            row[NEED[AREAS.index(area)]] = 1.0
            row[LEVEL[AREAS.index(area)]] = float(level)
    for group in SECTOR_MATCHER.labels(" ".join(texts)):
        row[SECTOR[SECTOR_GROUPS.index(group)]] = 1.0
    return row


SERIES_TEXT = ("title", "description")
COACH_TEXT = ("profile",)


def series_record(series: dict) -> np.ndarray:
    return offer_record(series, SERIES_TEXT)


def coach_record(coach: dict) -> np.ndarray:
    return offer_record(coach, COACH_TEXT)


def table(rows: list[np.ndarray]) -> np.ndarray:
    """Records stacked into the 2-D object array the ColumnTransformer reads."""
    out = np.empty((len(rows), WIDTH), dtype=object)
    for i, row in enumerate(rows):
        out[i] = row
    return out
