"""Word cues beyond the area concepts: level of an offer, industry, outcome, stop words.

Same entry syntax as `matching.lexicon`, per language.  Why each exists:
- LEVELS: a series "för nybörjare" suits a company at maturity 1, a "fördjupning" one at 4;
  the catalogue states this only in words, the profile states it as numbers.
- SECTORS: a series "för livsmedelsföretag" suits SNI 10 better; cases carry SNI codes.
- OUTCOME_NEGATIVE: a case whose outcome says it was cut short should not vote for its series.
"""

LEVELS: dict[str, dict[str, tuple[str, ...]]] = {
    "basic": {
        "sv": ("grunder", "grunderna", "grundläggande", "introduktion", "nybörjare",
               "kom igång", "komma igång", "kommer igång", "första steg", "första steget",
               "första robot", "ingen erfarenhet", "börja", "enkel", "enkla", "från noll",
               "från idé", "inspiration", "kartläggning", "kartlägga", "nuläge",
               "ny på"),
        "en": ("introduction", "beginner", "beginners", "getting started", "get started",
               "first step", "first steps", "basic", "basics", "fundamentals",
               "no experience", "from scratch", "awareness", "simple", "mapping",
               "current state", "new to"),
    },
    "advanced": {
        "sv": ("avancerad", "fördjupning", "fördjupande", "vidareutveckla",
               "vidareutveckling", "nästa steg", "optimering", "optimera", "skala upp",
               "uppskalning", "breddinförande", "redan har", "spetskompetens"),
        "en": ("advanced", "in depth", "next step", "optimisation", "optimization",
               "optimise", "optimize", "scale up", "scaling", "roll out", "experienced",
               "already have"),
    },
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

SECTORS: dict[str, dict[str, tuple[str, ...]]] = {
    "food": {"sv": ("livsmedel", "livsmedelsföretag", "livsmedelsindustri", "mejeri",
                    "bageri", "slakteri", "chark", "charkuteri", "bryggeri", "dryck"),
             "en": ("food", "dairy", "bakery", "brewery", "beverage", "beverages")},
    "wood": {"sv": ("träindustri", "trävaruindustri", "träprodukter", "snickeri", "sågverk",
                    "möbel", "möbler", "möbelindustri", "trähus", "massivträ", "limträ"),
             "en": ("wood", "wooden", "timber", "sawmill", "joinery", "furniture")},
    "process": {"sv": ("kemi", "kemisk", "betong", "glas", "keramik"),
                "en": ("chemical", "chemicals", "concrete", "glass")},
    "plastic": {"sv": ("plast", "gummi", "formsprutning", "formspruta", "plastindustri"),
                "en": ("plastic", "plastics", "rubber", "injection moulding",
                       "injection molding")},
    "metal": {"sv": ("metall", "plåt", "stål", "gjuteri", "smide", "verkstadsindustri",
                     "mekanisk verkstad"),
              "en": ("metal", "sheet metal", "steel", "foundry", "forging")},
    "electronics": {"sv": ("elektronik", "kretskort"),
                    "en": ("electronic", "electronics", "circuit board", "=pcb")},
    "machinery": {"sv": ("maskintillverkare", "maskintillverkning", "maskinbyggare"),
                  "en": ("machine builder", "machinery manufacturer")},
    "vehicles": {"sv": ("fordon", "fordonsindustri", "släpvagn", "släpvagnar"),
                 "en": ("vehicle", "vehicles", "trailer", "trailers", "automotive")},
    "repair": {"sv": ("reparation", "reparationer"), "en": ("repair", "repairs")},
    "construction": {"sv": ("byggindustri", "byggföretag", "byggbransch"),
                     "en": ("construction",)},
    "software": {"sv": ("mjukvara", "programvara"), "en": ("software",)},
    "engineering": {"sv": ("ingenjörsfirma", "teknikkonsult"), "en": ("engineering firm",)},
    "other_manufacturing": {"sv": (), "en": ()},
}

OUTCOME_NEGATIVE: dict[str, tuple[str, ...]] = {
    "sv": ("avbröt", "avbröts", "avbrutet", "avbruten", "ingen effekt", "ingen förbättring",
           "uteblev", "misslyckades", "misslyckat", "lades ner", "hoppade av",
           "inte genomfört", "inte genomförd", "sköts upp", "ej genomfört",
           "fungerade inte", "passade inte"),
    "en": ("cancelled", "canceled", "no effect", "no improvement", "failed", "dropped out",
           "abandoned", "did not work", "postponed", "not completed"),
}

SV_STOP_WORDS: frozenset[str] = frozenset((
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
    "fått", "får", "idag", "just", "helt", "inga", "inget",
))
EN_STOP_WORDS: frozenset[str] = frozenset((
    "a", "about", "after", "all", "also", "an", "and", "any", "are", "as", "at", "be", "been",
    "but", "by", "can", "could", "do", "does", "for", "from", "had", "has", "have", "how",
    "i", "if", "in", "into", "is", "it", "its", "more", "most", "need", "needs", "no", "not",
    "of", "on", "or", "our", "out", "over", "so", "some", "such", "than", "that", "the",
    "their", "them", "then", "there", "these", "they", "this", "to", "too", "up", "us",
    "very", "want", "was", "we", "were", "what", "when", "which", "while", "who", "will",
    "with", "would", "you", "your", "today", "now",
))
STOP_WORDS: frozenset[str] = SV_STOP_WORDS | EN_STOP_WORDS
