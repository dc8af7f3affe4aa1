"""Patterns for Belgian identifiers in Dutch and French text, which deduce (built for the
Netherlands) does not know: national register numbers, Belgian phone numbers, Belgian
postcodes, Flemish and French street names, French dates, and names after French and
Dutch titles."""

import re
from functools import cache

from . import places
from .spans import Category, Span, words

UPPER = "A-ZÀ-ÖØ-Þ"
LOWER = "a-zß-öø-ÿ"
WORD = rf"[{UPPER}][{LOWER}{UPPER}'’\-]*[{LOWER}{UPPER}]"  # a capitalised word
# A house number, with a letter, a range, a box or a flat: "12A", "41-43", "41/2", "45 bus 3".
NUMBER = (
    r"\d{1,4}(?:[ ]?[A-Za-z])?(?!\w)(?:[/\-]\d{1,4}[A-Za-z]?)?"
    r"(?:[ ]?(?:bus|bte|boîte|b\.)[ ]?\d{1,4}[A-Za-z]?)?"
)

# YY.MM.DD-XXX.CC, 11 digits, or with spaces or hyphens; the date part uses one separator.
NATIONAL_NUMBER = re.compile(
    r"(?<![\d.\-])\d{2}([. \-]?)\d{2}\1\d{2}[ .\-]?\d{3}[ .\-]?\d{2}(?!\d|[.\-]\d)"
)
PHONE = re.compile(
    r"(?<![\w+])(?:(?:\+|00)32[ ]?(?:\(0\)[ ]?)?[1-9]|0[1-9])(?:[ ./\-]?\d){7,8}(?!\d)"
    r"|(?<![\w+])\+(?!32)\d{2,3}(?:[ ./\-]?\d){6,12}(?!\d)"
)
EMAIL = re.compile(r"(?<![\w.+\-])[\w.+\-]+@[\w\-]+(?:\.[\w\-]+)+")
URL = re.compile(r"\b(?:https?://|www\.)[^\s<>\"]+[\w/]")
USERNAME = re.compile(r"(?<![\w@])@[A-Za-z0-9_](?:[A-Za-z0-9_.]*[A-Za-z0-9_])?")

MONTHS = (
    "januari|februari|maart|april|mei|juni|juli|augustus|september|oktober|november|"
    "december|janvier|février|fevrier|mars|avril|mai|juin|juillet|août|aout|septembre|"
    "octobre|novembre|décembre|decembre|january|february|march|june|july|august|october|"
    "(?:jan|feb|febr|mrt|apr|jun|jul|aug|sep|sept|okt|oct|nov|dec|déc|janv|févr|avr|juil)\\.?"
)
DAY = r"(?:1er|[12]\d|3[01]|0?[1-9])"
MONTH = r"(?:1[0-2]|0?[1-9])"
DATE = re.compile(
    rf"(?<![\w/.\-]){DAY}[/.\-]{MONTH}[/.\-](?:\d{{4}}|\d{{2}})(?![\w/]|[.\-]\d)"
    rf"|(?<![\w/.\-])\d{{4}}-(?:1[0-2]|0[1-9])-(?:[12]\d|3[01]|0[1-9])(?!\w)"
    # Day and month only ("op 2/6"): with a slash, which fractions share; dates matter more.
    rf"|(?<![\w/.\-]){DAY}/{MONTH}(?![\w/]|[.\-]\d)"
    rf"|(?<![\w/.])(?:{DAY})(?:e|ste|de)?\s+(?:{MONTHS})(?:\s+\d{{4}}(?!\d))?(?!\w)",
    re.IGNORECASE,
)

# Street words: a Flemish street name ends in one (Kerkstraat, Leuvensesteenweg) or, in two
# words, is one (Kempische Steenweg); a French one starts with one (rue de la Loi).
NL_STREET = (
    "straat|laan|steenweg|weg|plein|lei|dreef|baan|kaai|markt|dijk|hof|pad|singel|vest|"
    "gracht|wal|veld|berg|park|plaats|ring|heide|kouter|hoek|vliet|gaarde|kade|steeg|"
    "dries|dam|brug|poort|plantsoen|boulevard"
)
# Without a house number only the unmistakable endings count (not "loopbaan", "markt").
NL_STREET_ALONE = "straat|laan|steenweg|plein|lei|dreef|kaai|singel|vest|gracht"
FR_STREET = (
    "rue|avenue|av\\.|boulevard|bd|chaussée|place|quai|square|allée|chemin|impasse|route|"
    "drève|clos|rond-point|galerie|parvis|sentier|venelle|ruelle|esplanade|cité|faubourg"
)
FR_LINK = r"(?:de la|de l['’]|du|des|de|d['’]|l['’]|la|le|les|aux|au|à la|sur|en|et)"
FR_NAME = rf"(?:{FR_LINK}\s*)?{WORD}(?:\s+(?:{FR_LINK}\s*)?(?:{WORD}|I{{1,3}}|IV|Ier|1er))*"
STREET = re.compile(
    rf"(?<!\w)[{UPPER}][\w'’\-]*(?:{NL_STREET})\s+{NUMBER}"
    rf"|(?<!\w)[{UPPER}][\w'’\-]*(?:{NL_STREET_ALONE})(?!\w)"
    rf"|(?<!\w)(?:{WORD}\s+)?(?:{NL_STREET_ALONE.title()}|Markt|Dijk|Kouter|Wal)\s+{NUMBER}"
    rf"|(?<!\w){WORD}\s+(?:{NL_STREET.title()})\s+{NUMBER}"
    rf"|(?<![\w,.\-])(?:\d{{1,4}}[A-Za-z]?,?\s+)?(?i:{FR_STREET})\s+{FR_NAME}(?:,?\s+{NUMBER})?"
)
POSTCODE = re.compile(rf"(?<![\d.,/\-])([1-9]\d{{3}})\s+((?:{WORD})(?:[\s\-]{WORD})*)")

# Titles and roles after which capitalised words are a person's name. Abbreviations are
# matched as written ("Me" is Maître, "me" is not); words in any case.
ABBREVIATIONS = r"M\.|MM\.|Mme\.?|Mmes\.?|Mlle\.?|Me|Dr\.?|Pr\.?|[Dd]hr\.?|[Mm]evr\.?|[Mm]r\.?"
TITLES = (
    r"monsieur|madame|mademoiselle|maître|docteur|professeur|"
    r"(?:l['’])?(?:inspect(?:eur|rice)|commissaire|agent|éducat(?:eur|rice)|avocate?|juge|"
    r"procureur|substitut|assistante?|intervenante?)(?:\s+(?:principale?|sociale?|"
    r"de quartier|de justice|en chef))?|"
    r"meneer|mevrouw|juffrouw|juf|meester|de heer|dokter|(?:hoofd)?inspecteur|commissaris|"
    r"agente?|advocaat|advocate|leerkracht|klastitularis|consulente?|therapeute?|"
    r"begeleider|begeleidster|maatschappelijk (?:werker|assistente?)|coördinator|"
    r"coordinat(?:eur|rice)|directeur|directrice"
)
PARTICLE = r"(?:van der|van den|van de|van|de|den|der|le|la|du|des|d['’]|el|al|ben|ter|ten)"
TITLE = re.compile(rf"(?:{ABBREVIATIONS}|(?i:{TITLES}))\s+")
TITLED_NAME = re.compile(
    rf"(?<!\w){TITLE.pattern}"
    rf"((?:{PARTICLE}\s+|d['’])?{WORD}(?:[ \-](?:{PARTICLE}\s+)?{WORD}){{0,2}})"
)
# "Karim BENALI", "Jean-Pierre DE SMET": a capitalised word before a word in capitals.
UPPER_SURNAME = re.compile(
    rf"(?<!\w)({WORD}\s+(?:{PARTICLE.upper()}\s+)?[{UPPER}]{{2,}}(?:[\s\-][{UPPER}]{{2,}})?)(?!\w)"
)
# Initials after a first name: "Samir K.", "Aurélie P."
INITIAL = re.compile(rf"(?<!\w)({WORD})\s+[{UPPER}]\.(?=\s|$|[,;:)])")

# French words that Dutch name and place lists take for names ("Le", "Son", "La").
FRENCH_FUNCTION_WORDS = words(
    "le la les l un une des du de d son sa ses mon ma mes ton ta tes leur leurs ce cette "
    "il elle ils elles on nous vous je tu en au aux et ou par pour sur sous dans avec chez "
    "vers entre sans après avant depuis lors quand si mais donc car ni madame monsieur "
    "mademoiselle mme mlle m père mère frère sœur soeur fils fille oncle tante"
)


@cache
def _place() -> re.Pattern:
    names = sorted(places.municipality_names(), key=len, reverse=True)
    return re.compile(f"(?:{'|'.join(re.escape(name) for name in names)})(?![\\w\\-])")


def _postcodes(text: str) -> list[Span]:
    """Postcode + municipality. A year ("in 2023 Gent") looks the same: between 1900 and
    2099 only a known municipality name counts."""
    spans = []
    for match in POSTCODE.finditer(text):
        code, words = int(match.group(1)), match.group(2)
        known = _place().match(words)
        if known:
            spans.append(Span(match.start(), match.start(2) + known.end(), Category.ADDRESS))
        elif not 1900 <= code <= 2099:
            spans.append(Span(match.start(), match.end(), Category.ADDRESS))
    return spans


def find(text: str) -> list[Span]:
    spans = [
        Span(m.start(), m.end(), category)
        for pattern, category in (
            (NATIONAL_NUMBER, Category.NATIONAL_NUMBER),
            (PHONE, Category.PHONE),
            (EMAIL, Category.EMAIL),
            (URL, Category.URL),
            (USERNAME, Category.USERNAME),
            (DATE, Category.DATE),
            (STREET, Category.ADDRESS),
        )
        for m in pattern.finditer(text)
    ]
    spans += _postcodes(text)
    for pattern in (TITLED_NAME, UPPER_SURNAME, INITIAL):
        spans += [Span(m.start(1), m.end(1), Category.NAME) for m in pattern.finditer(text)]
    return spans
