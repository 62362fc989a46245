"""What a clause says about a need: satisfied, solved already, put off, or not known.

Why: "the robots run fine", "we already have an ERP", "later" and "don't know" name a theme
without asking for help with it.  Counted as evidence, they pull the company towards offers
it does not need.  So each answer is cut into clauses (sentences, and parts joined by "men",
"but" or a comma) and a clause with a stance cue gives no text evidence; "don't know" also
lowers the weight of its area (`UNSURE_WEIGHT`).

The cue lists come from how companies answer in our own labelled set and cases ("Affärssystem
finns, men ...", "Automation kanske på sikt", "Already a lot of automation", "stabila
kunder").  A satisfaction or existing-solution cue is cancelled by a negation in the same
clause ("fungerar inte bra", "finns inte") or a wish ("har redan en robot och vill ha
fler"); "vet inte hur vi ska räkna" asks for help and is
not "don't know" -- only a "don't know" that ends its clause is.
"""

import re
from dataclasses import dataclass
from functools import lru_cache

SATISFIED, EXISTING, DEFERRED, UNSURE = "satisfied", "existing", "deferred", "unsure"
UNSURE_WEIGHT = 0.5

CUES: dict[str, dict[str, tuple[str, ...]]] = {
    SATISFIED: {
        "sv": ("fungerar bra", "funkar bra", "fungerar fint", "funkar fint", "går bra",
               "rullar på", "nöjd", "nöjda", "under kontroll", "inga problem", "inget problem",
               "stabil", "stabila", "stabilt", "bra orderläge", "bra koll",
               "tillräckligt bra"),
        "en": ("works well", "work well", "works fine", "work fine", "runs fine", "run fine",
               "running fine", "running well", "runs well", "is fine", "are fine", "no problem",
               "no problems", "no issues", "under control", "happy with", "satisfied",
               "stable", "going well", "good enough"),
    },
    EXISTING: {
        "sv": ("har redan", "redan har", "finns redan", "finns", "har infört", "har installerat",
               "på plats", "är automatiserad", "är automatiserade", "är automatiserat",
               "är digitaliserad", "är digitaliserat", "använder redan", "redan infört"),
        "en": ("already", "in place", "have implemented", "has been implemented",
               "have installed", "is automated", "are automated", "up and running",
               "we use", "we have a working"),
    },
    DEFERRED: {
        "sv": ("på sikt", "senare", "längre fram", "inte nu", "inte just nu", "inte aktuellt",
               "om några år", "avvaktar", "väntar med", "vänta med", "parkerat", "i framtiden",
               "någon gång"),
        "en": ("later", "in the future", "not now", "not right now", "not a priority",
               "some day", "someday", "down the road", "in a few years", "on hold",
               "wait with", "eventually"),
    },
    UNSURE: {
        "sv": ("vet inte", "vet ej", "ingen aning", "osäker", "osäkra", "oklart",
               "har inte tänkt på det", "inte tänkt på det"),
        "en": ("don't know", "do not know", "dont know", "not sure", "no idea", "unsure",
               "unclear", "haven't thought about it", "have not thought about it"),
    },
}
NEGATIONS = ("inte", "ej", "ingen", "inget", "inga", "aldrig", "saknar", "saknas", "utan",
             "dåligt", "dålig", "not", "no", "never", "nothing", "without", "lack", "lacks",
             "poorly", "badly", "doesn't", "don't", "isn't", "aren't", "won't", "can't",
             "hardly")
# A satisfied or existing clause that also asks for more still states a need.
WANTS = ("vill", "vilja", "behöver", "önskar", "want", "wants", "need", "needs", "wish")
# Words that may follow "don't know" at the end of a clause without making it a question.
UNSURE_TAIL = ("än", "ännu", "riktigt", "heller", "just", "nu", "yet", "really", "exactly",
               "either")
# Clause boundaries: sentence ends, line breaks, semicolons, commas and the contrast words.
_SPLIT = re.compile(r"[.!?;:\n]+|,|\s+(?:men|fast|but|however|although|though)\s+",
                    re.IGNORECASE)
_WORD = re.compile(r"[\w']+")
_CANCEL = frozenset(NEGATIONS + WANTS)
_TAIL = frozenset(UNSURE_TAIL)
# Cues by their first word, longest first: matched on the clause's words, not by scanning
# the text with one large regular expression for every cue (fitting 100,000 cases).
_CUE_INDEX: dict[str, list[tuple[tuple[str, ...], str]]] = {}
for _stance, _by_lang in CUES.items():
    for _cues in _by_lang.values():
        for _cue in _cues:
            _words = tuple(_WORD.findall(_cue))
            _CUE_INDEX.setdefault(_words[0], []).append((_words, _stance))
for _found in _CUE_INDEX.values():
    _found.sort(key=lambda c: -len(c[0]))
# Every cue has a word that is rarely anything else (its longest one): a text with none of
# those words has no stance at all, and is returned as it is without cutting it up.
_TRIGGERS = frozenset(max(cue, key=len) for found in _CUE_INDEX.values() for cue, _ in found)


@dataclass(frozen=True)
class Clause:
    text: str
    stance: str | None


def _cues(words: list[str]) -> list[tuple[str, int, int]]:
    found = []
    for i, word in enumerate(words):
        for cue, stance in _CUE_INDEX.get(word, ()):
            if tuple(words[i:i + len(cue)]) == cue:
                found.append((stance, i, i + len(cue)))
                break
    return found


def clause_stance(clause: str) -> str | None:
    """The stance of one clause, or None when it states a need (or nothing in particular)."""
    words = _WORD.findall(clause.lower().replace("’", "'"))
    found = _cues(words) if words else []
    if not found:
        return None
    if any(stance == UNSURE and _TAIL.issuperset(words[end:])
           for stance, _, end in found):
        return UNSURE
    for wanted in (DEFERRED, SATISFIED, EXISTING):
        for stance, start, end in found:
            if stance != wanted:
                continue
            if stance == DEFERRED:
                return stance
            rest = words[:start] + words[end:]
            # "fungerar inte bra" is a problem, "finns, men vi vill ha mer" a need.
            if _CANCEL.isdisjoint(rest) and ("would", "like") not in zip(rest, rest[1:],
                                                                         strict=False):
                return stance
    return None


@lru_cache(maxsize=16_384)
def clauses(text: str) -> tuple[Clause, ...]:
    """The clauses of a text, each with its stance."""
    parts = [p.strip() for p in _SPLIT.split(text or "")]
    return tuple(Clause(p, clause_stance(p)) for p in parts if p)


@lru_cache(maxsize=16_384)
def evidence(text: str) -> tuple[str, float]:
    """The part of a text that is evidence of a need, and the weight factor of its area.

    Clauses with a stance are left out; when any clause says "don't know", the area's weight
    is multiplied by `UNSURE_WEIGHT`.
    """
    if _TRIGGERS.isdisjoint(_WORD.findall(text.lower().replace("’", "'"))):
        return text, 1.0
    found = clauses(text)
    kept = ". ".join(c.text for c in found if c.stance is None)
    weight = UNSURE_WEIGHT if any(c.stance == UNSURE for c in found) else 1.0
    return kept, weight
