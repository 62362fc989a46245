"""Learning from what happened: comparable companies vote for the series and coach they had.

Why neighbours, not a global classifier: a programme has dozens to a few thousand cases
over a dozen series; what helped companies *like this one* is the signal worth having.
Each earlier case and each coordinator decision or survey result is a neighbour with a
signal in [-1, 1]; the most similar neighbours (by the same features that rank cases)
vote, weighted by similarity, for the item they had.  The vote then lifts or lowers that
item's score (see `Matcher.suggest`), and the reason names the cases behind it.
"""

import numpy as np

from matching.cues import OUTCOME_NEGATIVE
from matching.text import Lexicon

_NEGATIVE = Lexicon({"negative": OUTCOME_NEGATIVE})


def outcome_signal(case: dict) -> float:
    """+1 for a reported outcome, +0.5 when none is recorded, -0.5 if it says it failed."""
    outcome = case.get("outcome")
    if not outcome:
        return 0.5
    return -0.5 if _NEGATIVE.labels(str(outcome)) else 1.0


def clip_signal(value) -> float:
    """A feedback record's signal as a float in [-1, 1] (junk counts as no signal)."""
    try:
        number = float(value)
    except (TypeError, ValueError):
        return 0.0
    return 0.0 if np.isnan(number) else min(max(number, -1.0), 1.0)


def label_index(codes: list, known: list[str]) -> np.ndarray:
    """Position of each neighbour's item in the catalogue list, -1 when none or unknown."""
    where = {code: i for i, code in enumerate(known)}
    return np.array([where.get(code, -1) for code in codes], dtype=np.intp)


def nearest(scores: np.ndarray, k: int) -> np.ndarray:
    """Indices of the k largest scores (unordered), without sorting everything."""
    if k <= 0 or scores.size == 0:
        return np.empty(0, dtype=np.intp)
    if k >= scores.size:
        return np.arange(scores.size)
    return np.argpartition(-scores, k - 1)[:k]


def votes(similarity: np.ndarray, labels: np.ndarray, signals: np.ndarray, n_items: int,
          k: int) -> tuple[np.ndarray, np.ndarray]:
    """Votes in [-1, 1] per item from the k most similar neighbours, and those neighbours.

    The denominator counts all k neighbours, so an item that only one of ten comparable
    companies had gets a weak vote, one that most of them had gets a strong one.
    """
    vote = np.zeros(n_items)
    if n_items == 0 or similarity.size == 0:
        return vote, np.empty(0, dtype=np.intp)
    near = nearest(similarity, k)
    weight = np.clip(similarity[near], 0.0, None) ** 2
    total = weight.sum()
    labelled = labels[near] >= 0
    if total <= 0 or not labelled.any():
        return vote, near
    vote = np.bincount(labels[near][labelled],
                       weights=(weight * signals[near])[labelled], minlength=n_items)
    return vote / total, near


class History:
    """Earlier cases and coordinators' decisions: the neighbours that vote.

    Kept apart from the catalogue's offers so that a decided profile can later be appended
    as one more row (with its labels and signal) without encoding the offers again.
    Rows: the cases first, then the feedback records.
    """

    def __init__(self, matrix, cases: list[dict], feedback: list[dict],
                 series_codes: list[str], coach_codes: list[str]):
        self.matrix = matrix
        self.n_cases = len(cases)
        self.case_codes = [str(c.get("code")) for c in cases]
        history = cases + feedback
        self.labels = {
            "series": label_index([h.get("workshop_series") for h in history], series_codes),
            "coach": label_index([h.get("coach") for h in history], coach_codes),
        }
        self.signals = np.array([outcome_signal(c) for c in cases]
                                + [clip_signal(f.get("signal")) for f in feedback])

    def similarity(self, query: np.ndarray) -> np.ndarray:
        return self.matrix @ query

    def votes(self, similarity: np.ndarray, key: str, n_items: int, k: int):
        return votes(similarity, self.labels[key], self.signals, n_items, k)

    def supporting(self, near, similarity, key: str, item: int) -> list[str]:
        """Codes of the most similar earlier cases that had this item and went well."""
        labels = self.labels[key]
        found = [j for j in near if j < self.n_cases and labels[j] == item
                 and self.signals[j] > 0]
        found.sort(key=lambda j: -similarity[j])
        return [self.case_codes[j] for j in found[:2]]
