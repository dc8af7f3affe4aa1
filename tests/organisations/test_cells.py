import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from livc.organisations import selectors, services
from livc.organisations.models import CellMunicipality, Membership, Role

from ..factories import CellFactory, OrganisationFactory, UserFactory, member, municipality

pytestmark = pytest.mark.django_db


def test_a_municipality_belongs_to_at_most_one_active_cell(cell):
    other = CellFactory()
    link = CellMunicipality(cell=other, municipality=municipality("12025"))
    with pytest.raises(ValidationError, match="already served by another active cell"):
        link.full_clean()
    with pytest.raises(IntegrityError), transaction.atomic():
        link.save()


def test_deactivating_a_cell_frees_its_municipalities(cell):
    services.cell_deactivate(actor=None, cell=cell)
    CellMunicipality.objects.create(cell=CellFactory(), municipality=municipality("12025"))
    assert not cell.memberships.filter(is_active=True).exists()


def test_intermunicipal_cell_serves_several_municipalities():
    cell = CellFactory(serves=["23088", "23047", "23094"])
    assert cell.municipalities.count() == 3


@pytest.mark.parametrize(
    ("role", "with_cell"),
    [(Role.PARTNER, False), (Role.COORDINATOR, False), (Role.ADMINISTRATOR, True)],
)
def test_membership_scope_must_match_role(cell, role, with_cell):
    membership = Membership(
        user=UserFactory(),
        role=role,
        cell=cell if with_cell else None,
        organisation=OrganisationFactory() if with_cell else None,
    )
    with pytest.raises(ValidationError, match="Cell roles need a cell"):
        membership.full_clean()


def test_cell_code_must_be_capitals():
    with pytest.raises(ValidationError, match="2 to 6 capital letters"):
        CellFactory.build(code="mec1").full_clean()


def test_composition_lists_missing_mandatory_roles(cell):
    member(Role.COORDINATOR, cell)
    member(Role.PARTNER, cell)
    composition = selectors.cells_composition(cells=[cell])[0]
    assert composition.missing_roles == [Role.CHAIR, Role.INFORMATION_OFFICER]
    assert [c.pk for c, missing in selectors.incomplete_cells()] == [cell.pk]


def test_complete_cell_has_no_warning(cell):
    for role in (Role.CHAIR, Role.COORDINATOR, Role.INFORMATION_OFFICER):
        member(role, cell)
    assert selectors.cells_composition(cells=[cell])[0].is_complete
    assert selectors.incomplete_cells() == []


def test_inactive_members_do_not_count(cell):
    for role in (Role.CHAIR, Role.COORDINATOR, Role.INFORMATION_OFFICER):
        member(role, cell)
    Membership.objects.filter(role=Role.CHAIR).update(is_active=False)
    assert selectors.cells_composition(cells=[cell])[0].missing_roles == [Role.CHAIR]
