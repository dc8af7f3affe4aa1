"""Who reads and who edits the library.

- Read: every signed-in, active user of the platform, whatever their role (cell members,
  the DPO, supervisors, administrators and any role added later) and also without one. The
  library holds public texts and no personal data, so no charter gate applies to it.
- Edit (create and change entries, retire and reinstate them, link texts, manage issuers):
  the administrators, i.e. users holding the administrator role, and superusers (the
  technical administrators, who may grant that role anyway). Supervisors read only: the
  library is the platform's shared reference, kept by one small group.
"""

from dataclasses import dataclass

from livc.access.errors import NotFound
from livc.audit.services import Actor
from livc.organisations.models import Role
from livc.organisations.selectors import active_roles

from .models import Entry, Issuer, Relation

EDITORS = (Role.ADMINISTRATOR,)


def can_read(user) -> bool:
    return bool(getattr(user, "is_authenticated", False) and user.is_active)


def in_menu(user) -> bool:
    """The navigation link (no query: the user is already loaded)."""
    return can_read(user)


def can_edit(user) -> bool:
    """Editors: the administrators (one membership query, cached for the request)."""
    if not can_read(user):
        return False
    return user.is_superuser or any(role in active_roles(user) for role in EDITORS)


def editor_actor(user) -> Actor:
    """The capacity recorded in the access log for a library change."""
    role = Role.ADMINISTRATOR if Role.ADMINISTRATOR in active_roles(user) else ""
    return Actor(user_id=user.pk, role=role)


def ensure_reader(user) -> None:
    if not can_read(user):
        raise NotFound


def visible_entries(user):
    """Every entry, retired ones too, for a reader; none for anyone else."""
    if not can_read(user):
        return Entry.objects.none()
    return Entry.objects.all()


def access_entry(user, entry_id: int) -> Entry:
    """The entry with its issuer, versions and themes, or NotFound."""
    entry = (
        visible_entries(user)
        .select_related("issuer")
        .prefetch_related("versions", "themes")
        .filter(pk=entry_id)
        .first()
    )
    if entry is None:
        raise NotFound
    return entry


def access_relation(user, relation_id: int) -> Relation:
    relation = (
        Relation.objects.filter(pk=relation_id, source__in=visible_entries(user))
        .select_related("source", "target")
        .first()
    )
    if relation is None:
        raise NotFound
    return relation


def access_issuer(user, issuer_id: int) -> Issuer:
    """Issuers are managed by editors only: NotFound for anyone else."""
    issuer = Issuer.objects.filter(pk=issuer_id).first() if can_edit(user) else None
    if issuer is None:
        raise NotFound
    return issuer


def can_retire(user, entry: Entry) -> bool:
    return can_edit(user) and entry.in_force


def can_reinstate(user, entry: Entry) -> bool:
    return can_edit(user) and not entry.in_force


@dataclass(frozen=True)
class EntryActions:
    """What the user may do with one entry: the page offers exactly these."""

    edit: bool
    retire: bool
    reinstate: bool
    link: bool


def entry_actions(user, entry: Entry) -> EntryActions:
    editor = can_edit(user)
    return EntryActions(
        edit=editor,
        retire=editor and entry.in_force,
        reinstate=editor and not entry.in_force,
        link=editor,
    )
