"""Ranking workshop series and coaches: per-area evidence, weighted by how much it is needed.

Why per area (issue 11): a share of *all* the concepts a company wrote let one stray word in
a low-priority or "all is fine" answer take the whole text weight.  Here each area's answer
is read on its own and counts by that area's need, divided by the total need of the answers:
a passing mention cannot outrank the urgent area, and an urgent answer the lexicon cannot read
leaves the decision to the open-vocabulary text and the numbers.

Blocks, each in [0, 1] per offer (`OfferIndex.blocks`):
- need: the largest relative need among the offer's declared areas (a series for two areas
  is not diluted, as it was by a cosine);
- concepts: per area, the share of that answer's concept weight the offer deals with;
- chars: per area, cosine of character 3-5-grams of the answer and the offer's text
  (open vocabulary: a need in words the lexicon lacks), rescaled to the best offer;
- words: the same with Snowball word stems, rescaled to the best offer;
- level, sector: beginner/advanced and industry cues (small weights: tie-breakers).
"""

from collections import Counter
from dataclasses import dataclass

import numpy as np
import scipy.sparse as sp
from sklearn.feature_extraction.text import TfidfVectorizer

from matching.records import AREAS

BLOCKS = ("need", "concepts", "chars", "words", "level", "sector")


@dataclass(frozen=True)
class AreaQuery:
    """One profile, area by area: what `OfferIndex.blocks` reads."""

    weights: np.ndarray        # (areas,) need x stance factor / total need; 0 if unanswered
    relative: np.ndarray       # (areas,) need / largest need
    texts: tuple[str, ...]     # the evidence text of each area ("" when none)
    concepts: sp.csr_matrix    # (areas, text features): squared, L2-normalised concepts
    words: sp.csr_matrix       # (areas, text features): L2-normalised word stems
    level: np.ndarray          # the profile's level block (L2-normalised)
    sector: np.ndarray         # the profile's industry block


def _rescaled(values: np.ndarray) -> np.ndarray:
    """Scaled to the best offer: open-vocabulary similarities differ by hundredths across
    offers, so only their order within one profile says anything."""
    top = values.max(initial=0.0)
    return values / top if top > 0 else values


class OfferIndex:
    """One list of offers (workshop series or coaches), encoded for ranking."""

    def __init__(self, texts: list[str], areas: list[list[str]], text_rows: sp.csr_matrix,
                 concepts: slice, words: slice, level: np.ndarray, sector: np.ndarray,
                 ngram_range: tuple[int, int] = (3, 5)):
        n = len(texts)
        self.declared = np.zeros((n, len(AREAS)))
        for i, item_areas in enumerate(areas):
            for area in item_areas:
                self.declared[i, AREAS.index(area)] = 1.0
        rows = sp.csr_matrix(text_rows)
        self.concepts = _only(rows, concepts, binary=True)
        self.words = _only(rows, words)
        self.level, self.sector = level, sector
        self.chars_vectorizer = TfidfVectorizer(analyzer="char_wb", ngram_range=ngram_range,
                                                sublinear_tf=True)
        try:
            self.chars = self.chars_vectorizer.fit_transform(texts)
        except ValueError:  # no offer has any text
            self.chars_vectorizer, self.chars = None, sp.csr_matrix((n, 0))
        else:  # the fitted parts, to encode a query without transform()'s validation
            self.analyze = self.chars_vectorizer.build_analyzer()
            self.vocabulary = self.chars_vectorizer.vocabulary_
            self.idf = self.chars_vectorizer.idf_

    def _encode_chars(self, texts: list[str]) -> np.ndarray:
        """(features, texts): sublinear tf-idf, L2-normalised, as TfidfVectorizer does."""
        out = np.zeros((len(self.vocabulary), len(texts)))
        for j, text in enumerate(texts):
            counts = Counter(i for i in map(self.vocabulary.get, self.analyze(text))
                             if i is not None)
            if not counts:
                continue
            index = np.fromiter(counts, dtype=np.intp, count=len(counts))
            values = (np.log(np.fromiter(counts.values(), dtype=float, count=len(counts)))
                      + 1.0) * self.idf[index]
            out[index, j] = values / np.sqrt(values @ values)
        return out

    def blocks(self, query: AreaQuery, used=BLOCKS) -> dict[str, np.ndarray]:
        """The score of each block in `used` per offer, each in [0, 1]."""
        n = self.declared.shape[0]
        weights = query.weights
        out = {b: np.zeros(n) for b in used}
        if "need" in used:
            out["need"] = (self.declared * query.relative).max(axis=1, initial=0.0)
        if "concepts" in used and query.concepts.nnz:
            out["concepts"] = (self.concepts @ query.concepts.T).toarray() @ weights
        if "words" in used and query.words.nnz:
            out["words"] = _rescaled((self.words @ query.words.T).toarray() @ weights)
        with_text = [i for i, t in enumerate(query.texts) if t and weights[i] > 0]
        if "chars" in used and self.chars_vectorizer is not None and with_text:
            similarity = self.chars @ self._encode_chars([query.texts[i] for i in with_text])
            out["chars"] = _rescaled(similarity @ weights[with_text])
        if "level" in used:
            out["level"] = np.clip(self.level @ query.level, 0.0, 1.0)
        if "sector" in used:
            out["sector"] = np.clip(self.sector @ query.sector, 0.0, 1.0)
        return out


def _only(rows: sp.csr_matrix, cols: slice, binary: bool = False) -> sp.csr_matrix:
    """The rows with every column outside `cols` set to zero (same width)."""
    out = rows.copy()
    inside = (out.indices >= cols.start) & (out.indices < cols.stop)
    out.data = np.where(inside, 1.0 if binary else out.data, 0.0)
    out.eliminate_zeros()
    return out


def combine(blocks: dict[str, np.ndarray], weights: dict[str, float]) -> np.ndarray:
    """The weighted mean of the blocks (weights need not sum to 1)."""
    total = sum(weights.values())
    return sum(w * blocks[b] for b, w in weights.items()) / total
