"""Who may see what of cells and their composition. Every check is per cell."""

from django.db.models import QuerySet

from .models import Cell, Role


def composition_cells(user) -> QuerySet[Cell]:
    """Cells whose composition (and its warnings) the user follows: their coordinator."""
    if not getattr(user, "is_authenticated", False):
        return Cell.objects.none()
    return Cell.objects.filter(
        is_active=True,
        memberships__user=user,
        memberships__role=Role.COORDINATOR,
        memberships__is_active=True,
    ).distinct()
