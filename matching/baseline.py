"""Baselines the matcher must beat, computed in the same run on the same profiles.

- afternoon: what one afternoon with scikit-learn gives (issue 11).  A
  `TfidfVectorizer(analyzer="char_wb", ngram_range=(3, 5))` over each item's text (a series'
  title and description, a coach's profile, a case's summary and answers).  Its text score
  is the cosine to each answer's text, weighted by that area's need and scaled to the best
  item; it is mixed half and half with the need of the item's own areas (the mean need of
  the areas it declares -- for a case, its area of greatest need -- over the profile's
  largest need).  Ties keep catalogue order.
- main area: items covering the area of greatest need first, ties in random order.
- random: the list in random order.
"""

import numpy as np
from sklearn.feature_extraction.text import TfidfVectorizer

from matching.records import AREAS, area_answers, main_area, need

TEXT_KEYS = {"workshop_series": ("title", "description"), "coaches": ("profile",)}


def item_text(list_name: str, item: dict) -> str:
    if list_name == "cases":
        answers = item.get("answers") or {}
        texts = [str(a.get("text") or "") for a in answers.values() if isinstance(a, dict)]
        return " ".join([str(item.get("summary") or ""), *texts])
    return " ".join(str(item.get(k) or "") for k in TEXT_KEYS[list_name])


def item_areas(list_name: str, item: dict) -> list[str]:
    if list_name == "cases":
        area = main_area(item.get("answers"))
        return [area] if area else []
    return [a for a in item.get("areas") or [] if a in AREAS]


class Afternoon:
    """The afternoon baseline for one list of a catalogue."""

    def __init__(self, list_name: str, items: list[dict]):
        self.items = items
        self.areas = [item_areas(list_name, item) for item in items]
        self.vectorizer = TfidfVectorizer(analyzer="char_wb", ngram_range=(3, 5))
        self.matrix = self.vectorizer.fit_transform([item_text(list_name, i) for i in items])

    def scores(self, profile: dict) -> np.ndarray:
        answers = area_answers(profile.get("answers"))
        needs = {a: need(m, p) for a, (m, p, _) in answers.items()}
        text = np.zeros(len(self.items))
        for area, (_, _, words) in answers.items():
            if words.strip():
                query = self.vectorizer.transform([words])
                text += needs[area] * (self.matrix @ query.T).toarray().ravel()
        if text.max() > 0:
            text /= text.max()
        top = max(needs.values(), default=0.0) or 1.0
        own = np.array([np.mean([needs.get(a, 0.0) for a in areas]) / top if areas else 0.0
                        for areas in self.areas])
        return 0.5 * text + 0.5 * own

    def rank(self, profile: dict) -> list[str]:
        order = np.argsort(-self.scores(profile), kind="stable")
        return [self.items[i]["code"] for i in order]


def main_area_rank(list_name: str, items: list[dict], profile: dict,
                   rng: np.random.Generator) -> list[str]:
    area = main_area(profile.get("answers"))
    order = rng.permutation(len(items))
    order = sorted(order, key=lambda i: area not in item_areas(list_name, items[i]))
    return [items[i]["code"] for i in order]


def random_rank(items: list[dict], rng: np.random.Generator) -> list[str]:
    return [items[i]["code"] for i in rng.permutation(len(items))]
