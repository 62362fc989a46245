"""Learning from what happened: comparable companies vote for the series and coach they had.

Why neighbours, not a global classifier: a programme has dozens to a few thousand cases
over a dozen series; what helped companies *like this one* is the signal worth having.
Each earlier case and each coordinator decision or survey result is a neighbour with a
signal in [-1, 1]; the most similar neighbours (by the same features that rank cases)
vote, weighted by similarity, for the item they had.  The vote then lifts or lowers that
item's score (see `Matcher.suggest`), and the reason names the cases behind it.
"""

import numpy as np
import scipy.sparse as sp

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


LARGE = 20000  # above this many scores, `nearest` narrows the search first (see there)
_SAMPLE = 4096


def nearest(scores: np.ndarray, k: int) -> np.ndarray:
    """Indices of the k largest scores (unordered), without sorting everything.

    At programme scale (100,000 cases) a partition over every score was most of a
    suggestion's time, three times over. Above `LARGE` scores it partitions only those at
    least as large as the k-th largest of an evenly spaced sample: that k-th largest cannot
    exceed the whole array's, so every one of the true k largest is among them, and they are
    a few hundred. Ties at the k-th place go to the lower index, so the answer is the same
    on every run.
    """
    if k <= 0 or scores.size == 0:
        return np.empty(0, dtype=np.intp)
    if k >= scores.size:
        return np.arange(scores.size)
    if scores.size <= LARGE or k > _SAMPLE // 4:
        return np.argpartition(-scores, k - 1)[:k]
    sample = np.sort(scores[:: scores.size // _SAMPLE])
    candidates = np.flatnonzero(scores >= sample[-k])
    order = np.lexsort((candidates, -scores[candidates]))
    return candidates[order[:k]]


def votes(similarity: np.ndarray, labels: np.ndarray, signals: np.ndarray, n_items: int,
          k: int, near: np.ndarray | None = None) -> tuple[np.ndarray, np.ndarray]:
    """Votes in [-1, 1] per item from the k most similar neighbours, and those neighbours.

    The denominator counts all k neighbours, so an item that only one of ten comparable
    companies had gets a weak vote, one that most of them had gets a strong one. `near`:
    the k nearest, when the caller found them already (they are the same for every list).
    """
    vote = np.zeros(n_items)
    if n_items == 0 or similarity.size == 0:
        return vote, np.empty(0, dtype=np.intp)
    near = nearest(similarity, k) if near is None else near
    weight = np.clip(similarity[near], 0.0, None) ** 2
    total = weight.sum()
    labelled = labels[near] >= 0
    if total <= 0 or not labelled.any():
        return vote, near
    vote = np.bincount(labels[near][labelled],
                       weights=(weight * signals[near])[labelled], minlength=n_items)
    return vote / total, near


class History:
    """Earlier cases and coordinators' decisions (and survey results): the neighbours that vote.

    Two parts: the cases, fixed for a catalogue version (and memory-mapped when the fitted
    matcher is loaded from a file), and the feedback, which grows one decision at a time
    (`add`) without encoding anything else again. Neighbour indices run over the cases first,
    then the feedback rows.

    A feedback record may carry a "key" (say, the decision it came from): adding records with
    a key already present retires the earlier rows of that key, so a revised decision counts
    once, as it now stands. A retired row stays in the matrix with no weight and no label
    until the next full fit drops it.
    """

    def __init__(self, case_matrix, cases: list[dict], feedback_matrix, feedback: list[dict],
                 series_codes: list[str], coach_codes: list[str]):
        self.case_matrix = case_matrix
        self.n_cases = len(cases)
        self.case_codes = np.array([str(c.get("code")) for c in cases], dtype=str)
        self.codes = {"series": list(series_codes), "coach": list(coach_codes)}
        self._case_labels = {
            "series": label_index([c.get("workshop_series") for c in cases], series_codes),
            "coach": label_index([c.get("coach") for c in cases], coach_codes),
        }
        self._case_signals = np.array([outcome_signal(c) for c in cases], dtype=float)
        self.feedback_matrix = sp.csr_matrix((0, case_matrix.shape[1]))
        self._feedback_labels = {"series": np.empty(0, dtype=np.intp),
                                 "coach": np.empty(0, dtype=np.intp)}
        self._feedback_signals = np.empty(0, dtype=float)
        self._rows_of_key: dict[str, list[int]] = {}
        self._joined: tuple | None = None  # (labels, signals) over cases and feedback
        self.add(feedback_matrix, feedback)

    @property
    def n_feedback(self) -> int:
        return self.feedback_matrix.shape[0]

    def add(self, matrix, records: list[dict]) -> None:
        """Append feedback rows (already encoded and weighted as cases are) and their records."""
        if not records:
            return
        retire = [row for r in records if r.get("key") is not None
                  for row in self._rows_of_key.pop(str(r["key"]), [])]
        # Copies, not views: a loaded matcher's arrays may be read-only memory maps.
        old = sp.csr_matrix(self.feedback_matrix, copy=True)
        if retire:
            for row in retire:
                old.data[old.indptr[row]:old.indptr[row + 1]] = 0.0
            old.eliminate_zeros()
        start = old.shape[0]
        self.feedback_matrix = sp.vstack([old, sp.csr_matrix(matrix)], format="csr")
        for name, key in (("series", "workshop_series"), ("coach", "coach")):
            labels = np.concatenate([self._feedback_labels[name],
                                     label_index([r.get(key) for r in records],
                                                 self.codes[name])])
            labels[retire] = -1
            self._feedback_labels[name] = labels
        signals = np.concatenate([self._feedback_signals,
                                  [clip_signal(r.get("signal")) for r in records]])
        signals[retire] = 0.0
        self._feedback_signals = signals
        self._joined = None
        for offset, record in enumerate(records):
            if record.get("key") is not None:
                self._rows_of_key.setdefault(str(record["key"]), []).append(start + offset)

    def _labels_and_signals(self) -> tuple[dict[str, np.ndarray], np.ndarray]:
        """Cases' and feedback's labels and signals end to end, joined once per change of
        the feedback rather than on every suggestion."""
        if getattr(self, "_joined", None) is None:  # None also in a matcher saved before
            self._joined = (
                {name: np.concatenate([self._case_labels[name], self._feedback_labels[name]])
                 for name in self._case_labels},
                np.concatenate([self._case_signals, self._feedback_signals]))
        return self._joined

    def __getstate__(self) -> dict:
        return {**self.__dict__, "_joined": None}  # not saved: rebuilt on first use

    @property
    def labels(self) -> dict[str, np.ndarray]:
        return self._labels_and_signals()[0]

    @property
    def signals(self) -> np.ndarray:
        return self._labels_and_signals()[1]

    def similarity(self, query: np.ndarray) -> np.ndarray:
        return np.concatenate([self.case_matrix @ query, self.feedback_matrix @ query])

    def votes(self, similarity: np.ndarray, key: str, n_items: int, k: int,
              near: np.ndarray | None = None):
        return votes(similarity, self.labels[key], self.signals, n_items, k, near)

    def supporting(self, near, similarity, key: str, item: int) -> list[str]:
        """Codes of the most similar earlier cases that had this item and went well."""
        labels, signals = self._case_labels[key], self._case_signals
        found = [j for j in near if j < self.n_cases and labels[j] == item and signals[j] > 0]
        found.sort(key=lambda j: -similarity[j])
        return [str(self.case_codes[j]) for j in found[:2]]
