from django.core.exceptions import PermissionDenied
from django.shortcuts import render

from livc.accounts.policies import can_administer, can_use_platform
from livc.organisations import policies, selectors


def home(request):
    """The user's cells and roles; composition for coordinators; gaps for administrators."""
    user = request.user
    if not can_use_platform(user):
        raise PermissionDenied
    memberships = list(selectors.user_memberships(user=user))
    compositions = selectors.cells_composition(cells=list(policies.composition_cells(user)))
    incomplete_cells = selectors.incomplete_cells() if can_administer(user) else []
    return render(
        request,
        "site/home.html",
        {
            "memberships": memberships,
            "compositions": compositions,
            "incomplete_cells": incomplete_cells,
            "is_administrator": can_administer(user),
        },
    )
