"""Role × intake service: allowed, or refused by the service itself (see
tests/cases/service_matrix.py). Derived from the HTTP matrix where a page stands behind a
service, so the pages and the services cannot drift apart."""

import pytest

from livc.intake import services
from livc.organisations.models import Membership

from ..cases.service_matrix import Row, allowed_by, service_matrix_test
from ..casework import IDENTITY, ROLES, build_world
from ..test_casework_matrix import MATRIX

pytestmark = pytest.mark.django_db

EVERYONE = frozenset(ROLES)
# Members of the world's cell who may report: every cell role but the DPO.
CELL_REPORTERS = frozenset(
    {"coordinator", "chair", "information_officer", "partner", "colleague", "other_partner",
     "left_partner"}
)  # fmt: skip
SIGNAL_READERS = allowed_by(MATRIX, "signal_detail")
CONSULTATION_READERS = allowed_by(MATRIX, "consultation_detail")


def _own_organisation(world, user):
    """The organisation the user reports for in the world's cell (any, for outsiders)."""
    membership = Membership.objects.filter(user=user, cell=world.cell, is_active=True).first()
    return membership.organisation if membership else world.caw


def _register(world, user):
    return services.signal_register(
        user=user,
        cell=world.cell,
        organisation=_own_organisation(world, user),
        identity=services.Identity(
            "Eva", "Janssens", IDENTITY.birth_date, "", world.signal.subject.municipality
        ),
        received_on=world.signal.received_on,
        observation="Shares extremist material in class.",
        behaviours=["us_vs_them"],
        behaviour_other="",
        phenomenon="right_wing",
        prevention_level="secondary",
        urgency="normal",
    )


def _fresh_signal(world):
    world.fresh = _register(world, world.users["partner"])


def _consultation(world):
    world.consultation = services.consultation_ask(
        user=world.users["partner"],
        cell=world.cell,
        organisation=world.caw,
        question="How do we approach a pupil who shares such material?",
    )


ROWS = [
    Row("signal_register", _register, CELL_REPORTERS, EVERYONE),
    Row("signal_screen",
        lambda w, u: services.signal_screen(
            user=u, signal=w.fresh, outcome="advised", reason="Advice to the school"),
        allowed_by(MATRIX, "signal_screen"), SIGNAL_READERS, setup=_fresh_signal),
    Row("consultation_ask",
        lambda w, u: services.consultation_ask(
            user=u, cell=w.cell, organisation=_own_organisation(w, u), question="A question?"),
        CELL_REPORTERS, EVERYONE),
    Row("consultation_answer",
        lambda w, u: services.consultation_answer(
            user=u, consultation=w.consultation, answer="Talk to the CLB first."),
        frozenset({"coordinator"}), CONSULTATION_READERS, setup=_consultation),
]  # fmt: skip


@pytest.fixture
def world():
    return build_world()


test_service_matrix = service_matrix_test(ROWS)
