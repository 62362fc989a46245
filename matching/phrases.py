"""Every sentence a reason can say, in Swedish and English, as data.

Kept apart from the logic so that a coordinator's wording change is a one-line edit here
and both languages always say the same thing.
"""

TEXTS: dict[str, dict[str, str]] = {
    "sv": {
        "need_words": "Matchar ert behov inom {areas}: {words}",
        "need_area": "Täcker ert prioriterade område {areas}",
        "words_only": "Liknar det ni skriver: {words}",
        "closest": "Närmaste alternativ i katalogen, utan tydlig koppling till era behov",
        "case_words": "Liknande behov inom {areas}: {words}",
        "case_area": "Liknande behov inom {areas}",
        "case_company": "Liknande företag: {what}",
        "same_sector": "samma bransch",
        "similar_size": "liknande storlek",
        "same_county": "samma län",
        "level_basic": "Passar företag som står i början inom {areas}",
        "level_advanced": "En fördjupning för företag som kommit en bit inom {areas}",
        "series_elsewhere": "Hålls i {county}, inte i ert län",
        "coach_elsewhere": "Arbetar inte i ert län ({county})",
        "series_full": "Serien är fullbokad ({booked} av {seats} platser)",
        "coach_full": "Coachen har fullt just nu ({assigned} av {capacity} företag)",
        "helped": "Har hjälpt liknande företag tidigare ({codes})",
        "feedback": "Samordnare har valt den för liknande företag",
        "and": "och",
    },
    "en": {
        "need_words": "Matches your need in {areas}: {words}",
        "need_area": "Covers your priority area {areas}",
        "words_only": "Close to what you wrote: {words}",
        "closest": "Closest option in the catalogue, with no clear link to your needs",
        "case_words": "Similar need in {areas}: {words}",
        "case_area": "Similar need in {areas}",
        "case_company": "Comparable company: {what}",
        "same_sector": "same industry",
        "similar_size": "similar size",
        "same_county": "same county",
        "level_basic": "Suits companies at the start in {areas}",
        "level_advanced": "An in-depth step for companies already under way in {areas}",
        "series_elsewhere": "Held in {county}, not in your county",
        "coach_elsewhere": "Does not work in your county ({county})",
        "series_full": "The series is fully booked ({booked} of {seats} seats)",
        "coach_full": "The coach is at capacity ({assigned} of {capacity} companies)",
        "helped": "Helped comparable companies before ({codes})",
        "feedback": "Coordinators chose it for comparable companies",
        "and": "and",
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


def say(lang: str, key: str, **values) -> str:
    """One sentence in the requested language."""
    return TEXTS[lang][key].format(**values)


def join(lang: str, parts: list[str]) -> str:
    """"a, b och c" / "a, b and c"."""
    if len(parts) <= 1:
        return "".join(parts)
    return ", ".join(parts[:-1]) + f" {TEXTS[lang]['and']} " + parts[-1]


def area_names(lang: str, areas) -> str:
    return join(lang, [AREA_NAMES[lang][a] for a in areas])


def county_name(code) -> str:
    return COUNTY_NAMES.get(str(code), str(code))
