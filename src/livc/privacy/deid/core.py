"""`deidentify`: the text with identifiers replaced by neutral tags, and what was replaced."""

import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field

from . import engine, known, patterns, places
from .known import Known
from .spans import Category, Span, resolve, words

LANGUAGES = ("nl", "fr")
ACRONYMS = patterns.ACRONYMS
STOP_WORDS = patterns.STOP_WORDS
# Words that start sentences before a name and that name finders take along ("Volgens Jan
# Peeters", "Selon Marie Dubois", "Betrokkene Kevin Vermeulen"): never a name's first word.
NOT_FIRST_NAMES = words(
    "volgens selon betrokkene betrokken intéressé intéressée gesprek entretien contact "
    "melding signalement nummerplaat kenteken plaque verslag rapport bel belde mail dixit "
    "avec met bij voor pour door par chez dag beste cher chère bonjour hallo ook aussi toen "
    "alors daarna ensuite puis vandaag gisteren morgen demain afspraak telefoon téléphone "
    "adres adresse audition verhoor domicile domicilie résidence verblijfadres"
)


@dataclass(frozen=True)
class DeidentifiedText:
    """A de-identified copy: the text, the spans replaced (offsets in the original, never
    their content) and how many replacements per category."""

    text: str
    language: str
    spans: tuple[Span, ...] = ()
    counts: dict[str, int] = field(default_factory=dict)

    @property
    def total(self) -> int:
        return len(self.spans)


def guess_language(text: str) -> str:
    """ "nl" or "fr", by the commoner function words (notes carry no language field)."""
    found = re.findall(r"[a-zà-ÿ]+", text.casefold())
    dutch = sum(word in _DUTCH for word in found)
    french = sum(word in _FRENCH for word in found)
    return "fr" if french > dutch else "nl"


_DUTCH = words(
    "de het een en van is op te met voor niet dat die zijn hij zij ze heeft werd naar bij ook "
    "aan om er geen wil haar zich wordt hem was maar nog kan"
)
_FRENCH = words(
    "le la les l d qu un une et du des est pour pas que qui il elle au aux sur avec dans ne se "
    "son sa ses été avait était mais plus très"
)


def _plausible_name(text: str) -> bool:
    found = re.findall(r"[^\W\d_]+", text)
    if not found or all(word.casefold() in STOP_WORDS for word in found):
        return False
    if any(word in ACRONYMS for word in found):
        return False
    return not (len(found) == 1 and found[0].isupper() and len(found[0]) <= 4)


_TRAILING_PARTICLES = re.compile(rf"(?:[\s\-]+(?:{patterns.PARTICLE}))*[\s\-]*$", re.IGNORECASE)
_FIRST_WORD = re.compile(r"([^\W\d_]+)\s+")


def _without_leading_words(span: Span, text: str) -> Span:
    """ "Volgens [NAME]" rather than "[NAME]" (see NOT_FIRST_NAMES)."""
    start = span.start
    while match := _FIRST_WORD.match(text, start, span.end):
        if match.group(1).casefold() not in NOT_FIRST_NAMES:
            break
        start = match.end()
    return Span(start, span.end, span.category)


def _before_acronym(span: Span, text: str) -> Span:
    """A name find that runs into an organisation ("Mme Bouchez du PMS", "mevrouw Claes van
    het CLB") ends before it: the person is named, the service is not."""
    found = text[span.start : span.end]
    for word in re.finditer(r"[^\W\d_]+", found):
        if word.group() in ACRONYMS and word.start() > 0:
            head = _TRAILING_PARTICLES.sub("", found[: word.start()])
            return Span(span.start, span.start + len(head), span.category)
    return span


def _without_title(span: Span, text: str) -> Span:
    """ "Mme [NAME]" reads better than "[NAME]" and the title identifies no one."""
    title = patterns.TITLE.match(text, span.start, span.end)
    if span.category == Category.NAME and title and title.end() < span.end:
        return Span(title.end(), span.end, span.category)
    return span


def _keep(span: Span, text: str, language: str, *, listed: bool) -> bool:
    """Drop name finds that are function words or acronyms, and finds of deduce's place
    lists (`listed`) that are function words; outside Dutch text keep only the Belgian place
    names of those lists (deduce's lists are of the Netherlands)."""
    found = text[span.start : span.end]
    if span.category == Category.NAME:
        return _plausible_name(found)
    if span.category == Category.PLACE and listed:
        if found.casefold() in STOP_WORDS:
            return False
        return language == "nl" or found in places.municipality_names()
    return True


def deidentify(
    text: str, *, language: str, known_identifiers: Iterable[Known | str] = ()
) -> DeidentifiedText:
    """Replace names, national register numbers, addresses, phone numbers, e-mail
    addresses, user names, web addresses and dates in `text` by tags such as `[NAME]`.

    `language` is "nl" or "fr" (others are treated like French: patterns and known
    identifiers, deduce's name lists filtered). `known_identifiers` are the subject's own
    (plain strings are names): they are replaced wherever they occur, in any case and with
    or without accents. A de-identified copy lowers the risk of sharing a text; it is never
    a substitute for access control.
    """
    identifiers = [
        k if isinstance(k, Known) else Known(Category.NAME, k) for k in known_identifiers
    ]
    identifiers = [k for k in identifiers if k.value and k.value.strip()]
    first_names = [k.value for k in identifiers if k.role == "first_name"]
    surname = next((k.value for k in identifiers if k.role == "last_name"), "")
    found = known.find(text, identifiers)
    for source, listed in (
        (patterns.find(text, language), False),
        (engine.find(text, first_names=first_names, surname=surname), True),
    ):
        for span in source:
            if span.category == Category.NAME:
                span = _without_title(span, text)  # noqa: PLW2901
                span = _before_acronym(_without_leading_words(span, text), text)  # noqa: PLW2901
            if _keep(span, text, language, listed=listed):
                found.append(span)
    spans = resolve(found, text)
    pieces, cursor = [], 0
    for span in spans:
        pieces += [text[cursor : span.start], span.category.tag]
        cursor = span.end
    pieces.append(text[cursor:])
    counts = Counter(str(span.category) for span in spans)
    return DeidentifiedText("".join(pieces), language, tuple(spans), dict(counts))
