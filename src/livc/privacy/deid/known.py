"""The known identifiers of the person a text is about, found however they are written:
any case, with or without accents, names with or without their particles, the national
register number with any separators, the birth date in the usual numeric and written forms."""

import datetime
import re
import unicodedata
from dataclasses import dataclass

from .spans import Category, Span, words


@dataclass(frozen=True)
class Known:
    """One identifier of the subject, replaced wherever it occurs in the text."""

    category: Category
    value: str
    role: str = ""  # "first_name" / "last_name": lets deduce also catch near misses


PARTICLES = words("van de den der von da di dos du des le la l d el al ben bin ter ten op")
MONTH_NAMES = {
    1: ["januari", "janvier", "january", "jan", "janv"],
    2: ["februari", "fevrier", "february", "feb", "febr", "fevr"],
    3: ["maart", "mars", "march", "mrt", "mar"],
    4: ["april", "avril", "apr", "avr"],
    5: ["mei", "mai", "may"],
    6: ["juni", "juin", "june", "jun"],
    7: ["juli", "juillet", "july", "jul", "juil"],
    8: ["augustus", "aout", "august", "aug"],
    9: ["september", "septembre", "sep", "sept"],
    10: ["oktober", "octobre", "october", "okt", "oct"],
    11: ["november", "novembre", "nov"],
    12: ["december", "decembre", "dec"],
}
SEPARATORS = r"[\s\-'’.]*"


def fold(text: str) -> tuple[str, list[int]]:
    """Lower case without accents, and for each folded character its index in `text`."""
    folded, origin = [], []
    for index, char in enumerate(text):
        for part in unicodedata.normalize("NFKD", char):
            if unicodedata.combining(part):
                continue
            for lower in part.casefold():
                folded.append(lower)
                origin.append(index)
    return "".join(folded), origin


def _words(value: str) -> list[str]:
    return [word for word in re.split(r"[\s\-'’.]+", fold(value)[0]) if word]


def _name_patterns(value: str) -> list[str]:
    words = _words(value)
    if not words or sum(map(len, words)) < 2:
        return []
    patterns = [SEPARATORS.join(map(re.escape, words))]
    core = list(words)
    while len(core) > 1 and core[0] in PARTICLES:
        core.pop(0)
    if core != words and sum(map(len, core)) >= 3:
        # "El Amrani" is also written "Amrani"; "Van den Broeck" "Broeck".
        patterns.append(SEPARATORS.join(map(re.escape, core)))
    return patterns


def _date_patterns(value: str) -> list[str]:
    try:
        date = datetime.date.fromisoformat(value.strip())
    except ValueError:
        return _name_patterns(value)
    day, month = date.day, date.month
    year = rf"(?:{date.year}|{date.year % 100:02d})"
    days = rf"(?:0?{day}{'|1er' if day == 1 else ''})"
    months = "|".join(MONTH_NAMES[month])
    return [
        rf"{days}\s*[/.\-]\s*0?{month}\s*[/.\-]\s*{year}",
        rf"{date.year}\s*[/.\-]\s*{month:02d}\s*[/.\-]\s*{day:02d}",
        rf"{days}(?:e|ste|de)?\s+(?:{months})\.?\s+{date.year}",
        rf"(?:{months})\.?\s+{day},?\s+{date.year}",
    ]


def _number_patterns(value: str) -> list[str]:
    digits = re.sub(r"\D", "", value)
    if len(digits) < 6:
        return []
    return [r"[\s.\-/]?".join(digits)]


def patterns(known: Known) -> list[str]:
    if known.category == Category.DATE:
        return _date_patterns(known.value)
    if known.category in (Category.NATIONAL_NUMBER, Category.PHONE):
        return _number_patterns(known.value)
    return _name_patterns(known.value)


def find(text: str, identifiers: list[Known]) -> list[Span]:
    folded, origin = fold(text)
    spans = []
    for known in identifiers:
        for pattern in patterns(known):
            for match in re.finditer(rf"(?<!\w)(?:{pattern})(?!\w)", folded):
                start, end = origin[match.start()], origin[match.end() - 1] + 1
                spans.append(Span(start, end, known.category))
    return spans


def subject_identifiers(subject) -> list[Known]:
    """The known identifiers of a `cases.Subject`: names, birth date, national register
    number and municipality (in its official languages)."""
    known = [
        Known(Category.NAME, subject.first_name, role="first_name"),
        Known(Category.NAME, subject.last_name, role="last_name"),
        Known(Category.DATE, subject.birth_date),
    ]
    if subject.national_number:
        known.append(Known(Category.NATIONAL_NUMBER, subject.national_number))
    municipality = subject.municipality
    for name in {municipality.name_nl, municipality.name_fr, municipality.name_de}:
        if name:
            known.append(Known(Category.PLACE, name))
    return known
