"""Patterns for Belgian identifiers in Dutch and French text, which deduce (built for the
Netherlands) does not know: national register numbers, Belgian phone numbers and licence
plates, Belgian postcodes, Flemish and French street names and the town after them, towns
named after a preposition of place, French dates, and names after French and Dutch titles
and after relatives ("de moeder, ...")."""

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
# Belgian numbers: the trunk 0 and 8 digits (landlines, 0X or 0XX area codes) or 9 (mobiles,
# 04XX), written with +32 or 0032 instead of the 0, or with both ("+32 (0)2 ..."), the area
# code in brackets ("(03) 123 45 67", "(015) 123456"), grouped by spaces, dots, slashes or
# hyphens, one or two at a time ("02/ 512 34 56", "0475 / 12.34.56" has three: not a phone).
_GAP = r"[ ./\-]{0,2}"
# A date and a time ("08/09/2024 10u30") have as many digits as a phone number.
_DATE_START = (
    r"(?:[012]\d|3[01])(?P<datesep>[/.\-])(?:0?[1-9]|1[0-2])(?P=datesep)(?:\d{4}|\d{2})(?!\d)"
)
PHONE = re.compile(
    rf"(?<![\w+])(?:(?:\+|00)[ ]?32[ ]?(?:\([ ]?0[ ]?\)[ ]?|0[ ]?)?[1-9](?:{_GAP}\d){{7,8}}"
    rf"|\(0[1-9]\){_GAP}\d(?:{_GAP}\d){{6,7}}"
    rf"|\(0[1-9]\d\){_GAP}\d(?:{_GAP}\d){{5,6}}"
    rf"|\(0[1-9]\d\d\){_GAP}\d(?:{_GAP}\d){{4,5}}"
    rf"|(?!{_DATE_START})0[1-9](?:{_GAP}\d){{7,8}})(?!\d)"
    r"|(?<![\w+])\+(?!32)\d{2,3}(?:[ ./\-]?\d){6,12}(?!\d)"
)
# Organisations and services written in capitals, which name patterns would take for
# surnames ("Het CAW", "Le CPAS", "coördinator OCMW").
ACRONYMS = words(
    "CAW CLB CGG OCMW CPAS VDAB FOREM ACTIRIS LIVC CSIL LTF SAJ SPJ AMO CPMS PMS OCAD OCAM "
    "ASBL VZW JAC TAJ CBAF FOD SPF VAPH GGZ DJJ IJH VK OK PV RRN NN NISS GSM TEL CVO"
)
# Three capitals before three digits that are no plate ("EUR 150", "ART 458").
NOT_PLATES = ACRONYMS | words(
    "EUR USD GBP CHF BTW TVA KBO BCE ART NIS FAX BUS BTE KMH CET UTC PDF DOC MSG SMS APP "
    "GAS SAC BIC KBC ING BNP VUB ULB KUL UCL"
)
# Belgian licence plates: since 2010 an index digit (1, 2, ...) or series letter (O
# oldtimers, Q and U trailers and temporary, Z dealers, ...) then three letters and three
# digits ("1-ABC-123", also "1ABC123", "1 ABC 123"); 1973-2008 "ABC-123" ("ABC 123",
# "ABC123"); 2008-2010 "123-ABC". Without the hyphen, three capitals that are a known
# abbreviation ("EUR 150") are not a plate.
PLATE = re.compile(
    r"(?<![\w\-/.])(?:"
    r"[1-9][ \-]?[A-Z]{3}[ \-]?\d{3}|[1-9]-[a-z]{3}-\d{3}"
    r"|[A-Z]-[A-Z]{3}-\d{2,3}"
    r"|[A-Z]{3}-\d{3}|(?P<letters>[A-Z]{3})[ ]?\d{3}"
    r"|\d{3}-[A-Z]{3}"
    r")(?![\w\-]|[./]\d)"
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
# Words before a one-word Flemish street name that belong to it ("Lange Leemstraat",
# "Koning Albertlaan", "Brusselse Steenweg" is a two-word name of its own).
NL_STREET_LEAD = (
    r"(?:(?:Lange|Korte|Grote|Kleine|Oude|Nieuwe|Hoge|Lage|Brede|Smalle|Zwarte|Witte|Rode|"
    r"Groene|Gele|Blauwe|Heilige|Sint|Koning|Koningin|Prins|Prinses|Burgemeester|Pastoor|"
    r"Dokter|Generaal|Kardinaal|Pater|Graaf|Baron|Kapitein|Kolonel|Luitenant|Professor|"
    r"Meester|Notaris|Onze-Lieve-Vrouw|Hertog|Keizer|Paus|Deken|Kanunnik|Ridder|"
    rf"[{UPPER}][{LOWER}]+s?(?:ische|se|sche))\s+)"
)
STREET = re.compile(
    rf"(?<!\w){NL_STREET_LEAD}?[{UPPER}][\w'’\-]*(?:{NL_STREET})\s+{NUMBER}"
    rf"|(?<!\w)[{UPPER}][\w'’\-]*(?:{NL_STREET_ALONE})(?!\w)"
    rf"|(?<!\w)(?:{WORD}\s+)?(?:{NL_STREET_ALONE.title()}|Markt|Dijk|Kouter|Wal)\s+{NUMBER}"
    rf"|(?<!\w){WORD}\s+(?:{NL_STREET.title()})\s+{NUMBER}"
    rf"|(?<![\w,.\-])\d{{1,4}}[A-Za-z]?,?\s+(?i:{FR_STREET})\s+{FR_NAME}"
    # "rue X, 2038 Flénu": four digits before a capitalised word are a postcode.
    rf"|(?<![\w,.\-])(?i:{FR_STREET})\s+{FR_NAME}(?:,?\s+(?!\d{{4}}\s+[{UPPER}]){NUMBER})?"
)
POSTCODE = re.compile(rf"(?<![\d.,/\-])([1-9]\d{{3}})\s+((?:{WORD})(?:[\s\-]{WORD})*)")
# A town: a capitalised word, hyphens and apostrophes inside ("Sint-Martens-Latem",
# "Braine-l'Alleud"), after an article that is part of its name ("De Panne", "La Louvière",
# "l'Escaillère").
TOWN = rf"(?:(?:'s|La|Le|Les|De|Den|Het)\s+|[Ll]['’])?{WORD}"
# What follows a street and house number: the town, with or without its postcode, after a
# comma, a dash, "te", "in" or "à", or the postcode right after the number.
AFTER_ADDRESS = re.compile(
    rf"(?:\s*,\s*|\s+(?:te|in|à|[-–])\s+|\s+(?=[1-9]\d{{3}}\s))"
    rf"(?:(?P<postcode>[1-9]\d{{3}})\s+)?(?P<town>{TOWN})"
)
# Capitalised words where a town could be that are not one (compared in lower case).
NOT_TOWNS = words(
    "gsm tel tél telefoon téléphone fax email e-mail mail bus bte boîte belgië belgique "
    "belgium belgien me dr dhr mevr mr pr mmes pâques noël toussaint pasen kerstmis"
)
# A town named on its own: after "in", "te", "uit", "vanuit" or "à", or after a
# preposition of place ("naar"; "vers", "de") with a verb of living, moving or origin
# shortly before it in the same sentence ("verhuisde in de zomer naar Lustin", "originaire
# de Bagimont"). A person after "à" or "naar" is usually found as a name too, and a name
# wins over a place of the same length.
PLACE_VERB = re.compile(
    r"(?i)(?<!\w)(?:woon\w*|wonen\w*|verblij\w*|verbleef|verhuis\w*|gedomicilieerd\w*|"
    r"ingeschreven|afkomstig|geboren|opgegroeid|logee?r\w*|vertr[eo]k\w*|gevlucht|gevestigd|"
    r"teruggekeerd|habit\w*|vi[tv]\w*|domicili\w*|résid\w*|demeur\w*|déménag\w*|"
    r"install\w*|originaires?|née?s?|vien\w*|venu\w*|provenant|hébergée?s?|inscrite?s?|"
    r"grandie?|retourn\w*|réfugiée?s?|partie?s?)(?!\w)"
)
PLACE_PREPOSITION = {
    "nl": r"(?:in|te|uit|vanuit)\s+",
    "fr": r"à\s+",
}
PLACE_PREPOSITION_AFTER_VERB = {
    "nl": r"naar\s+",
    "fr": rf"(?:vers|de)\s+|d['’](?=[{UPPER}])",
}
# ... or right after a local authority or public place: "gemeente Lebbeke", "het OCMW van
# Temse", "le CPAS de Fléron", "le service social d'Hautrage", "la gare de Jemelle". Not
# after nouns that begin the names of organisations ("Maison de Justice", "Service de
# Santé Mentale").
PLACE_AFTER_NOUN = {
    "nl": r"(?:(?:deel)?gemeente|stad|politiezone|(?:OCMW|CAW|station|gevangenis) van)\s+",
    "fr": (
        r"(?:(?:(?:service social|CPAS|commune|ville|police|parquet|athénée|hôpital|gare|"
        r"prison|province|région|environs|près|quartier|administration communale|"
        rf"maison communale|bourgmestre)\s+(?:de\s+|d['’](?=[{UPPER}]))))"
    ),
}
PLACE_WINDOW = 80  # characters before the preposition in which to look for the verb

# Titles and roles after which capitalised words are a person's name. Abbreviations are
# matched as written ("Me" is Maître, "me" is not); words in any case.
ABBREVIATIONS = r"M\.|MM\.|Mme\.?|Mmes\.?|Mlle\.?|Me|Dr\.?|Pr\.?|[Dd]hr\.?|[Mm]evr\.?|[Mm]r\.?"
TITLES = (
    r"monsieur|madame|mademoiselle|maître|docteur|professeur|"
    r"(?:l['’])?(?:inspect(?:eur|rice)|commissaire|agent|éducat(?:eur|rice)|avocate?|juge|"
    r"procureur|substitut|assistante?|intervenante?)(?:\s+(?:principale?|sociale?|"
    r"de quartier|de justice|en chef))?|"
    r"meneer|mevrouw|juffrouw|juf|meester|de heer|dokter|(?:hoofd)?inspecteur|commissaris|"
    r"agente?|advocaat|advocate|leerkracht|klastitularis|(?:jeugd)?consulente?|therapeute?|"
    r"déléguée? (?:du )?(?:SAJ|SPJ)|déléguée?|"
    r"begeleider|begeleidster|maatschappelijk (?:werker|assistente?)|coördinator|"
    r"coordinat(?:eur|rice)|directeur|directrice"
)
PARTICLE = r"(?:van der|van den|van de|van|de|den|der|le|la|du|des|d['’]|el|al|ben|ter|ten)"
TITLE = re.compile(rf"(?:{ABBREVIATIONS}|(?i:{TITLES}))\s+")
TITLED_NAME = re.compile(
    rf"(?<!\w){TITLE.pattern}"
    rf"((?:{PARTICLE}\s+|d['’])?{WORD}(?:[ \-](?:{PARTICLE}\s+)?{WORD}){{0,2}})"
)
# Relatives and other people named after who they are: "de moeder, Fatima Bouzid", "zijn
# vader Jan", "le beau-père, Yves Leduc", "propriétaire Aurélien Godart".
RELATIVES = (
    r"vader|moeder|stiefvader|stiefmoeder|pleegvader|pleegmoeder|grootvader|grootmoeder|"
    r"opa|oma|broer|zus|zuster|halfbroer|halfzus|zoon|dochter|oom|tante|neef|nicht|vriend|"
    r"vriendin|buurman|buurvrouw|partner|ex-partner|eigenaar|eigenares|"
    r"père|mère|beau-père|belle-mère|grand-père|grand-mère|frère|sœur|soeur|demi-frère|"
    r"demi-sœur|demi-soeur|fils|fille|oncle|cousine?|amie?|copain|copine|voisine?|"
    r"compagnon|compagne|partenaire|propriétaire|"
    r"op naam van|op naam staat van|namens|au nom de|de la part de"
)
# After a relative a lower-case particle is a preposition: "de broer van Ludwig".
RELATIVE_NAME = re.compile(
    rf"(?<![\w\-])(?i:{RELATIVES})(?:\s*,\s*|\s+)"
    rf"({WORD}(?:[ \-](?:{PARTICLE}\s+)?{WORD}){{0,2}})"
)
# "Karim BENALI", "Jean-Pierre DE SMET", "Willy PAUWELS-DE BRUYN": a capitalised word before
# words in capitals.
_CAPITALS = rf"[{UPPER}](?:['’]?[{UPPER}])+"  # "BENALI", "D'HONDT"
UPPER_SURNAME = re.compile(
    rf"(?<!\w)({WORD}\s+(?:{PARTICLE.upper()}\s+)?{_CAPITALS}(?:[\s\-]{_CAPITALS}){{0,2}})(?!\w)"
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
STOP_WORDS = FRENCH_FUNCTION_WORDS | words(
    "de het een en of van in op te met voor door naar bij uit aan over om dat die deze dit "
    "zijn haar hun hij zij ze wij we jij je u mijn ons onze mevrouw meneer vader moeder "
    "broer zus zoon dochter oom tante via the a an of and to"
)


def _town(found: str) -> bool:
    """Whether a capitalised word where a town is expected can be one."""
    parts = found.split()
    return not (
        all(part.casefold() in STOP_WORDS for part in parts)
        or parts[-1] in ACRONYMS
        or parts[-1].casefold() in NOT_TOWNS
        or (parts[-1].isupper() and len(parts[-1]) <= 4)
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


def _plates(text: str) -> list[Span]:
    """Licence plates, tagged [ID] ("other numbers"): the copy's summary has no label of
    its own for them."""
    return [
        Span(m.start(), m.end(), Category.ID)
        for m in PLATE.finditer(text)
        if m.group("letters") not in NOT_PLATES
    ]


def _towns_after(text: str, addresses: list[re.Match]) -> list[Span]:
    """The town (and postcode) after each street and house number: "Kerkstraat 12, 2800
    Mechelen", "rue Haute 5 bte 2, Verviers". Here a postcode between 1900 and 2099 is one."""
    spans = []
    for address in addresses:
        if not any(char.isdigit() for char in address.group()):
            continue
        after = AFTER_ADDRESS.match(text, address.end())
        if after and (after.group("postcode") or _town(after.group("town"))):
            start = after.start("postcode") if after.group("postcode") else after.start("town")
            spans.append(Span(start, after.end(), Category.ADDRESS))
    return spans


def _towns_in_context(text: str, language: str) -> list[Span]:
    """Towns named on their own (see PLACE_VERB)."""
    spans = []
    tables = (
        (PLACE_PREPOSITION, False),
        (PLACE_PREPOSITION_AFTER_VERB, True),
        (PLACE_AFTER_NOUN, False),
    )
    for table, needs_verb in tables:
        prepositions = table.get(language)
        if prepositions is None:  # another language: both
            prepositions = "|".join(p for p in table.values() if p)
        if not prepositions:
            continue
        for match in re.finditer(rf"(?<!\w)(?:{prepositions})(?P<town>{TOWN})", text):
            if not _town(match.group("town")):
                continue
            if needs_verb:
                before = text[max(0, match.start() - PLACE_WINDOW) : match.start()]
                if not PLACE_VERB.search(re.split(r"[.;!?\n]", before)[-1]):
                    continue
            spans.append(Span(match.start("town"), match.end("town"), Category.PLACE))
    return spans


def find(text: str, language: str = "") -> list[Span]:
    """Every find of the patterns; `language` ("nl", "fr") chooses the prepositions that
    introduce a town (both when not given)."""
    spans = [
        Span(m.start(), m.end(), category)
        for pattern, category in (
            (NATIONAL_NUMBER, Category.NATIONAL_NUMBER),
            (PHONE, Category.PHONE),
            (EMAIL, Category.EMAIL),
            (URL, Category.URL),
            (USERNAME, Category.USERNAME),
            (DATE, Category.DATE),
        )
        for m in pattern.finditer(text)
    ]
    streets = list(STREET.finditer(text))
    spans += [Span(m.start(), m.end(), Category.ADDRESS) for m in streets]
    spans += _towns_after(text, streets)
    spans += _postcodes(text)
    spans += _plates(text)
    spans += _towns_in_context(text, language)
    for pattern in (TITLED_NAME, RELATIVE_NAME, UPPER_SURNAME, INITIAL):
        spans += [Span(m.start(1), m.end(1), Category.NAME) for m in pattern.finditer(text)]
    return spans
