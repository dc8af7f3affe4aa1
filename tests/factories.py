import factory
from allauth.mfa.totp.internal.auth import TOTP

from livc.accounts.models import User
from livc.organisations.models import (
    CELL_ROLES,
    Cell,
    CellMunicipality,
    Membership,
    Municipality,
    Organisation,
    Role,
)

PASSWORD = "correct horse battery staple 42"
TOTP_SECRET = "JBSWY3DPEHPK3PXP"


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"user{n}@example.test")
    full_name = factory.Sequence(lambda n: f"Test User {n}")
    language = "en"
    password = factory.PostGenerationMethodCall("set_password", PASSWORD)

    @factory.post_generation
    def totp(self, create, extracted, **kwargs):
        """Enrol TOTP unless `totp=False` is passed."""
        self.save()
        if create and extracted is not False:
            TOTP.activate(self, TOTP_SECRET)


def municipality(nis_code: str = "12025") -> Municipality:
    return Municipality.objects.get(nis_code=nis_code)


class CellFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Cell
        skip_postgeneration_save = True

    name = factory.Sequence(lambda n: f"LIVC-R Test {n}")
    code = factory.Sequence(lambda n: "T" + "".join(chr(65 + int(d)) for d in f"{n:03d}"))

    @factory.post_generation
    def serves(self, create, extracted, **kwargs):
        for nis_code in extracted or []:
            CellMunicipality.objects.create(cell=self, municipality=municipality(nis_code))


class OrganisationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organisation

    name = factory.Sequence(lambda n: f"Organisation {n}")
    type = Organisation.Type.CAW
    municipality = factory.LazyFunction(municipality)


def member(role: Role, cell: Cell | None = None, user: User | None = None, **kwargs) -> User:
    """A user holding `role` (in `cell` for cell roles), with TOTP enrolled."""
    user = user or UserFactory(**kwargs)
    if role == Role.MEASURE_OWNER:  # above the cells, on behalf of an administration
        Membership.objects.create(user=user, role=role, organisation=OrganisationFactory())
    elif role not in CELL_ROLES:
        Membership.objects.create(user=user, role=role)
    else:
        Membership.objects.create(
            user=user, role=role, cell=cell, organisation=OrganisationFactory()
        )
    return user
