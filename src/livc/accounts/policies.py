"""Who may do what with accounts and the technical administration."""

from livc.organisations.models import Role
from livc.organisations.selectors import active_roles


def can_administer(user) -> bool:
    """Administrators manage users, cells and organisations; they never see case content."""
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return False
    return user.is_superuser or Role.ADMINISTRATOR in active_roles(user)


def mfa_required(user) -> bool:
    """MFA is mandatory for everyone except users whose only roles see aggregated figures.

    A user without any role is treated as someone who may get one: MFA is required.
    """
    roles = active_roles(user)
    return user.is_superuser or not roles or roles != {Role.SUPERVISOR}


def can_use_platform(user) -> bool:
    return getattr(user, "is_authenticated", False) and user.is_active
