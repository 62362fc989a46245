"""Records -> one sparse feature matrix, built from scikit-learn's own parts.

Each block (concept tokens, word stems, need per area, level per area, industry, size) is
L2-normalised on its own.  The cases' side is then scaled by the block's weight, so that one
sparse product `cases @ query` equals the weighted sum of per-block similarities -- ranking
100,000 cases costs a single product, however many blocks.  Offers read the same space area
by area (`matching.offers`).
"""

import numpy as np
import scipy.sparse as sp
from sklearn.base import BaseEstimator, TransformerMixin, clone
from sklearn.compose import ColumnTransformer
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.preprocessing import Normalizer, normalize
from sklearn.utils.validation import check_is_fitted

from matching.records import LEVEL, NEED, SECTOR, SIZE, TEXT
from matching.text import text_tokens

# Block weights for ranking cases (they sum to 1, so a score is at most 1); offers are
# ranked area by area, see `matching.offers`.
TEXT_GROUPS = ("c:", "w:")  # concept tokens, word stems: one analyser, two blocks
CASE_WEIGHTS = {"concepts": 0.30, "words": 0.12, "need": 0.30, "level": 0.12, "sector": 0.10,
                "size": 0.06}


class WeightedTexts(TransformerMixin, BaseEstimator):
    """Vectorise each record's (text, weight) pairs and add them up, row-normalised.

    Why: a profile's free text comes per area, and text in an urgent, immature area says
    more about what the company needs than text in an area it ranks low.
    """

    def __init__(self, vectorizer=None, groups=None):
        self.vectorizer = vectorizer
        self.groups = groups

    @staticmethod
    def _flatten(column):
        texts, rows, weights = [], [], []
        for i, pairs in enumerate(column):
            for text, weight in pairs or ():
                texts.append(text)
                rows.append(i)
                weights.append(weight)
        return texts, rows, weights

    def fit(self, X, y=None):
        self.fit_transform(X)
        return self

    def fit_transform(self, X, y=None):
        """Fit and transform in one pass over the texts (analysis is the costly part)."""
        texts, rows, weights = self._flatten(X)
        vectorizer = clone(self.vectorizer if self.vectorizer is not None else TfidfVectorizer())
        try:
            tfidf = vectorizer.fit_transform(texts)
        except ValueError:  # no texts, or no token in any of them: an empty block
            self.vectorizer_, self.n_features_ = None, 0
            self._find_groups()
            return sp.csr_matrix((len(X), 0))
        self.vectorizer_, self.n_features_ = vectorizer, len(vectorizer.vocabulary_)
        self._find_groups()
        return self._combine(tfidf, rows, weights, len(X))

    def transform(self, X):
        check_is_fitted(self, "n_features_")
        texts, rows, weights = self._flatten(X)
        if self.vectorizer_ is None or not texts:
            return sp.csr_matrix((len(X), self.n_features_))
        return self._combine(self.vectorizer_.transform(texts), rows, weights, len(X))

    def _find_groups(self) -> None:
        """Column slices of each token group; the vocabulary is sorted, so each group
        (all tokens starting with one prefix) is a contiguous run of columns."""
        names = self.get_feature_names_out()
        self.group_slices_ = {}
        for prefix in self.groups or ():
            inside = np.flatnonzero(np.char.startswith(names.astype(str), prefix)) \
                if names.size else np.empty(0, dtype=int)
            self.group_slices_[prefix] = slice(int(inside[0]), int(inside[-1]) + 1) \
                if inside.size else slice(0, 0)
        self.column_group_ = np.zeros(self.n_features_, dtype=np.intp)
        for g, cols in enumerate(self.group_slices_.values(), start=1):
            self.column_group_[cols] = g

    def _combine(self, tfidf, rows, weights, n_rows):
        combine = sp.csr_matrix((weights, (rows, np.arange(len(rows)))),
                                shape=(n_rows, len(rows)))
        summed = sp.csr_matrix(combine @ tfidf)
        if not self.groups:
            return normalize(summed)
        # Each group normalised on its own, as if it came from a vectoriser of its own.
        row_of = np.repeat(np.arange(n_rows), np.diff(summed.indptr))
        group_of = self.column_group_[summed.indices]
        norms = np.zeros((n_rows, len(self.groups) + 1))
        np.add.at(norms, (row_of, group_of), summed.data ** 2)
        norms = np.sqrt(norms)
        norms[norms == 0] = 1.0
        summed.data /= norms[row_of, group_of]
        return summed

    def get_feature_names_out(self, input_features=None):
        if self.vectorizer_ is None:
            return np.array([], dtype=object)
        return self.vectorizer_.get_feature_names_out()


def feature_space() -> ColumnTransformer:
    """One space for profiles, series, coaches and cases, so a profile is encoded once."""
    return ColumnTransformer([
        ("text", WeightedTexts(TfidfVectorizer(analyzer=text_tokens, sublinear_tf=True,
                                               lowercase=False), groups=TEXT_GROUPS), TEXT),
        ("need", Normalizer(), NEED),
        ("level", Normalizer(), LEVEL),
        ("sector", Normalizer(), SECTOR),
        ("size", Normalizer(), SIZE),
    ], sparse_threshold=1.0)


def blocks(space: ColumnTransformer) -> dict[str, slice]:
    """Column slices of every block of a fitted space, the text block split in two."""
    out = {name: cols for name, cols in space.output_indices_.items()
           if name not in ("text", "remainder")}
    text = space.output_indices_["text"]
    groups = space.named_transformers_["text"].group_slices_
    for name, prefix in zip(("concepts", "words"), TEXT_GROUPS, strict=True):
        cols = groups[prefix]
        out[name] = slice(text.start + cols.start, text.start + cols.stop)
    return out


def width(space: ColumnTransformer) -> int:
    return max((s.stop for s in space.output_indices_.values()), default=0)


def weighted(space: ColumnTransformer, matrix, weights: dict[str, float]) -> sp.csr_matrix:
    """Catalogue matrix with block weights applied, ready for the ranking product."""
    scale = np.zeros(width(space))
    for name, cols in blocks(space).items():
        scale[cols] = weights.get(name, 0.0)
    out = sp.csr_matrix(matrix @ sp.diags(scale))
    out.eliminate_zeros()
    return out
