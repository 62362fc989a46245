"""The fitted catalogue: feature space, the offers' indexes, the history that votes.

Why a separate object: `Matcher` keeps a single learned attribute (`catalogue_`) that is
rebuilt as a whole per catalogue version, and the scoring code reads plain arrays here
instead of walking the input dicts on every query.  Its parts are separable: the offers
(`offers.OfferIndex`, one per list) and the cases and feedback (`learn.History`), so that
feedback can be appended without encoding the offers again.
"""

import math

import numpy as np
import scipy.sparse as sp

from matching import learn
from matching.features import CASE_WEIGHTS, TEXT_GROUPS, blocks, feature_space, weighted
from matching.offers import AreaQuery, OfferIndex
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
    profile_areas,
    sector_group,
    series_record,
    table,
)


def _count(value) -> int:
    try:
        return max(int(value), 0)
    except (TypeError, ValueError):
        return 0


# What an item's fullness is counted in, and what limits it.
USED = {"workshop_series": ("booked", "seats"), "coaches": ("assigned", "capacity")}


def _case_areas(record: np.ndarray) -> list[str]:
    """A case's areas, most needed first (from its record's need columns)."""
    needs = [(record[col], area) for area, col in zip(AREAS, NEED, strict=True) if record[col]]
    return [area for _, area in sorted(needs, key=lambda n: -n[0])]


class CaseAreas:
    """Each case's areas, most needed first, as one small integer array rather than a list
    of lists: at 100,000 cases the lists were a quarter of the time a worker took to load a
    saved matcher, with the interpreter locked, while the array is memory-mapped."""

    def __init__(self, areas: list[list[str]]):
        self.index = np.full((len(areas), len(AREAS)), -1, dtype=np.int8)
        position = {area: i for i, area in enumerate(AREAS)}
        for row, names in enumerate(areas):
            self.index[row, :len(names)] = [position[a] for a in names]

    def __len__(self) -> int:
        return len(self.index)

    def __getitem__(self, i: int) -> list[str]:
        return [AREAS[j] for j in self.index[i] if j >= 0]


class CaseTable:
    """What ranking and reasons need of the earlier cases once they are encoded: codes and
    companies, in arrays. Why not the case dicts: at 100,000 cases they were most of a saved
    matcher, and reading them back was most of the time a worker took to load it."""

    def __init__(self, cases: list):
        companies = [c.get("company") if isinstance(c.get("company"), dict) else {}
                     for c in cases]
        self.codes = np.array([str(c.get("code")) for c in cases], dtype=str)
        self.sectors = np.array([str(c.get("sector") or "") for c in companies], dtype=str)
        self.employees = np.array([_employees(c) if _employees(c) is not None else -1.0
                                   for c in companies], dtype=float)
        self.counties = np.array([str(c.get("county") or "") for c in companies], dtype=str)

    def __len__(self) -> int:
        return len(self.codes)

    def code(self, i: int) -> str:
        return str(self.codes[i])

    def company(self, i: int) -> dict:
        company = {"sector": str(self.sectors[i]) or None, "county": str(self.counties[i])}
        if self.employees[i] >= 0:
            company["employees"] = float(self.employees[i])
        return company


class Catalogue:
    """Everything learned from one catalogue version (and the feedback given so far)."""

    def __init__(self, series: list, coaches: list, cases: list, feedback: list,
                 ngram_range: tuple[int, int] = (3, 5)):
        self.series, self.coaches = series, coaches
        self.cases = CaseTable(cases)
        feedback = [f for f in feedback if isinstance(f, dict)]
        case_rows = [case_record(c) for c in cases]
        rows = ([series_record(s) for s in series] + [coach_record(c) for c in coaches]
                + case_rows + [case_record(f) for f in feedback])
        self.areas = {"cases": CaseAreas([_case_areas(r) for r in case_rows]),
                      "workshop_series": [[a for a in s.get("areas") or [] if a in AREAS]
                                          for s in series],
                      "coaches": [[a for a in c.get("areas") or [] if a in AREAS]
                                  for c in coaches]}
        self.space = None
        if not rows:
            return
        self.space = feature_space()
        # csr_matrix(): ColumnTransformer hands back a dense array when every entry is set.
        matrix = sp.csr_matrix(self.space.fit_transform(table(rows)))
        bounds = np.cumsum([0, len(series), len(coaches), len(cases), len(feedback)])
        part = [matrix[bounds[i]:bounds[i + 1]] for i in range(4)]
        del matrix
        self.blocks = blocks(self.space)
        self.encoder = QueryEncoder(self.space)
        self.text_slice = self.space.output_indices_["text"]
        groups = self.space.named_transformers_["text"].group_slices_
        self.group_slices = [groups[prefix] for prefix in TEXT_GROUPS]
        self.offer_rows = {"workshop_series": part[0], "coaches": part[1]}
        self.offers = {
            name: OfferIndex(
                [" ".join(offer_texts(item, keys)) for item in items], self.areas[name],
                self.offer_rows[name][:, self.text_slice], *self.group_slices,
                self._dense(self.offer_rows[name], "level"),
                self._dense(self.offer_rows[name], "sector"), ngram_range)
            for name, items, keys in (("workshop_series", series, SERIES_TEXT),
                                      ("coaches", coaches, COACH_TEXT))}
        # Cases are ranked, and cases and feedback are the neighbours that vote.
        self.history = learn.History(
            weighted(self.space, part[2], CASE_WEIGHTS), cases,
            weighted(self.space, part[3], CASE_WEIGHTS), feedback,
            [s.get("code") for s in series], [c.get("code") for c in coaches])
        self._describe()

    def _dense(self, rows, block: str) -> np.ndarray:
        return np.asarray(rows[:, self.blocks[block]].todense())

    def _describe(self) -> None:
        """Plain arrays for scoring and reasons."""
        width = self.history.case_matrix.shape[1]
        self.names = np.full(width, "", dtype=object)
        self.text_columns = np.zeros(width, dtype=bool)
        self.names[self.text_slice] = self.space.named_transformers_["text"] \
            .get_feature_names_out()
        self.text_columns[self.text_slice] = True
        self.levels = {"workshop_series": [offer_level(offer_texts(s, SERIES_TEXT))
                                           for s in self.series],
                       "coaches": [offer_level(offer_texts(c, COACH_TEXT))
                                   for c in self.coaches]}
        self.series_county = np.array([str(s.get("county") or "") for s in self.series])

    def items(self, name: str) -> list:
        return {"workshop_series": self.series, "coaches": self.coaches,
                "cases": self.cases}[name]

    def encode(self, record: np.ndarray) -> np.ndarray:
        """A profile record as a dense vector in the fitted space."""
        return self.encoder.encode(record)

    def area_query(self, profile: dict, vector: np.ndarray) -> AreaQuery:
        """The profile area by area, for the offers' blocks (see `offers`)."""
        found = profile_areas(profile)
        needs = np.array([found[a][0] if a in found else 0.0 for a in AREAS])
        total, top = needs.sum(), needs.max(initial=0.0)
        width = self.text_slice.stop - self.text_slice.start
        parts = {"concepts": ([], [], []), "words": ([], [], [])}  # rows, columns, values
        step = self.encoder.text
        for i, area in enumerate(AREAS):
            if area not in found or not found[area][1].strip() or step is None:
                continue
            index, values = step.tfidf(found[area][1])
            for name, cols, power in (("concepts", self.group_slices[0], 2),
                                      ("words", self.group_slices[1], 1)):
                keep = (index >= cols.start) & (index < cols.stop)
                part = values[keep]
                norm = math.sqrt(float(part @ part))
                if norm > 0:
                    rows, columns, data = parts[name]
                    rows.append(np.full(part.size, i))
                    columns.append(index[keep])
                    data.append((part / norm) ** power)
        concepts, words = (sp.csr_matrix(
            (np.concatenate(d) if d else [], (np.concatenate(r) if r else [],
                                              np.concatenate(c) if c else [])),
            shape=(len(AREAS), width)) for r, c, d in (parts["concepts"], parts["words"]))
        return AreaQuery(
            weights=needs / total if total > 0 else needs,
            relative=needs / top if top > 0 else needs,
            texts=tuple(found[a][1] if a in found else "" for a in AREAS),
            concepts=concepts, words=words,
            level=vector[self.blocks["level"]], sector=vector[self.blocks["sector"]])

    def explain_query(self, query: AreaQuery) -> np.ndarray:
        """What each concept and word contributes for this profile, in the space's columns:
        the need-weighted sum of the areas' concept and word vectors (for reasons)."""
        out = np.zeros(self.history.case_matrix.shape[1])
        start = self.text_slice.start
        weights = sp.diags(query.weights)
        summed = np.asarray((weights @ (query.concepts + query.words)).sum(axis=0)).ravel()
        out[start:start + summed.size] = summed
        return out

    def row(self, name: str, i: int, query: np.ndarray) -> tuple:
        """(query, columns, values) of item i's row, for explanations, without scipy's
        per-row indexing overhead."""
        matrix = self.offer_rows.get(name, self.history.case_matrix)
        start, stop = matrix.indptr[i], matrix.indptr[i + 1]
        return query, matrix.indices[start:stop], matrix.data[start:stop]

    def case_scores(self, similarity: np.ndarray) -> np.ndarray:
        return np.clip(similarity[: len(self.cases)], 0.0, 1.0)

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

    def used(self, name: str, capacity: dict | None) -> list[int]:
        """Seats booked (series) or companies assigned (coaches) per item: from `capacity`,
        {code: count}, read fresh by the caller, else as the items were given to fit."""
        key = USED[name][0]
        return [_count(capacity.get(item.get("code"), 0) if capacity is not None
                       else item.get(key)) for item in self.items(name)]

    def full(self, name: str, used: list[int]) -> np.ndarray:
        """True where an item has a limit (seats, capacity) and `used` has reached it."""
        limit_key = USED[name][1]
        return np.array([item.get(limit_key) is not None and count >= _count(item[limit_key])
                         for item, count in zip(self.items(name), used, strict=True)],
                        dtype=bool)

    def add_feedback(self, records: list[dict]) -> None:
        """Append feedback records to the history, encoded in this fitted space as cases are."""
        records = [r for r in records if isinstance(r, dict)]
        if not records or self.space is None:
            return
        rows = sp.csr_matrix(np.vstack([self.encode(case_record(r)) for r in records]))
        self.history.add(weighted(self.space, rows, CASE_WEIGHTS), records)

    def company_bits(self, i: int, company: dict) -> list[str]:
        """What an earlier case's company shares with this one (phrase keys)."""
        other = self.cases.company(i)
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
