"""Reasons as data, and every sentence a reason can say, in Swedish and English.

`suggest` returns reasons as {"key": ..., "values": {...}} (area keys, county codes, case
codes, numbers, and the company's own words as written); `render(reason, lang)` makes the
sentence at the edge, so one `suggest` serves both languages and stored reasons can be shown
in whichever language the reader has.  The company's own words are quoted and kept in the
language they were written in; the sentence around them is in the reader's language.
"""

TEXTS: dict[str, dict[str, str]] = {
    "sv": {
        "need_words": "Svarar mot ert behov inom {areas}, där ni skriver {words}.",
        "need_area": "Täcker ert behov inom {areas}.",
        "words_only": "Handlar om det ni beskriver med {words}.",
        "closest": "Närmaste alternativet i katalogen, utan tydlig koppling till era behov.",
        "case_words": "Företaget hade ett liknande behov inom {areas}, som när ni skriver "
                      "{words}.",
        "case_area": "Företaget hade ett liknande behov inom {areas}.",
        "case_company": "Företaget liknar ert: {what}.",
        "same_sector": "samma bransch",
        "similar_size": "liknande storlek",
        "same_county": "samma län",
        "level_basic": "Passar företag som står i början inom {areas}.",
        "level_advanced": "En fördjupning för företag som kommit en bit inom {areas}.",
        "series_elsewhere": "Hålls i {county}, inte i ert län.",
        "coach_elsewhere": "Arbetar inte i ert län, utan i {county}.",
        "series_full": "Serien är fullbokad ({booked} av {seats} platser).",
        "coach_full": "Coachen har fullt just nu ({assigned} av {capacity} företag).",
        "helped": "Har hjälpt liknande företag tidigare ({codes}).",
        "helped_unnamed": "Har hjälpt liknande företag tidigare.",
        "feedback": "Samordnare har valt den för liknande företag.",
        "and": "och",
        "quote": "”{}”",
    },
    "en": {
        "need_words": "Meets your need in {areas}, where you write {words}.",
        "need_area": "Covers your need in {areas}.",
        "words_only": "Deals with what you describe as {words}.",
        "closest": "The closest option in the catalogue, with no clear link to your needs.",
        "case_words": "The company had a similar need in {areas}, as when you write {words}.",
        "case_area": "The company had a similar need in {areas}.",
        "case_company": "The company is like yours: {what}.",
        "same_sector": "same industry",
        "similar_size": "similar size",
        "same_county": "same county",
        "level_basic": "Suits companies at the start in {areas}.",
        "level_advanced": "An in-depth step for companies already under way in {areas}.",
        "series_elsewhere": "Held in {county}, not in your county.",
        "coach_elsewhere": "Does not work in your county, but in {county}.",
        "series_full": "The series is fully booked ({booked} of {seats} seats).",
        "coach_full": "The coach is at capacity ({assigned} of {capacity} companies).",
        "helped": "Helped comparable companies before ({codes}).",
        "helped_unnamed": "Helped comparable companies before.",
        "feedback": "Coordinators chose it for comparable companies.",
        "and": "and",
        "quote": "“{}”",
    },
}

AREA_NAMES: dict[str, dict[str, str]] = {
    "sv": {"digitalisation": "digitalisering", "automation": "automation",
           "productivity": "produktivitet", "business_model": "affärsmodell",
           "competence": "kompetensförsörjning", "sustainability": "hållbarhet"},
    "en": {"digitalisation": "digitalisation", "automation": "automation",
           "productivity": "productivity", "business_model": "business model",
           "competence": "competence supply", "sustainability": "sustainability"},
}

# Länskoder; the name is the same in both languages.
COUNTY_NAMES: dict[str, str] = {
    "01": "Stockholms län", "03": "Uppsala län", "04": "Södermanlands län",
    "05": "Östergötlands län", "06": "Jönköpings län", "07": "Kronobergs län",
    "08": "Kalmar län", "09": "Gotlands län", "10": "Blekinge län", "12": "Skåne län",
    "13": "Hallands län", "14": "Västra Götalands län", "17": "Värmlands län",
    "18": "Örebro län", "19": "Västmanlands län", "20": "Dalarnas län",
    "21": "Gävleborgs län", "22": "Västernorrlands län", "23": "Jämtlands län",
    "24": "Västerbottens län", "25": "Norrbottens län",
}

LANGUAGES: tuple[str, ...] = tuple(TEXTS)


def reason(key: str, **values) -> dict:
    """A reason as data: a message key and its values (JSON-serialisable)."""
    if key not in TEXTS["sv"]:
        raise KeyError(f"no message {key!r}")
    return {"key": key, "values": values}


def join(lang: str, parts: list[str]) -> str:
    """"a, b och c" / "a, b and c"."""
    if len(parts) <= 1:
        return "".join(parts)
    return ", ".join(parts[:-1]) + f" {TEXTS[lang]['and']} " + parts[-1]


def area_names(lang: str, areas) -> str:
    return join(lang, [AREA_NAMES[lang].get(a, str(a)) for a in areas])


def county_name(code) -> str:
    return COUNTY_NAMES.get(str(code), str(code))


def _value(lang: str, name: str, value) -> str:
    """One value in the reader's language: lists of areas, words, counties, codes, bits."""
    if name == "areas":
        return area_names(lang, value)
    if name == "words":  # the company's own words: quoted, as they wrote them
        return join(lang, [TEXTS[lang]["quote"].format(w) for w in value])
    if name == "county":
        codes = value if isinstance(value, list) else [value]
        return join(lang, [county_name(c) for c in codes])
    if name == "what":
        return join(lang, [TEXTS[lang][bit] for bit in value])
    if name == "codes":
        return ", ".join(map(str, value))
    return str(value)


def render(item: dict, lang: str) -> str:
    """One reason as a sentence in `lang` ("sv" or "en")."""
    if lang not in LANGUAGES:
        raise ValueError(f"lang must be one of {', '.join(LANGUAGES)}, not {lang!r}")
    values = {name: _value(lang, name, v) for name, v in (item.get("values") or {}).items()}
    return TEXTS[lang][item["key"]].format(**values)


def render_result(result: dict, lang: str) -> dict:
    """A whole `suggest` result with every reason rendered in `lang` (the match output)."""
    return {name: [{**entry, "reasons": [render(r, lang) for r in entry["reasons"]]}
                   for entry in items] for name, items in result.items()}
