"""Categories of identifiers, their replacement tags, and how overlapping finds combine."""

import enum
import re
from dataclasses import dataclass


def words(text: str) -> frozenset[str]:
    """A word list written as one string (easier to read and edit than a list literal)."""
    return frozenset(text.split())


class Category(enum.StrEnum):
    NAME = "name"
    ADDRESS = "address"
    PLACE = "place"
    PHONE = "phone"
    EMAIL = "email"
    USERNAME = "username"
    URL = "url"
    NATIONAL_NUMBER = "national_number"
    DATE = "date"
    ID = "id"

    @property
    def tag(self) -> str:
        """The replacement: the same in every language, so copies read alike."""
        return f"[{self.name.replace('_', ' ')}]"


# When finds of the same length overlap, the more specific category names the merged span.
PRIORITY = [
    Category.NATIONAL_NUMBER,
    Category.EMAIL,
    Category.URL,
    Category.USERNAME,
    Category.PHONE,
    Category.DATE,
    Category.ADDRESS,
    Category.NAME,
    Category.PLACE,
    Category.ID,
]


@dataclass(frozen=True, order=True)
class Span:
    start: int
    end: int
    category: Category


_JOIN = re.compile(r"[ \t]*")


def resolve(spans: list[Span], text: str) -> list[Span]:
    """Non-overlapping spans in text order. Overlapping finds become one span named after
    the longest find (ties: PRIORITY), so nothing found is ever left half-replaced; finds
    of one category separated only by spaces become one ("Jan" + "Peeters")."""
    merged: list[tuple[int, int, list[Span]]] = []
    for span in sorted(s for s in spans if s.end > s.start):
        if merged and span.start < merged[-1][1]:
            start, end, parts = merged[-1]
            merged[-1] = (start, max(end, span.end), [*parts, span])
        else:
            merged.append((span.start, span.end, [span]))
    result: list[Span] = []
    for start, end, parts in merged:
        best = min(parts, key=lambda s: (-(s.end - s.start), PRIORITY.index(s.category)))
        span = Span(start, end, best.category)
        previous = result[-1] if result else None
        if (
            previous is not None
            and previous.category == span.category
            and _JOIN.fullmatch(text[previous.end : span.start])
        ):
            result[-1] = Span(previous.start, span.end, span.category)
        else:
            result.append(span)
    return result
