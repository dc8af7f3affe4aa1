"""The identifier gate of modules without personal data (DESIGN.md → Privacy engine):
free text is checked with the de-identifier when it is saved, and text that identifies a
person is refused, field by field, naming what was found so the author can rewrite it.

Reusable as is by any module that must hold no personal data (activities, practices,
mobile team, policy): call `refuse_identifiers({"field": text, ...})` in the service, or
`identifier_errors` to merge the findings with the service's other field errors.

What is refused: names, national register numbers, phone numbers, e-mail addresses, user
names (@handles), web addresses (they may lead to a person's profile), licence plates and
other ID numbers, and addresses with a house number (they point at a household). What is
kept: towns, neighbourhoods and street names without a number ("residents of the
Kerkstraat" describes a group by where it lives) and dates (of incidents, meetings).
"""

import re
from collections.abc import Mapping
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from livc.privacy.deid import Category, deidentify, guess_language

LABELS = {
    Category.NAME: gettext_lazy("name"),
    Category.NATIONAL_NUMBER: gettext_lazy("national register number"),
    Category.PHONE: gettext_lazy("phone number"),
    Category.EMAIL: gettext_lazy("e-mail address"),
    Category.USERNAME: gettext_lazy("user name"),
    Category.URL: gettext_lazy("web address"),
    Category.ID: gettext_lazy("licence plate or ID number"),
    Category.ADDRESS: gettext_lazy("address"),
}
REFUSED = frozenset(LABELS)
# "2800 Mechelen": a postcode and a town name no household.
_POSTCODE_AND_TOWN = re.compile(r"\d{4}\s+\D+")


@dataclass(frozen=True)
class Finding:
    """An identifier found in a text: where, what, and its category."""

    start: int
    end: int
    text: str
    category: Category

    @property
    def label(self) -> str:
        return str(LABELS[self.category])


def _refused(category: Category, found: str) -> bool:
    if category not in REFUSED:
        return False
    if category == Category.ADDRESS:
        return any(ch.isdigit() for ch in found) and not _POSTCODE_AND_TOWN.fullmatch(found)
    return True


def identifiers_in(text: str, *, language: str | None = None) -> list[Finding]:
    """The identifiers of persons in `text`, in text order (empty for blank text).

    `language` ("nl" or "fr") is guessed from the text when not given: the categories
    refused here are found alike in both languages.
    """
    if not (text or "").strip():
        return []
    result = deidentify(text, language=language or guess_language(text))
    findings = []
    for span in result.spans:
        found = text[span.start : span.end]
        if _refused(span.category, found):
            findings.append(Finding(span.start, span.end, found, span.category))
    return findings


def message(findings: list[Finding]) -> str:
    listed = ", ".join(
        _("“%(text)s” (%(category)s)") % {"text": f.text.strip(), "category": f.label}
        for f in findings
    )
    return _(
        "This text seems to identify a person: %(found)s. Describe groups, places and "
        "activities, never persons, and rewrite it without these."
    ) % {"found": listed}


def identifier_errors(
    fields: Mapping[str, str], *, language: str | None = None
) -> dict[str, ValidationError]:
    """An error per field whose text identifies a person (none when all are clean)."""
    errors = {}
    for name, text in fields.items():
        findings = identifiers_in(text, language=language)
        if findings:
            # No `params`: Django would %-format the message, which quotes the user's text.
            errors[name] = ValidationError(message(findings), code="identifier")
    return errors


def refuse_identifiers(fields: Mapping[str, str], *, language: str | None = None) -> None:
    """Raise a ValidationError keyed by field when any of `fields` identifies a person."""
    errors = identifier_errors(fields, language=language)
    if errors:
        raise ValidationError(errors)
