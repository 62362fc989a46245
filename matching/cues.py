"""Word cues beyond the area concepts: level of an offer, industry, outcome, stop words.

Same stem syntax as `matching.lexicon`.  Why each exists:
- LEVELS: a series "för nybörjare" suits a company at maturity 1, a "fördjupning" one at 4;
  the catalogue states this only in words, the profile states it as numbers.
- SECTORS: a series "för livsmedelsföretag" suits SNI 10 better; cases carry SNI codes.
- OUTCOME_NEGATIVE: a case whose outcome says it was cut short should not vote for its series.
"""

LEVELS: dict[str, tuple[str, ...]] = {
    "basic": (
        "^grund", "introduktion", "^intro", "nybörjar", "kom igång", "komma igång", "första steg",
        "första robot", "ingen erfarenhet", "^börja", "^start", "^inled", "^enkel", "enkla",
        "från noll", "från idé", "insikt", "^inspiration", "^kartlägg", "^nuläge", "ny på",
        "^introduc", "beginner", "getting started", "get started", "first step", "^basic",
        "fundamental", "no experience", "from scratch", "awareness", "^simple", "^mapping",
        "current state", "new to",
    ),
    "advanced": (
        "avancera", "fördjup", "vidareutveckl", "nästa steg", "^optimer", "skala upp",
        "uppskalning", "breddinför", "redan har", "^spets",
        "^advanced", "in depth", "next step", "optimi", "scale up", "scaling", "roll out",
        "experienced", "already have",
    ),
}

# Sector groups: SNI 2007 divisions and the words that name the same industry.
SECTOR_OF_DIVISION: dict[str, str] = {
    "10": "food", "11": "food", "16": "wood", "31": "wood", "17": "wood",
    "20": "process", "21": "process", "23": "process",
    "22": "plastic", "24": "metal", "25": "metal", "26": "electronics", "27": "electronics",
    "28": "machinery", "29": "vehicles", "30": "vehicles", "32": "other_manufacturing",
    "33": "repair", "43": "construction", "41": "construction", "42": "construction",
    "62": "software", "63": "software", "71": "engineering", "72": "engineering",
}

SECTORS: dict[str, tuple[str, ...]] = {
    "food": ("livsmedel", "mejeri", "bageri", "slakteri", "^chark", "bryggeri", "^dryck",
             "=food", "dairy", "bakery", "brewery", "beverage"),
    "wood": ("träindustri", "trävaru", "träprodukt", "snickeri", "sågverk", "möbel", "trähus",
             "massivträ", "limträ", "=wood", "wooden", "timber", "sawmill", "joinery",
             "furniture"),
    "process": ("kemi", "^betong", "^glas", "^keramik", "chemical", "concrete", "^glass"),
    "plastic": ("plast", "gummi", "formsprut", "plastic", "rubber", "injection mould",
                "injection mold"),
    "metal": ("^metall", "plåt", "^stål", "gjuteri", "^smide", "verkstadsindustri",
              "mekanisk verkstad", "=metal", "sheet metal", "steel", "foundry", "forging"),
    "electronics": ("elektronik", "kretskort", "electronic", "circuit board", "pcb"),
    "machinery": ("maskintillverk", "maskinbyggare", "maskinbygg", "machine builder",
                  "machinery manufactur"),
    "vehicles": ("fordon", "^släpvagn", "vehicle", "trailer", "automotive"),
    "repair": ("reparation", "^repair"),
    "construction": ("byggindustri", "byggföretag", "byggbransch", "construction"),
    "software": ("mjukvar", "programvar", "software"),
    "engineering": ("ingenjörsfirma", "teknikkonsult", "engineering firm"),
    "other_manufacturing": (),
}

OUTCOME_NEGATIVE: tuple[str, ...] = (
    "avbröt", "avbrut", "ingen effekt", "ingen förbättring", "uteblev", "misslyck", "lades ner",
    "hoppade av", "inte genomför", "sköts upp", "^ej genomf", "fungerade inte", "passade inte",
    "cancel", "no effect", "no improvement", "failed", "dropped out", "abandon", "did not work",
    "postponed", "not completed",
)

STOP_WORDS: frozenset[str] = frozenset((
    "alla", "allt", "att", "av", "blev", "bli", "blir", "de", "dem", "den", "denna", "deras",
    "dess", "det", "detta", "dig", "din", "ditt", "du", "där", "då", "efter", "ej", "eller",
    "en", "er", "era", "ert", "ett", "från", "för", "ha", "hade", "han", "hans", "har", "hen",
    "henne", "hennes", "hon", "honom", "hur", "här", "i", "icke", "ingen", "inom", "inte",
    "jag", "ju", "kan", "kunde", "man", "med", "mellan", "men", "mig", "min", "mina", "mitt",
    "mot", "mycket", "ni", "nu", "när", "någon", "något", "några", "och", "om", "oss", "på",
    "samma", "sedan", "sig", "sin", "sina", "sitt", "sjäv", "själv", "skall", "ska", "skulle",
    "som", "så", "till", "under", "upp", "ut", "utan", "vad", "var", "vara", "varför", "vars",
    "vart", "vem", "vi", "vid", "vill", "vilka", "vilken", "vilket", "våra", "vårt", "åt",
    "än", "är", "över", "också", "bara", "även", "mer", "mest", "få", "fler", "många", "nog",
    "sådan", "sådana", "behov", "behöver", "vilja", "vet", "gör", "göra", "görs", "finns",
    "fått", "får", "får", "idag", "just", "helt", "a", "about", "after", "all", "also", "an",
    "and", "any", "are", "as", "at", "be", "been", "but", "by", "can", "could", "do", "does",
    "for", "from", "had", "has", "have", "how", "i", "if", "in", "into", "is", "it", "its",
    "more", "most", "need", "needs", "no", "not", "of", "on", "or", "our", "out", "over", "so",
    "some", "such", "than", "that", "the", "their", "them", "then", "there", "these", "they",
    "this", "to", "too", "up", "us", "very", "want", "was", "we", "were", "what", "when",
    "which", "while", "who", "will", "with", "would", "you", "your", "today", "now",
))
