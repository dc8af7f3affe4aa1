"""De-identified copies of free text, for training, intervision and good-practice
write-ups. Never a substitute for access control: only people allowed to read the original
get a copy."""

from .core import LANGUAGES, DeidentifiedText, deidentify, guess_language
from .known import Known, subject_identifiers
from .spans import Category, Span

__all__ = [
    "LANGUAGES",
    "Category",
    "DeidentifiedText",
    "Known",
    "Span",
    "deidentify",
    "guess_language",
    "subject_identifiers",
]
