"""Writes on charters: publishing a new version and accepting versions. Each write is atomic
and appends to the access log (object type "charter", references only).

Authorisation is the caller's (views use `policies`); services check the data.
"""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from livc.access.actor import actor_for
from livc.audit.models import AccessLogEntry
from livc.audit.services import record
from livc.organisations.models import Cell

from .models import CharterAcceptance, CharterVersion
from .policies import forget_pending, member_cells

MAX_TEXT = 50_000


def clean_text(text: str) -> str:
    """Uniform line ends and no trailing blanks, so an unchanged text compares equal."""
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    return "\n".join(line.rstrip() for line in lines).strip()


def check_publication(
    *, cell: Cell, kind: str, text: str, change_note: str = "", based_on: int
) -> tuple[CharterVersion | None, str, str]:
    """Validate a new version without writing: (current version or None, cleaned text,
    cleaned note). Raises ValidationError, keyed by field where one field is at fault.

    `based_on` is the number of the current version the author edited (0 for none): if
    someone published meanwhile, the error says so.
    """
    if kind not in CharterVersion.Kind.values:
        raise ValidationError(_("Unknown kind of text."))
    current = CharterVersion.objects.filter(cell=cell, kind=kind).order_by("-number").first()
    current_number = current.number if current else 0
    if based_on != current_number:
        raise ValidationError(
            _(
                "Someone published version %(number)d while you were editing. Read it and "
                "start again from it; nothing was published."
            )
            % {"number": current_number}
        )
    text, change_note = clean_text(text), change_note.strip()
    errors = {}
    if not text:
        errors["text"] = _("Write the text.")
    elif len(text) > MAX_TEXT:
        errors["text"] = _("The text is too long (at most %(max)d characters).") % {"max": MAX_TEXT}
    elif current and text == current.text:
        errors["text"] = _("The text is the same as the current version.")
    if current and not change_note:
        errors["change_note"] = _("Say briefly what changed, for the members who accept again.")
    elif len(change_note) > 300:
        errors["change_note"] = _("At most 300 characters.")
    if errors:
        raise ValidationError(errors)
    return current, text, change_note


@transaction.atomic
def charter_publish(
    *, user, cell: Cell, kind: str, text: str, change_note: str = "", based_on: int
) -> CharterVersion:
    """Publish the next version of the cell's `kind` text (rules of `check_publication`);
    every member must accept it again before their next access to case data."""
    # The cell's row lock serialises publishers, so numbers follow each other without gaps.
    Cell.objects.select_for_update().filter(pk=cell.pk).first()
    current, text, change_note = check_publication(
        cell=cell, kind=kind, text=text, change_note=change_note, based_on=based_on
    )
    version = CharterVersion.objects.create(
        cell=cell,
        kind=kind,
        number=(current.number if current else 0) + 1,
        text=text,
        change_note=change_note,
        published_at=timezone.now(),
        published_by=user,
    )
    version.cell = cell
    record(
        actor=actor_for(user, cell.pk),
        action=AccessLogEntry.Action.CREATE,
        object_type="charter",
        object_id=version.pk,
        object_ref=version.reference,
    )
    return version


@transaction.atomic
def charters_accept(*, user, versions: list[CharterVersion]) -> list[CharterAcceptance]:
    """Record that the user read and accepted `versions` (versions of their cells), each in
    the capacity they hold in its cell. Accepting twice keeps the first acceptance."""
    cells = member_cells(user)
    if any(version.cell_id not in cells for version in versions):
        raise ValidationError(_("You can only accept the texts of your own cells."))
    now, acceptances = timezone.now(), []
    for version in versions:
        actor = actor_for(user, version.cell_id)
        acceptance, created = CharterAcceptance.objects.get_or_create(
            version=version,
            user=user,
            defaults={
                "accepted_at": now,
                "role": actor.role,
                "organisation_id": actor.organisation_id,
            },
        )
        if created:
            record(
                actor=actor,
                action=AccessLogEntry.Action.ATTEST,
                object_type="charter",
                object_id=version.pk,
                object_ref=version.reference,
            )
        acceptances.append(acceptance)
    forget_pending(user)
    return acceptances
