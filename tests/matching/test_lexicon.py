"""The lexicon matches whole words and phrases, and no false friend of any entry.

Every entry gets (1) a test that it finds its own concept and (2) generated false friends:
a Swedish word as the first part of a compound whose last part is another thing ("kalkylark"
is a sheet), an English word with letters around it ("clean" is not "lean"), a phrase with
its words apart, an acronym with letters added or, when it has capitals, in lower case.
Then hand-written false friends for the words that do have another sense.
"""

import pytest

from matching.lexicon import CONCEPTS
from matching.text import CONCEPT_LEXICON, LANGS, _key, concept_tokens

ENTRIES = [(concept, lang, entry) for concept, (_, _, sv, en) in CONCEPTS.items()
           for lang, entries in (("sv", sv), ("en", en)) for entry in entries]


def found(text: str) -> set[str]:
    return CONCEPT_LEXICON.labels(text)


def test_no_two_concepts_share_a_key():
    seen = {}
    for concept, lang, entry in ENTRIES:
        if entry.startswith("="):
            key = (entry,)
        else:
            key = (lang, *(p if p.startswith("=") else _key(p, lang)
                           for p in entry.lower().split()))
        assert seen.setdefault(key, concept) == concept, (entry, seen[key], concept)


@pytest.mark.parametrize(("concept", "lang", "entry"), ENTRIES)
def test_every_entry_finds_its_concept(concept, lang, entry):
    assert concept in found(entry.replace("=", ""))


def _false_friends(lang: str, entry: str) -> list[str]:
    if " " in entry:  # a phrase: its words apart
        words = entry.replace("=", "").split()
        return [" ".join([words[0], "ofta", *words[1:]])]
    if entry.startswith("="):
        word = entry[1:]
        out = [word + "x", "x" + word]
        if word != word.lower():
            out.append(word.lower())  # "TAK" is OEE, "tak" a roof
        return out
    if lang == "en":  # not inside another word ("clean" is not "lean")
        return ["xq" + entry, entry + "xq"]
    # Swedish: the first part of a compound whose last part is something else ("kalkylark");
    # a compound whose last part is the entry is that thing ("svetsrobot" is a robot).
    return [entry + "ark", entry + "skåpet"]


def _whole_word_inside(concept: str, entry: str) -> bool:
    """A phrase one of whose words is an entry of the same concept on its own."""
    return " " in entry and any(concept in found(w) for w in entry.replace("=", "").split())


@pytest.mark.parametrize(("concept", "lang", "entry"),
                         [e for e in ENTRIES if not _whole_word_inside(e[0], e[2])])
def test_no_generated_false_friend_of_an_entry_matches(concept, lang, entry):
    for friend in _false_friends(lang, entry):
        assert concept not in found(friend), friend


# Words with another sense in everyday writing: (text, concept it must not reach).
FALSE_FRIENDS = [
    ("Vi gör jobben i vilken ordning som helst", "5s"),     # ordning = sequence
    ("Detaljerna svetsas i rätt ordningsföljd", "5s"),
    ("Kalkylarket med alla priser", "investment"),          # spreadsheet
    ("Vi räknar i ett kalkylblad", "investment"),
    ("Allt görs i ett kalkylprogram", "investment"),
    ("Vi ska flytta till en ny lokal", "flow"),             # relocate
    ("Det beror på kunden", "value_chain"),                 # depends on
    ("It depends", "value_chain"),
    ("Vi lagar mat till personalen", "service"),
    ("Clean room for the electronics", "lean"),
    ("Vi byter tak på hallen", "oee"),                      # roof, not TAK
    ("Lagret på motoraxeln är slitet", "planning"),         # bearing, not stock
    ("Bolaget gick i konkurs 2019", "training"),            # bankruptcy, not course
    ("Belastningen på maskinen", "handling"),               # not "lastning"
    ("Fjärrkontrollen till porten", "quality"),
    ("Vi servar oss själva", "cyber"),                      # serve, not server
    ("Main customer in Germany", "ai"),
    ("The customer wants short lead times", "small_batch"),  # customer, not customised
    ("Kalkylen för nästa års budget", "quality"),
    ("Vi har en bra marknadsföring", "export"),
]


@pytest.mark.parametrize(("text", "concept"), FALSE_FRIENDS)
def test_hand_written_false_friends_do_not_match(text, concept):
    assert concept not in found(text)


@pytest.mark.parametrize(("text", "concept"), [
    ("Vill få ordning i verkstaden", "5s"),
    ("bättre ordning och reda, typ 5S", "5s"),
    ("Investeringskalkylen för roboten", "investment"),
    ("Vi flyttar runt material hela dagen", "flow"),
    ("Vi är för beroende av två kunder", "value_chain"),
    ("Svetsrobotarna står still", "welding"),
    ("robotsvetsningen", "robot"),
    ("Produktionsuppföljningen sker på papper", "mes"),
    ("leanarbetet har stannat av", "lean"),
    ("kassationsgraden är hög", "quality"),
    ("TAK ligger på 60 procent", "oee"),
    ("We were hit by ransomware", "cyber"),
    ("No backups of the old server", "cyber"),
    ("Ägarskifte om tre år", "ownership"),
    ("To know where an order is you walk out to the floor", "mes"),
    ("Virket graderas för ögat", "quality"),
])
def test_the_right_sense_still_matches(text, concept):
    assert concept in found(text)


def test_languages_are_the_two_we_write_in():
    assert LANGS == ("sv", "en")
    assert "c:robot" in concept_tokens("robots")
