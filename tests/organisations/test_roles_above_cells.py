"""The roles above the cells (Part G): policy officer, measure owner, mobile-team expert and
grant officer. Their memberships are never tied to a cell; each has the scope it needs
(a region or none, an organisation for a measure owner), and all of them use MFA."""

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from livc.accounts.policies import mfa_required
from livc.organisations import selectors
from livc.organisations.models import (
    ABOVE_CELL_ROLES,
    CELL_ROLES,
    GLOBAL_ROLES,
    MANDATORY_ROLES,
    Membership,
    Region,
    Role,
)

from ..factories import OrganisationFactory, UserFactory, member

pytestmark = pytest.mark.django_db

FLANDERS = "02000"


def region(nis_code=FLANDERS):
    return Region.objects.get(nis_code=nis_code)


# role, scope that fits: (cell?, organisation?, region?)
FITS = [
    (Role.POLICY_OFFICER, False, False, False),  # federal
    (Role.POLICY_OFFICER, False, False, True),  # regional
    (Role.GRANT_OFFICER, False, False, False),
    (Role.GRANT_OFFICER, False, False, True),
    (Role.MOBILE_TEAM_EXPERT, False, False, False),
    (Role.MEASURE_OWNER, False, True, False),
]
DOES_NOT_FIT = [
    (Role.POLICY_OFFICER, True, True, False),  # in a cell
    (Role.POLICY_OFFICER, False, True, False),  # on behalf of an organisation
    (Role.GRANT_OFFICER, True, True, False),
    (Role.MOBILE_TEAM_EXPERT, False, False, True),  # the mobile team is federal
    (Role.MOBILE_TEAM_EXPERT, True, True, False),
    (Role.MEASURE_OWNER, False, False, False),  # needs its administration
    (Role.MEASURE_OWNER, True, True, False),  # never in a cell
    (Role.MEASURE_OWNER, False, True, True),
]


def membership(cell, role, with_cell, with_organisation, with_region):
    return Membership(
        user=UserFactory(),
        role=role,
        cell=cell if with_cell else None,
        organisation=OrganisationFactory() if with_organisation else None,
        region=region() if with_region else None,
    )


@pytest.mark.parametrize(("role", "with_cell", "with_organisation", "with_region"), FITS)
def test_roles_above_the_cells_take_their_scope(
    cell, role, with_cell, with_organisation, with_region
):
    row = membership(cell, role, with_cell, with_organisation, with_region)
    row.full_clean()
    row.save()
    assert row.cell_id is None


@pytest.mark.parametrize(("role", "with_cell", "with_organisation", "with_region"), DOES_NOT_FIT)
def test_roles_above_the_cells_refuse_another_scope(
    cell, role, with_cell, with_organisation, with_region
):
    row = membership(cell, role, with_cell, with_organisation, with_region)
    with pytest.raises(ValidationError, match="roles above the cells are not tied to a cell"):
        row.full_clean()
    with pytest.raises(IntegrityError), transaction.atomic():
        row.save()


def test_existing_role_values_are_unchanged_and_the_new_ones_sit_above_the_cells():
    assert [r.value for r in Role][:7] == [
        "coordinator",
        "chair",
        "information_officer",
        "partner",
        "dpo",
        "supervisor",
        "administrator",
    ]
    assert set(ABOVE_CELL_ROLES) == {
        "policy_officer",
        "measure_owner",
        "mobile_team_expert",
        "grant_officer",
    }
    assert not set(ABOVE_CELL_ROLES) & (set(CELL_ROLES) | set(GLOBAL_ROLES) | set(MANDATORY_ROLES))


@pytest.mark.parametrize("role", ABOVE_CELL_ROLES)
def test_roles_above_the_cells_use_mfa(role):
    """Only a pure supervisor (aggregated figures) goes without MFA: these roles read and
    write named plans, measures, requests and grants, with names of officials."""
    assert mfa_required(member(role))
    supervisor_too = member(Role.SUPERVISOR)
    member(role, user=supervisor_too)
    supervisor_too = type(supervisor_too).objects.get(pk=supervisor_too.pk)
    assert mfa_required(supervisor_too)


@pytest.mark.parametrize("role", ABOVE_CELL_ROLES)
def test_roles_above_the_cells_hold_no_cell(role, django_assert_num_queries):
    user = member(role)
    with django_assert_num_queries(1):
        assert [m.role for m in selectors.above_cell_memberships(user)] == [role]
        assert selectors.cell_memberships(user) == []
        assert selectors.active_roles(user) == frozenset({role})


def test_a_user_holds_one_active_role_above_the_cells_of_each_kind():
    user = member(Role.POLICY_OFFICER)
    with pytest.raises(IntegrityError), transaction.atomic():
        Membership.objects.create(user=user, role=Role.POLICY_OFFICER, region=region())
