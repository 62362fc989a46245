"""Text analysis: words, light stems and lexicon concepts, remembering which words made each.

The analysers here are what the scikit-learn vectorisers call (`analyzer=`): one returns
concept tokens (language-independent), one returns light word stems (within-language
overlap on words the lexicon does not know).  `analyse` keeps the token positions so that
`matching.explain` can quote the company's own words back in a reason.
"""

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

from matching.cues import STOP_WORDS
from matching.lexicon import CONCEPTS

_WORD = re.compile(r"[^\W_]+")
# Longest first; a suffix is stripped only when at least four characters remain.
_SUFFIXES = tuple(sorted((
    "ningarna", "ningar", "ningen", "ningens", "heterna", "heten", "heter", "arnas", "ernas",
    "ornas", "arna", "erna", "orna", "ande", "ende", "aste", "are", "ast", "het", "ning", "ar",
    "er", "or", "en", "et", "na", "a", "e", "s", "ations", "ation", "ings", "ing", "ed", "es",
    "ly",
), key=len, reverse=True))


def words(text: str | None) -> list[str]:
    """Lower-cased word tokens; hyphens and slashes separate words ("ERP-system")."""
    if not text:
        return []
    return _WORD.findall(unicodedata.normalize("NFC", str(text)).lower())


@lru_cache(maxsize=100_000)
def stem(word: str) -> str:
    """A light Swedish/English suffix stripper: "svetsningar" -> "svets", "welding" -> "weld"."""
    for suffix in _SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= 4:
            return word[: -len(suffix)]
    return word


class StemMatcher:
    """Finds labelled stems in a token list (see the stem syntax in `matching.lexicon`)."""

    def __init__(self, entries: dict[str, tuple[str, ...]]):
        self.exact: dict[str, str] = {}
        self.prefix: dict[str, str] = {}
        self.infix: dict[str, str] = {}
        self.phrase: dict[str, str] = {}
        for label, stems in entries.items():
            for raw in stems:
                if " " in raw:
                    self.phrase[raw] = label
                elif raw.startswith("="):
                    self.exact[raw[1:]] = label
                elif raw.startswith("^"):
                    self.prefix[raw[1:]] = label
                else:
                    self.infix[raw] = label
        by_length = sorted(self.infix, key=len, reverse=True)
        # A lookahead finds overlapping occurrences; at each position the longest stem wins.
        self._infix = re.compile("(?=(" + "|".join(map(re.escape, by_length)) + "))") \
            if by_length else None
        # Phrases indexed by the first (up to) three letters of their first word, so that a
        # text costs a dictionary look-up per word rather than a scan for every phrase.
        self._phrase_index: dict[str, list[tuple[tuple[str, ...], str]]] = {}
        for phrase, label in sorted(self.phrase.items(), key=lambda p: -len(p[0])):
            parts = tuple(phrase.split())
            self._phrase_index.setdefault(parts[0][:3].rstrip("$"), []).append((parts, label))
        self.token_labels = lru_cache(maxsize=200_000)(self._token_labels)
        self.phrase_starts = lru_cache(maxsize=200_000)(self._starting)

    @staticmethod
    def _word_matches(token: str, word: str) -> bool:
        return token == word[:-1] if word.endswith("$") else token.startswith(word)

    def _starting(self, token: str) -> tuple[tuple[tuple[str, ...], str], ...]:
        """Phrases whose first word matches this token, longest first (cached per token)."""
        found = [(parts, label) for key in dict.fromkeys((token[:1], token[:2], token[:3]))
                 for parts, label in self._phrase_index.get(key, ())
                 if self._word_matches(token, parts[0])]
        return tuple(sorted(found, key=lambda p: -len(p[0])))

    def _phrases_at(self, tokens: list[str], i: int) -> tuple[str, int] | None:
        """The longest phrase starting at token i, as (label, number of words)."""
        for parts, label in self.phrase_starts(tokens[i]):
            if i + len(parts) <= len(tokens) and all(
                    self._word_matches(tokens[i + j], w) for j, w in enumerate(parts[1:], 1)):
                return label, len(parts)
        return None

    def _token_labels(self, token: str) -> tuple[str, ...]:
        """Labels in one word; overlapping stems inside a compound: the longest wins."""
        if token in self.exact:
            return (self.exact[token],)
        spans = [(0, len(p), lab) for p, lab in self.prefix.items() if token.startswith(p)]
        if self._infix is not None:
            for m in self._infix.finditer(token):
                found = m.group(1)
                spans.append((m.start(), m.start() + len(found), self.infix[found]))
        spans.sort(key=lambda s: s[1] - s[0], reverse=True)
        taken: list[tuple[int, int, str]] = []
        for s in spans:
            if all(s[1] <= t[0] or s[0] >= t[1] for t in taken):
                taken.append(s)
        taken.sort()
        return tuple(dict.fromkeys(lab for _, _, lab in taken))

    def hits(self, tokens: list[str]) -> list[tuple[str, int, int]]:
        """(label, first token, end token) for every phrase and stem found.

        A word inside a matched phrase gives no label of its own ("IT-säkerhet" is about
        IT security, not about safety at work).
        """
        found: list[tuple[str, int, int]] = []
        covered: set[int] = set()
        if self._phrase_index and len(tokens) > 1:
            starts = self.phrase_starts
            for i in range(len(tokens) - 1):
                if i in covered or not starts(tokens[i]):
                    continue
                hit = self._phrases_at(tokens, i)
                if hit is not None:
                    found.append((hit[0], i, i + hit[1]))
                    covered.update(range(i, i + hit[1]))
        found.extend((lab, i, i + 1) for i, tok in enumerate(tokens) if i not in covered
                     for lab in self.token_labels(tok))
        found.sort(key=lambda h: h[1])
        return found

    def labels(self, text: str | None) -> set[str]:
        """The set of labels found in a text."""
        return {lab for lab, _, _ in self.hits(words(text))}


CONCEPT_MATCHER = StemMatcher({c: sv + en for c, (_, _, sv, en) in CONCEPTS.items()})


def _closure(concept: str, seen: tuple[str, ...] = ()) -> tuple[str, ...]:
    out: list[str] = []
    for implied in CONCEPTS[concept][1]:
        if implied not in seen and implied != concept:
            out.append(implied)
            out.extend(_closure(implied, (*seen, concept)))
    return tuple(dict.fromkeys(out))


# "cobot" implies "robot", which implies "automation": a text about cobots is about both.
IMPLIES = {c: _closure(c) for c in CONCEPTS}
CONCEPT_AREAS = {c: areas for c, (areas, _, _, _) in CONCEPTS.items()}


@dataclass(frozen=True)
class Analysis:
    """Tokens of one text and the concepts found in them, with token spans."""

    tokens: tuple[str, ...]
    concepts: tuple[tuple[str, int, int], ...]


@lru_cache(maxsize=4096)
def analyse(text: str) -> Analysis:
    tokens = words(text)
    hits = CONCEPT_MATCHER.hits(tokens)
    return Analysis(tuple(tokens), tuple(hits))


def concept_tokens(text: str) -> list[str]:
    """Analyzer for the concept vectoriser: "c:" + concept, plus the concepts it implies."""
    out = []
    for concept, _, _ in analyse(text).concepts:
        out.append("c:" + concept)
        out.extend("c:" + implied for implied in IMPLIES[concept])
    return out


def text_tokens(text: str) -> list[str]:
    """Analyzer for the text vectoriser: concept tokens ("c:") then word stems ("w:").

    One pass instead of two vectorisers: tokenising is what fitting 100,000 cases costs.
    """
    analysis = analyse(text)
    out = []
    for concept, _, _ in analysis.concepts:
        out.append("c:" + concept)
        out.extend("c:" + implied for implied in IMPLIES[concept])
    out.extend("w:" + stem(t) for t in analysis.tokens
               if len(t) > 2 and t not in STOP_WORDS and not t.isdigit())
    return out
