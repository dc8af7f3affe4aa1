"""How values look in the subject access export: JSON-ready, the same in the PDF."""

import datetime

from django.utils import timezone


def day(value: datetime.date | None) -> str | None:
    return value.isoformat() if value else None


def moment(value: datetime.datetime | None) -> str | None:
    return timezone.localtime(value).strftime("%Y-%m-%d %H:%M") if value else None


def choice(obj, field: str) -> dict | None:
    """A choice field as its stored code and its label in the active language."""
    code = getattr(obj, field)
    if code in (None, ""):
        return None
    return {"code": code, "label": str(getattr(obj, f"get_{field}_display")())}


def name(user) -> str | None:
    return user.full_name if user else None


def org(organisation) -> str | None:
    return organisation.name if organisation else None
