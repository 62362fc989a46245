"""The fitted catalogue: feature space, weighted matrices and what reasons need to know.

Why a separate object: `Matcher` keeps a single learned attribute (`catalogue_`) that is
rebuilt as a whole per catalogue version, and the scoring code reads plain arrays here
instead of walking the input dicts on every query.
"""

import math

import numpy as np
import scipy.sparse as sp

from matching import learn
from matching.features import (
    CASE_WEIGHTS,
    COACH_WEIGHTS,
    SERIES_WEIGHTS,
    binarised,
    blocks,
    feature_space,
    weighted,
)
from matching.query import QueryEncoder
from matching.records import (
    AREAS,
    COACH_TEXT,
    NEED,
    SERIES_TEXT,
    case_record,
    coach_record,
    offer_level,
    offer_texts,
    sector_group,
    series_record,
    table,
)


def _count(value) -> int:
    try:
        return max(int(value), 0)
    except (TypeError, ValueError):
        return 0


def _full(items, used_key: str, limit_key: str) -> np.ndarray:
    """True where a limit is given and reached (absent counts mean none used)."""
    return np.array([item.get(limit_key) is not None
                     and _count(item.get(used_key)) >= _count(item.get(limit_key))
                     for item in items], dtype=bool)


def _case_areas(record: np.ndarray) -> list[str]:
    """A case's areas, most needed first (from its record's need columns)."""
    needs = [(record[col], area) for area, col in zip(AREAS, NEED, strict=True) if record[col]]
    return [area for _, area in sorted(needs, key=lambda n: -n[0])]


class Catalogue:
    """Everything learned from one catalogue version (and the feedback given so far)."""

    def __init__(self, series: list, coaches: list, cases: list, feedback: list):
        self.series, self.coaches, self.cases = series, coaches, cases
        self.feedback = [f for f in feedback if isinstance(f, dict)]
        case_rows = [case_record(c) for c in cases]
        rows = ([series_record(s) for s in series] + [coach_record(c) for c in coaches]
                + case_rows + [case_record(f) for f in self.feedback])
        self.areas = {"cases": [_case_areas(r) for r in case_rows]}
        self.space = None
        if not rows:
            return
        self.space = feature_space()
        # csr_matrix(): ColumnTransformer hands back a dense array when every entry is set.
        matrix = sp.csr_matrix(self.space.fit_transform(table(rows)))
        bounds = np.cumsum([0, len(series), len(coaches), len(cases), len(self.feedback)])
        part = [matrix[bounds[i]:bounds[i + 1]] for i in range(4)]
        del matrix
        self.blocks = blocks(self.space)
        self.concepts = self.blocks["concepts"]
        self.matrices = {
            "workshop_series": weighted(self.space, binarised(part[0], self.concepts),
                                        SERIES_WEIGHTS),
            "coaches": weighted(self.space, binarised(part[1], self.concepts), COACH_WEIGHTS),
        }
        # Cases are ranked, and cases and feedback are the neighbours that vote: one matrix.
        self.neighbours = weighted(self.space, sp.vstack([part[2], part[3]], format="csr"),
                                   CASE_WEIGHTS)
        self.matrices["cases"] = self.neighbours[: len(cases)]
        self.encoder = QueryEncoder(self.space)
        self._describe()

    def _describe(self) -> None:
        """Plain arrays for scoring and reasons."""
        space = self.space
        self.names = np.full(self.neighbours.shape[1], "", dtype=object)
        self.text_columns = np.zeros(self.neighbours.shape[1], dtype=bool)
        text = space.output_indices_["text"]
        self.names[text] = space.named_transformers_["text"].get_feature_names_out()
        self.text_columns[text] = True
        self.areas["workshop_series"] = [[a for a in s.get("areas") or [] if a in AREAS]
                                         for s in self.series]
        self.areas["coaches"] = [[a for a in c.get("areas") or [] if a in AREAS]
                                 for c in self.coaches]
        self.levels = {"workshop_series": [offer_level(offer_texts(s, SERIES_TEXT))
                                           for s in self.series],
                       "coaches": [offer_level(offer_texts(c, COACH_TEXT))
                                   for c in self.coaches]}
        self.series_county = np.array([str(s.get("county") or "") for s in self.series])
        self.fullness = {"workshop_series": _full(self.series, "booked", "seats"),
                         "coaches": _full(self.coaches, "assigned", "capacity")}
        history = self.cases + self.feedback
        self.labels = {
            "series": learn.label_index([h.get("workshop_series") for h in history],
                                        [s.get("code") for s in self.series]),
            "coach": learn.label_index([h.get("coach") for h in history],
                                       [c.get("code") for c in self.coaches]),
        }
        self.signals = np.array([learn.outcome_signal(c) for c in self.cases]
                                + [learn.clip_signal(f.get("signal")) for f in self.feedback])

    def items(self, name: str) -> list:
        return {"workshop_series": self.series, "coaches": self.coaches,
                "cases": self.cases}[name]

    def row(self, name: str, i: int, query: np.ndarray) -> tuple:
        """(query, columns, values) of item i's row, for explanations, without scipy's
        per-row indexing overhead."""
        matrix = self.matrices[name]
        start, stop = matrix.indptr[i], matrix.indptr[i + 1]
        return query, matrix.indices[start:stop], matrix.data[start:stop]

    def encode(self, record: np.ndarray) -> np.ndarray:
        """A profile record as a dense vector in the fitted space."""
        return self.encoder.encode(record)

    def offer_query(self, query: np.ndarray) -> np.ndarray:
        """The query as series and coaches are ranked against it (concept coverage)."""
        out = query.copy()
        out[self.concepts] **= 2
        return out

    def scores(self, name: str, query: np.ndarray) -> np.ndarray:
        """Weighted similarity of every item in a list to a dense query: one product."""
        return self.matrices[name] @ query

    def neighbour_scores(self, query: np.ndarray) -> np.ndarray:
        return self.neighbours @ query

    def outside(self, name: str, county) -> np.ndarray:
        """True for items that do not serve the company's county (unknown county: none)."""
        items = self.items(name)
        if not county:
            return np.zeros(len(items), dtype=bool)
        county = str(county)
        if name == "workshop_series":
            return (self.series_county != "") & (self.series_county != county)
        return np.array([bool(c.get("counties")) and county not in map(str, c["counties"])
                         for c in items], dtype=bool)

    def full(self, name: str) -> np.ndarray:
        return self.fullness[name]

    def supporting_cases(self, near, near_scores, key: str, item: int) -> list[str]:
        """Codes of the most similar earlier cases that had this item and went well."""
        labels = self.labels[key]
        found = [j for j in near if j < len(self.cases) and labels[j] == item
                 and self.signals[j] > 0]
        found.sort(key=lambda j: -near_scores[j])
        return [str(self.cases[j].get("code")) for j in found[:2]]

    def company_bits(self, i: int, company: dict) -> list[str]:
        """What an earlier case's company shares with this one (phrase keys)."""
        other = self.cases[i].get("company") or {}
        bits = []
        group = sector_group(company)
        if group is not None and group == sector_group(other):
            bits.append("same_sector")
        a, b = _employees(company), _employees(other)
        if a is not None and b is not None and abs(math.log1p(a) - math.log1p(b)) < 0.7:
            bits.append("similar_size")
        if company.get("county") and str(company.get("county")) == str(other.get("county")):
            bits.append("same_county")
        return bits


def _employees(company) -> float | None:
    try:
        return max(float(company.get("employees")), 0.0)
    except (TypeError, ValueError, AttributeError):
        return None

