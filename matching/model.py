"""The Matcher: fit once per catalogue version, then suggest series, coaches and cases.

Scoring of series and coaches: a weighted mean of blocks read area by area (`offers`),
lifted or lowered by what comparable companies' cases and coordinators' decisions say
(`learn`), then lowered for another county or a full series/coach -- lowered, never dropped,
so a coordinator still sees the best fit and the reason says what is wrong.  Cases: one
sparse product over the case matrix (`features.CASE_WEIGHTS`).
"""

from numbers import Integral, Real

import joblib
import numpy as np
from sklearn.base import BaseEstimator
from sklearn.exceptions import NotFittedError
from sklearn.utils._param_validation import Interval

from matching import learn
from matching.catalogue import Catalogue
from matching.explain import Explainer
from matching.offers import BLOCKS, combine
from matching.phrases import LANGUAGES, reason, render_result
from matching.records import profile_areas, profile_record

LISTS = ("workshop_series", "coaches", "cases")
# The parameter that weighs each of the offers' blocks.
WEIGHT_PARAMS = {"need": "need_weight", "concepts": "concept_weight",
                 "chars": "chars_weight", "words": "words_weight", "level": "level_weight",
                 "sector": "sector_weight"}
_SHARE = Interval(Real, 0, 1, closed="both")
_WEIGHT = Interval(Real, 0, None, closed="left")


class MatcherNotFittedError(NotFittedError):
    """suggest() or save() was called before fit()."""


class Matcher(BaseEstimator):
    """Suggests workshop series, coaches and comparable earlier cases for a company profile.

    Parameters
    ----------
    neighbours: how many of the most similar cases and feedback records vote.
    learning: weight of those votes (0 turns learning from cases and feedback off).
    county_penalty: share of the score taken off an item outside the company's county.
    full_penalty: share taken off a full series or a coach at capacity.
    need_weight, concept_weight, chars_weight, words_weight, level_weight, sector_weight:
        the weights of the offers' blocks (`matching.offers`); only their ratios matter.
    The defaults were chosen by cross-validation on the bundled labelled set
    (`python -m matching.tune`).
    """

    _parameter_constraints: dict = {
        "neighbours": [Interval(Integral, 1, None, closed="left")],
        "learning": [_WEIGHT],
        "county_penalty": [_SHARE],
        "full_penalty": [_SHARE],
        **{name: [_WEIGHT] for name in WEIGHT_PARAMS.values()},
    }

    def __init__(self, neighbours: int = 8, learning: float = 1.0, county_penalty: float = 0.1,
                 full_penalty: float = 0.1, need_weight: float = 0.45,
                 concept_weight: float = 0.3, chars_weight: float = 0.2,
                 words_weight: float = 0.0, level_weight: float = 0.0,
                 sector_weight: float = 0.03):
        self.neighbours = neighbours
        self.learning = learning
        self.county_penalty = county_penalty
        self.full_penalty = full_penalty
        self.need_weight = need_weight
        self.concept_weight = concept_weight
        self.chars_weight = chars_weight
        self.words_weight = words_weight
        self.level_weight = level_weight
        self.sector_weight = sector_weight

    def fit(self, workshop_series, coaches, cases, feedback=None):
        """Learn the feature space, the offers' indexes and the history; returns self."""
        self._validate_params()
        if sum(block_weights(self.get_params()).values()) <= 0:
            raise ValueError("At least one of the block weights (need_weight, ...) must be "
                             "positive.")
        self.catalogue_ = Catalogue(list(workshop_series or []), list(coaches or []),
                                    list(cases or []), list(feedback or []))
        return self

    def _params(self) -> dict:
        """The parameters as a dict, without get_params()'s introspection (per suggest)."""
        return {name: getattr(self, name) for name in self._parameter_constraints}

    def _check(self):
        if not hasattr(self, "catalogue_"):
            raise MatcherNotFittedError(
                "This Matcher is not fitted yet: call fit(workshop_series, coaches, cases) "
                "before suggest(), or Matcher.load() a saved one.")

    def add_feedback(self, records) -> "Matcher":
        """Learn from more decisions (or survey results) without fitting again; returns self.

        Each record is a profile with the item it concerns and a signal, as `fit`'s feedback
        takes; one with a "key" replaces the earlier records of that key. Only the new
        records are encoded, in the space fitted before, so the cost does not grow with the
        catalogue or the history. A full `fit` later weighs everything afresh.
        """
        self._check()
        self.catalogue_.add_feedback(list(records or []))
        return self

    def suggest(self, profile: dict, top: int = 3, lang: str | None = None,
                capacity: dict | None = None) -> dict:
        """Best `top` series, coaches and cases for a profile.

        Reasons are data ({"key", "values"}; `matching.phrases.render` makes a sentence);
        with `lang` ("sv" or "en") they come rendered, as in the match output format.
        `capacity` ({"workshop_series": {code: seats booked}, "coaches": {code: companies
        assigned}}) gives fullness as it is now; without it, the counts given to `fit` hold.
        """
        self._check()
        if lang is not None and lang not in LANGUAGES:
            raise ValueError(f"lang must be one of {', '.join(LANGUAGES)}, not {lang!r}")
        if isinstance(top, bool) or not isinstance(top, Integral) or top < 0:
            raise ValueError(f"top must be a whole number >= 0, not {top!r}")
        out = self._suggest(profile if isinstance(profile, dict) else {}, int(top),
                            capacity if isinstance(capacity, dict) else {})
        return render_result(out, lang) if lang is not None else out

    def _suggest(self, profile: dict, top: int, capacity: dict) -> dict:
        cat = self.catalogue_
        out = {name: [] for name in LISTS}
        if cat.space is None or top == 0:
            return out
        vector = cat.encode(profile_record(profile))
        query = cat.area_query(profile, vector)
        company = profile.get("company") if isinstance(profile.get("company"), dict) else {}
        found = profile_areas(profile)
        explainer = Explainer([(a, t) for a, (_, t) in found.items() if t.strip()],
                              {a: w for a, (w, _) in found.items()}, cat.names,
                              cat.text_columns)
        explain_query = cat.explain_query(query)
        similarity = cat.history.similarity(vector)
        neighbours = learn.nearest(similarity, self.neighbours)  # cases and feedback
        for name, key in (("workshop_series", "series"), ("coaches", "coach")):
            items = cat.items(name)
            if not items:
                continue
            vote, near = cat.history.votes(similarity, key, len(items), self.neighbours,
                                           neighbours)
            outside = cat.outside(name, company.get("county"))
            taken = cat.used(name, capacity.get(name) if name in capacity else None)
            full = cat.full(name, taken)
            params = self._params()
            used = {b for b, w in block_weights(params).items() if w > 0}
            score = offer_score(cat.offers[name].blocks(query, used), vote, outside, full,
                                params)
            for i in _best(score, top):
                reasons = self._offer_reasons(name, i, explainer,
                                              cat.row(name, i, explain_query),
                                              vote[i] * self.learning, near, similarity, key,
                                              outside[i], taken[i] if full[i] else None)
                out[name].append(_item(items[i]["code"], score[i], reasons))
        case_scores = cat.case_scores(similarity)
        for i in _best(case_scores, top):
            reasons = explainer.case(cat.row("cases", i, vector), cat.areas["cases"][i],
                                     cat.company_bits(i, company))
            out["cases"].append(_item(cat.cases.code(i), case_scores[i], reasons))
        return out

    def _offer_reasons(self, name, i, explainer, row, vote, near, similarity, key, outside,
                       full_at: int | None) -> list[dict]:
        """Why item i: what it meets, then whether it is full (`full_at`: the count that
        filled it) or elsewhere, then what comparable companies' history says."""
        cat = self.catalogue_
        item = cat.items(name)[i]
        reasons = [explainer.offer(row, cat.areas[name][i])]
        if full_at is not None:
            if name == "workshop_series":
                reasons.append(reason("series_full", booked=full_at, seats=item.get("seats")))
            else:
                reasons.append(reason("coach_full", assigned=full_at,
                                      capacity=item.get("capacity")))
        if outside:
            if name == "workshop_series":
                reasons.append(reason("series_elsewhere", county=str(item.get("county"))))
            else:
                reasons.append(reason("coach_elsewhere",
                                      county=[str(c) for c in item.get("counties") or []]))
        extra = []
        if vote > 0.05:
            codes = cat.history.supporting(near, similarity, key, i)
            extra.append(reason("helped", codes=codes) if codes else reason("feedback"))
        level = explainer.level(cat.levels[name][i], cat.areas[name][i])
        if level:
            extra.append(level)
        return (reasons + extra)[:3]

    def save(self, path) -> None:
        """Write the fitted matcher to a file (joblib)."""
        self._check()
        joblib.dump(self, path)

    @classmethod
    def load(cls, path, mmap: bool = False) -> "Matcher":
        """Read a matcher written by save(). With `mmap`, its arrays stay in the file and are
        mapped read-only into memory, so processes on one host share one copy of them."""
        matcher = joblib.load(path, mmap_mode="r" if mmap else None)
        if not isinstance(matcher, cls):
            raise TypeError(f"{path} does not hold a Matcher")
        return matcher


def block_weights(params: dict) -> dict[str, float]:
    """The offers' block weights from the Matcher's parameters."""
    return {b: float(params[WEIGHT_PARAMS[b]]) for b in BLOCKS}


def offer_score(blocks: dict, vote: np.ndarray, outside: np.ndarray, full: np.ndarray,
                params: dict) -> np.ndarray:
    """An offer's score from its blocks, its vote from the history, county and fullness.

    `params` are the Matcher's parameters; `matching.tune` calls this with other ones.
    """
    weights = {b: w for b, w in block_weights(params).items() if w > 0}
    base = np.clip(combine(blocks, weights), 0.0, 1.0)
    learning = params["learning"]
    score = base * (1.0 + learning * vote) / (1.0 + learning)
    score = score * np.where(outside, 1.0 - params["county_penalty"], 1.0)
    return score * np.where(full, 1.0 - params["full_penalty"], 1.0)


def _best(score: np.ndarray, top: int) -> np.ndarray:
    """Indices of the best `top` scores, best first; ties keep catalogue order."""
    if score.size <= 5000:  # small lists: a full stable sort, so ties keep catalogue order
        return np.argsort(-score, kind="stable")[:top]
    candidates = learn.nearest(score, min(top, score.size))
    return candidates[np.lexsort((candidates, -score[candidates]))]


def _item(code, score, reasons) -> dict:
    return {"code": code, "score": round(float(min(max(score, 0.0), 1.0)), 4),
            "reasons": reasons}
