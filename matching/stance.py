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
WANTS = ("vill", "behöver", "önskar", "skulle vilja", "want", "wants", "need", "needs",
         "would like")
# Words that may follow "don't know" at the end of a clause without making it a question.
_UNSURE_TAIL = r"(?:\s+(?:än|ännu|riktigt|heller|just nu|yet|really|exactly|either))*\s*$"
# Clause boundaries: sentence ends, line breaks, semicolons, commas and the contrast words.
_SPLIT = re.compile(r"[.!?;:\n]+|,|\s+(?:men|fast|but|however|although|though)\s+",
                    re.IGNORECASE)


def _pattern(phrase: str) -> str:
    return r"(?<![\w'])" + r"\s+".join(map(re.escape, phrase.split())) + r"(?![\w'])"


_CUE_RE = {
    stance: re.compile("|".join(_pattern(p) for lang in by_lang.values() for p in lang))
    for stance, by_lang in CUES.items() if stance != UNSURE
}
_UNSURE_RE = re.compile("(?:" + "|".join(_pattern(p) for lang in CUES[UNSURE].values()
                                         for p in lang) + ")" + _UNSURE_TAIL)
_NEGATION_RE = re.compile("|".join(_pattern(w) for w in NEGATIONS + WANTS))


@dataclass(frozen=True)
class Clause:
    text: str
    stance: str | None


def clause_stance(clause: str) -> str | None:
    """The stance of one clause, or None when it states a need (or nothing in particular)."""
    text = " ".join(clause.lower().replace("’", "'").split())
    if not text:
        return None
    if _UNSURE_RE.search(text):
        return UNSURE
    for stance in (DEFERRED, SATISFIED, EXISTING):
        match = _CUE_RE[stance].search(text)
        if match is None:
            continue
        if stance == DEFERRED:
            return stance
        rest = text[: match.start()] + " " + text[match.end():]
        # "fungerar inte bra" is a problem, "finns, men vi vill ha mer" a need: not content.
        if not _NEGATION_RE.search(rest):
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
    found = clauses(text)
    kept = ". ".join(c.text for c in found if c.stance is None)
    weight = UNSURE_WEIGHT if any(c.stance == UNSURE for c in found) else 1.0
    return kept, weight
