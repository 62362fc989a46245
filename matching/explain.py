"""Reasons: which areas and which of the company's own words made a match.

Why from the feature product: the score is a sum over features, so the features that add
the most to it are exactly "why".  The concept and word features are traced back to the
words the company wrote (a concept can come from a Swedish compound or an English phrase),
neighbouring matched words are joined into one phrase ("robot welding", "korta serier").
Only the clauses that state a need are read (`matching.stance`), so a reason never quotes
"works fine" as the need.  Reasons are data (`phrases.reason`), rendered at the edge.
"""

import numpy as np

from matching.phrases import reason
from matching.text import IMPLIES, analyse, word_feature

MAX_WORDS = 3


class Explainer:
    """Explains one profile's matches; built once per `suggest` call."""

    def __init__(self, area_texts: list[tuple[str, str]], needs: dict[str, float],
                 names: np.ndarray, text_columns: np.ndarray):
        self.needs = needs
        self.names = names
        self.text_columns = text_columns
        # Per text, the features each token stands for: computed once per profile, then
        # every suggested item only looks up its contributions.
        self.texts = [(area, analysis.tokens, _token_features(analysis))
                      for area, analysis in ((a, analyse(t)) for a, t in area_texts)]

    def words(self, row) -> tuple[list[str], list[str]]:
        """The company's phrases behind a match, best first, and the areas they were in.

        `row` is (query, columns, values): the dense query and the item's sparse row.
        """
        query, columns, values = row
        keep = self.text_columns[columns]
        columns = columns[keep]
        product = values[keep] * query[columns]
        contribution = {}
        for col, value in zip(columns[product > 0], product[product > 0], strict=True):
            name = self.names[col]
            contribution[name] = max(contribution.get(name, 0.0), float(value))
        if not contribution:
            return [], []
        phrases: dict[str, tuple[float, str]] = {}
        for area, tokens, features in self.texts:
            marks = [max((contribution.get(f, 0.0) for f in fs), default=0.0) for fs in features]
            for phrase, score in _runs(tokens, marks):
                if phrase not in phrases or phrases[phrase][0] < score:
                    phrases[phrase] = (score, area)
        best = sorted(phrases.items(), key=lambda p: -p[1][0])[:MAX_WORDS]
        return [p for p, _ in best], list(dict.fromkeys(area for _, (_, area) in best))

    def top_areas(self, areas, limit: int = 2) -> list[str]:
        """The given areas the company needs most, most needed first."""
        known = [a for a in areas if self.needs.get(a, 0) > 0]
        return sorted(known, key=lambda a: -self.needs[a])[:limit]

    def offer(self, item_row, item_areas) -> dict:
        """The main reason for a workshop series or a coach."""
        phrases, word_areas = self.words(item_row)
        areas = [a for a in word_areas if a in item_areas] or self.top_areas(item_areas) \
            or word_areas
        if phrases and areas:
            return reason("need_words", areas=areas[:2], words=phrases)
        if areas:
            return reason("need_area", areas=areas[:2])
        if phrases:
            return reason("words_only", words=phrases)
        return reason("closest")

    def level(self, item_level: float, item_areas) -> dict | None:
        """Says when a series is pitched at the company's level in an area it needs."""
        areas = self.top_areas(item_areas, 1)
        if not areas or item_level == 0:
            return None
        return reason("level_basic" if item_level > 0 else "level_advanced", areas=areas)

    def case(self, item_row, case_areas, company_bits: list[str]) -> list[dict]:
        """Reasons for an earlier case: the shared need, then what the companies share."""
        phrases, word_areas = self.words(item_row)
        areas = word_areas or self.top_areas(case_areas)
        out = []
        if phrases and areas:
            out.append(reason("case_words", areas=areas[:2], words=phrases))
        elif areas:
            out.append(reason("case_area", areas=areas[:2]))
        if company_bits:
            out.append(reason("case_company", what=list(company_bits)))
        return out or [reason("closest")]


def _token_features(analysis) -> list[list[str]]:
    """The concept and word features each token of a text gave."""
    features: list[list[str]] = [[] for _ in analysis.tokens]
    for concept, first, end in analysis.concepts:
        names = ["c:" + concept, *("c:" + c for c in IMPLIES[concept])]
        for i in range(first, end):
            features[i].extend(names)
    for i, token in enumerate(analysis.tokens):
        feature = word_feature(token, analysis.lang)
        if feature:
            features[i].append(feature)
    return features


def _runs(tokens, marks) -> list[tuple[str, float]]:
    """Consecutive marked tokens as phrases with their best mark."""
    out, run, best = [], [], 0.0
    for token, mark in zip((*tokens, ""), (*marks, 0.0), strict=True):
        if mark > 0:
            run.append(token)
            best = max(best, mark)
        elif run:
            out.append((" ".join(run), best))
            run, best = [], 0.0
    return out
