"""The Matcher: fit once per catalogue version, then suggest series, coaches and cases.

Scoring, per list: a weighted sum of per-block cosine similarities (one sparse product,
see `features`), lifted or lowered by what comparable companies' cases and coordinators'
decisions say (`learn`), then lowered for another county or a full series/coach -- lowered,
never dropped, so a coordinator still sees the best fit and the reason says what is wrong.
"""

import joblib
import numpy as np
from sklearn.base import BaseEstimator
from sklearn.exceptions import NotFittedError

from matching import learn
from matching.catalogue import Catalogue
from matching.explain import Explainer
from matching.phrases import LANGUAGES, county_name, say
from matching.records import area_answers, need, profile_record

LISTS = ("workshop_series", "coaches", "cases")


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
    """

    def __init__(self, neighbours: int = 8, learning: float = 0.6, county_penalty: float = 0.3,
                 full_penalty: float = 0.1):
        self.neighbours = neighbours
        self.learning = learning
        self.county_penalty = county_penalty
        self.full_penalty = full_penalty

    def fit(self, workshop_series, coaches, cases, feedback=None):
        """Learn the feature space and the catalogue matrices; returns self."""
        self.catalogue_ = Catalogue(list(workshop_series or []), list(coaches or []),
                                    list(cases or []), list(feedback or []))
        return self

    def _check(self):
        if not hasattr(self, "catalogue_"):
            raise MatcherNotFittedError(
                "This Matcher is not fitted yet: call fit(workshop_series, coaches, cases) "
                "before suggest(), or Matcher.load() a saved one.")

    def suggest(self, profile: dict, top: int = 3, lang: str = "sv") -> dict:
        """Best `top` series, coaches and cases for a profile, with reasons in `lang`."""
        self._check()
        if lang not in LANGUAGES:
            raise ValueError(f"lang must be one of {', '.join(LANGUAGES)}, not {lang!r}")
        top = max(int(top), 0)
        cat = self.catalogue_
        out = {name: [] for name in LISTS}
        if cat.space is None or top == 0:
            return out
        profile = profile if isinstance(profile, dict) else {}
        query = cat.encode(profile_record(profile))
        company = profile.get("company") if isinstance(profile.get("company"), dict) else {}
        county = company.get("county")
        answers = area_answers(profile.get("answers"))
        explainer = Explainer(lang, [(a, t) for a, (_, _, t) in answers.items() if t.strip()],
                              {a: need(m, p) for a, (m, p, _) in answers.items()},
                              cat.names, cat.text_columns)
        offer_query = cat.offer_query(query)
        near_scores = cat.neighbour_scores(query)
        case_scores = np.clip(near_scores[: len(cat.cases)], 0.0, 1.0)
        weight = max(float(self.learning), 0.0)
        k = max(int(self.neighbours), 1)
        for name, key in (("workshop_series", "series"), ("coaches", "coach")):
            items = cat.items(name)
            if not items:
                continue
            base = np.clip(cat.scores(name, offer_query), 0.0, 1.0)
            vote, near = learn.votes(near_scores, cat.labels[key], cat.signals, len(items), k)
            score = base * (1.0 + weight * vote) / (1.0 + weight) if weight else base
            outside = cat.outside(name, county)
            full = cat.full(name)
            score = score * np.where(outside, 1.0 - self.county_penalty, 1.0)
            score = score * np.where(full, 1.0 - self.full_penalty, 1.0)
            for i in _best(score, top):
                reasons = self._offer_reasons(name, i, explainer, cat.row(name, i, offer_query),
                                              vote[i] * weight, near, near_scores, key,
                                              outside[i], full[i], lang)
                out[name].append(_item(items[i]["code"], score[i], reasons))
        for i in _best(case_scores, top):
            reasons = explainer.case(cat.row("cases", i, query), cat.areas["cases"][i],
                                     cat.company_bits(i, company))
            out["cases"].append(_item(cat.cases[i]["code"], case_scores[i], reasons))
        return out

    def _offer_reasons(self, name, i, explainer, row, vote, near, near_scores, key, outside,
                       full, lang):
        cat = self.catalogue_
        item = cat.items(name)[i]
        reasons = [explainer.offer(row, cat.areas[name][i])]
        if full:
            if name == "workshop_series":
                reasons.append(say(lang, "series_full", booked=item.get("booked") or 0,
                                   seats=item.get("seats")))
            else:
                reasons.append(say(lang, "coach_full", assigned=item.get("assigned") or 0,
                                   capacity=item.get("capacity")))
        if outside:
            where = (county_name(item.get("county")) if name == "workshop_series"
                     else ", ".join(county_name(c) for c in item.get("counties") or []))
            reasons.append(say(lang, "series_elsewhere" if name == "workshop_series"
                               else "coach_elsewhere", county=where))
        extra = []
        if vote > 0.05:
            codes = cat.supporting_cases(near, near_scores, key, i)
            extra.append(say(lang, "helped", codes=", ".join(codes)) if codes
                         else say(lang, "feedback"))
        level = explainer.level(cat.levels[name][i], cat.areas[name][i])
        if level:
            extra.append(level)
        return (reasons + extra)[:3]

    def save(self, path) -> None:
        """Write the fitted matcher to a file (joblib)."""
        self._check()
        joblib.dump(self, path)

    @classmethod
    def load(cls, path) -> "Matcher":
        """Read a matcher written by save()."""
        matcher = joblib.load(path)
        if not isinstance(matcher, cls):
            raise TypeError(f"{path} does not hold a Matcher")
        return matcher


def _best(score: np.ndarray, top: int) -> np.ndarray:
    """Indices of the best `top` scores, best first; ties keep catalogue order."""
    if score.size <= 5000:  # small lists: a full stable sort, so ties keep catalogue order
        return np.argsort(-score, kind="stable")[:top]
    candidates = learn.nearest(score, min(top, score.size))
    return candidates[np.lexsort((candidates, -score[candidates]))]


def _item(code, score, reasons) -> dict:
    return {"code": code, "score": round(float(min(max(score, 0.0), 1.0)), 4),
            "reasons": reasons}



