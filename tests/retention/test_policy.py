"""A cell's own retention periods: within the deployment's bounds, set by its coordinator,
read by its DPO; out-of-bounds values are refused at the field, in the service and in the
model."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from livc.audit.models import AccessLogEntry
from livc.core.locking import ConcurrentEditError
from livc.retention import services
from livc.retention.forms import OverrideForm
from livc.retention.models import RetentionOverride
from livc.retention.rules import periods_for

pytestmark = pytest.mark.django_db


def save(client, cell, version=0, **values):
    data = {"out_of_scope_months": "", "closed_case_months": "", "version": version, **values}
    return client.post(reverse("retention:policy") + f"?cell={cell.pk}", data)


def test_the_coordinator_sets_the_cells_periods(world, client):
    client.force_login(world.users["coordinator"])
    assert save(client, world.cell, closed_case_months=36).status_code == 302
    override = RetentionOverride.objects.get(cell=world.cell)
    assert (override.out_of_scope_months, override.closed_case_months) == (None, 36)
    assert periods_for(world.cell.pk).closed_case_months == 36
    assert periods_for(world.cell.pk).out_of_scope_months == 12  # the default
    assert AccessLogEntry.objects.filter(object_type="retention_policy").exists()
    assert save(client, world.cell, version=1, out_of_scope_months=6).status_code == 302
    assert periods_for(world.cell.pk).closed_case_months == 60  # emptied: default again


@pytest.mark.parametrize(
    ("field", "value"),
    [("closed_case_months", 11), ("closed_case_months", 121), ("out_of_scope_months", 0),
     ("out_of_scope_months", 25)],
)  # fmt: skip
def test_out_of_bounds_is_refused_at_the_field(world, client, field, value):
    client.force_login(world.users["coordinator"])
    response = save(client, world.cell, **{field: value})
    assert response.status_code == 400
    (message,) = response.context["form"].errors[field]
    assert message.startswith("Choose a period between ")
    assert not RetentionOverride.objects.exists()


def test_the_service_and_the_model_refuse_out_of_bounds_too(world):
    with pytest.raises(ValidationError) as error:
        services.override_save(
            user=world.users["coordinator"],
            cell=world.cell,
            out_of_scope_months=30,
            closed_case_months=5,
            version=0,
        )
    assert set(error.value.message_dict) == {"out_of_scope_months", "closed_case_months"}
    with pytest.raises(ValidationError):
        RetentionOverride(cell=world.cell, closed_case_months=200).full_clean()


def test_bounds_follow_the_settings(world, settings):
    settings.LIVC_RETENTION_CLOSED_CASE_BOUNDS = (24, 36)
    form = OverrideForm({"closed_case_months": 12, "version": 0})
    assert not form.is_valid()
    assert form.errors["closed_case_months"] == ["Choose a period between 24 and 36 months."]


def test_a_concurrent_change_is_refused(world):
    kwargs = {"user": world.users["coordinator"], "cell": world.cell, "out_of_scope_months": 6}
    services.override_save(closed_case_months=None, version=0, **kwargs)
    with pytest.raises(ConcurrentEditError):
        services.override_save(closed_case_months=24, version=0, **kwargs)


def test_the_dpo_reads_but_cannot_change(world, client):
    client.force_login(world.users["dpo"])
    response = client.get(reverse("retention:policy"))
    assert response.status_code == 200 and response.context["form"] is None
    assert "The coordinator of the cell sets these periods" in response.content.decode()
    assert save(client, world.cell, closed_case_months=36).status_code == 404
