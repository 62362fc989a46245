"""Text analysis: words, Snowball stems and lexicon concepts, remembering which words made each.

The analysers here are what the scikit-learn vectorisers call (`analyzer=`): concept tokens
("c:", language-independent) and word stems ("w:", within-language overlap on words the
lexicon does not know).  `analyse` keeps the token positions so that `matching.explain` can
quote the company's own words back in a reason.

Inflections are Snowball's (the `snowballstemmer` package: "svetsningarna" -> "svetsning",
"ställtiderna" -> "ställtid").  Lexicon entries match whole words and phrases; a Swedish
compound is split against the lexicon (`Lexicon._compound`): its last part decides what it
means ("investeringskalkyl" is a calculation, "kalkylark" is a sheet), so a stem is never
matched inside a word of another sense.
"""

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

import snowballstemmer

from matching.cues import EN_STOP_WORDS, STOP_WORDS, SV_STOP_WORDS
from matching.lexicon import CONCEPTS, NEUTRAL_HEADS

_WORD = re.compile(r"[^\W_]+")
_STEMMERS = {"sv": snowballstemmer.stemmer("swedish"), "en": snowballstemmer.stemmer("english")}
LANGS = ("sv", "en")
MIN_PART = 4  # a compound's parts have at least four letters ("kon-kurs" is no course)


def raw_words(text: str | None) -> list[str]:
    """Word tokens as written; hyphens and slashes separate words ("ERP-system")."""
    if not text:
        return []
    return _WORD.findall(unicodedata.normalize("NFC", str(text)))


def words(text: str | None) -> list[str]:
    """Lower-cased word tokens."""
    return [w.lower() for w in raw_words(text)]


@lru_cache(maxsize=200_000)
def stem(word: str, lang: str = "sv") -> str:
    """Snowball stem of a lower-cased word in "sv" or "en".

    Swedish Snowball leaves the definite form of nouns in "-a" and "-ö" as it is ("tavlan",
    "miljön"); that "-n" is taken off first so that "arbetsmiljön" meets "arbetsmiljö".
    """
    if lang == "sv" and len(word) > 5 and word[-2:] in ("an", "ön"):
        word = word[:-1]
    return _STEMMERS[lang].stemWord(word)


def language(tokens) -> str:
    """"en" when a text has more English than Swedish stop words, else "sv"."""
    balance = sum((t in EN_STOP_WORDS) - (t in SV_STOP_WORDS) for t in tokens)
    return "en" if balance > 0 else "sv"


def _key(word: str, lang: str) -> str:
    """How a lexicon word is compared: its stem, or the word itself when the stem is short
    (short stems collide: "lager" -> "lag")."""
    stemmed = stem(word, lang)
    return stemmed if len(stemmed) >= 4 else "=" + word


class Lexicon:
    """Finds labelled words and phrases in a token list.

    Entry syntax (see `matching.lexicon`): "svetsning" a word, any inflection (Snowball) and,
    in Swedish, as a part of a compound; "korta serier" a phrase of consecutive words, each
    by its stem; "=ai" a whole word exactly as written, case-sensitive when it has capitals
    ("=TAK" is the Swedish acronym for OEE, "tak" a roof).
    """

    def __init__(self, entries: dict[str, dict[str, tuple[str, ...]]]):
        self.exact: dict[str, str] = {}        # lower-case whole words
        self.exact_case: dict[str, str] = {}   # acronyms with capitals
        self.words = {lang: {} for lang in LANGS}  # key -> label
        self.modifiers: dict[str, str] = {}    # Swedish forms a compound may start with
        self.phrases = {lang: {} for lang in LANGS}  # first two keys -> [(keys, label)]
        for label, by_lang in entries.items():
            for lang, items in by_lang.items():
                for raw in items:
                    self._add(raw, label, lang)
        for lang in LANGS:
            for pair in self.phrases[lang]:
                self.phrases[lang][pair].sort(key=lambda p: -len(p[0]))
        self.firsts = {lang: {k1 for k1, _ in self.phrases[lang]} for lang in LANGS}
        self.token_labels = lru_cache(maxsize=200_000)(self._token_labels)
        self.info = lru_cache(maxsize=200_000)(self._info)

    def _add(self, raw: str, label: str, lang: str) -> None:
        if " " in raw:
            keys = tuple(p if p.startswith("=") else _key(p, lang) for p in raw.lower().split())
            self.phrases[lang].setdefault(keys[:2], []).append((keys, label))
        elif raw.startswith("="):
            word = raw[1:]
            (self.exact if word == word.lower() else self.exact_case)[word] = label
        else:
            word = raw.lower()
            key = _key(word, lang)
            if key.startswith("="):
                self.exact[word] = label
            else:
                self.words[lang][key] = label
            if lang == "sv":
                self.modifiers[word] = label
                self.modifiers[stem(word, "sv")] = label

    def _token_labels(self, token: str) -> tuple[str, ...]:
        """Labels of one lower-cased word: whole word in either language, else its compound."""
        if token in self.exact:
            return (self.exact[token],)
        found = [self.words[lang].get(stem(token, lang)) for lang in LANGS]
        found = [f for f in found if f]
        if not found and len(token) >= 2 * MIN_PART:
            found = self._compound(stem(token, "sv"))
        return tuple(dict.fromkeys(found))

    def _modifier(self, part: str) -> list[str]:
        """Labels of the first part(s) of a compound, linking "s" allowed ("produktions-")."""
        for form in dict.fromkeys((part, part[:-1] if part.endswith("s") else part)):
            if len(form) < MIN_PART:
                continue
            if form in self.modifiers:
                return [self.modifiers[form]]
            if stem(form, "sv") in self.words["sv"]:
                return [self.words["sv"][stem(form, "sv")]]
            inner = self._compound(form)
            if inner:
                return inner
        return []

    def _compound(self, stemmed: str) -> list[str]:
        """A Swedish compound's labels: its head (last part) must be a lexicon word, or a
        neutral head ("-arbete", "-system") after a lexicon word; else nothing."""
        vocabulary = self.words["sv"]
        for i in range(MIN_PART, len(stemmed) - MIN_PART + 1):
            head = stemmed[i:]
            if head in vocabulary:
                return [*self._modifier(stemmed[:i]), vocabulary[head]]
        for head in NEUTRAL_HEADS:
            if stemmed.endswith(head) and len(stemmed) - len(head) >= MIN_PART:
                return self._modifier(stemmed[: -len(head)])
        return []

    def _info(self, token: str) -> tuple[dict, bool, tuple[str, ...]]:
        """Per token, once: how it is compared in phrases per language, whether a phrase
        may start with it (most words start none), and its own labels."""
        keys = {lang: ("=" + token, stem(token, lang)) for lang in LANGS}
        starts = any(k in self.firsts[lang] for lang in LANGS for k in keys[lang])
        return keys, starts, self.token_labels(token)

    def _phrase_at(self, infos: list, i: int) -> tuple[str, int] | None:
        """The longest phrase starting at token i, by its first two words' keys."""
        first, second = infos[i][0], infos[i + 1][0]
        for lang in LANGS:
            for k1 in first[lang]:
                for k2 in second[lang]:
                    for parts, label in self.phrases[lang].get((k1, k2), ()):
                        n = len(parts)
                        if i + n <= len(infos) and all(
                                parts[j] in infos[i + j][0][lang] for j in range(2, n)):
                            return label, n
        return None

    def hits(self, tokens: list[str], originals: list[str] | None = None
             ) -> list[tuple[str, int, int]]:
        """(label, first token, end token) for every phrase and word found.

        A word inside a matched phrase gives no label of its own ("IT-säkerhet" is about
        IT security, not about safety at work).
        """
        originals = originals or tokens
        infos = [self.info(t) for t in tokens]
        found: list[tuple[str, int, int]] = []
        covered: set[int] = set()
        if any(info[1] for info in infos[:-1]):
            for i in range(len(tokens) - 1):
                if i in covered or not infos[i][1]:
                    continue
                hit = self._phrase_at(infos, i)
                if hit is not None:
                    found.append((hit[0], i, i + hit[1]))
                    covered.update(range(i, i + hit[1]))
        phrases = bool(found)
        exact_case = self.exact_case
        for i, (_, _, labels) in enumerate(infos):
            if i in covered:
                continue
            if exact_case and originals[i] in exact_case:
                found.append((exact_case[originals[i]], i, i + 1))
                continue
            for label in labels:
                found.append((label, i, i + 1))
        if phrases:
            found.sort(key=lambda h: h[1])
        return found

    def labels(self, text: str | None) -> set[str]:
        """The set of labels found in a text."""
        originals = raw_words(text)
        return {lab for lab, _, _ in self.hits([w.lower() for w in originals], originals)}


CONCEPT_LEXICON = Lexicon({c: {"sv": sv, "en": en} for c, (_, _, sv, en) in CONCEPTS.items()})


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
    """Tokens of one text, the concepts found in them (with token spans) and its language."""

    tokens: tuple[str, ...]
    concepts: tuple[tuple[str, int, int], ...]
    lang: str


@lru_cache(maxsize=8192)
def analyse(text: str) -> Analysis:
    originals = raw_words(text)
    tokens = [w.lower() for w in originals]
    return Analysis(tuple(tokens), tuple(CONCEPT_LEXICON.hits(tokens, originals)),
                    language(tokens))


@lru_cache(maxsize=200_000)
def word_feature(token: str, lang: str) -> str | None:
    """The "w:" feature of a token, or None for stop words, numbers and short words."""
    if len(token) <= 2 or token in STOP_WORDS or token.isdigit():
        return None
    return "w:" + stem(token, lang)


def concept_tokens(text: str) -> list[str]:
    """Concept tokens of a text ("c:" + concept, then the concepts it implies)."""
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
    out = concept_tokens(text)
    lang = analysis.lang
    out.extend(f for f in map(word_feature, analysis.tokens, [lang] * len(analysis.tokens))
               if f)
    return out
