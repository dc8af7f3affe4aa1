"""Every read and write of a plan leaves an access-log entry, with no personal data in it."""

import pytest
from django.urls import reverse

from livc.audit.models import AccessLogEntry

from .conftest import add_action, days

pytestmark = pytest.mark.django_db
SECRET = "Meets Jan Peeters at the youth centre"


def entries_after(start: int) -> list[tuple]:
    return [
        (e.action, e.object_type, e.case_id, e.role)
        for e in AccessLogEntry.objects.filter(id__gt=start).order_by("id")
    ]


def last_id() -> int:
    return AccessLogEntry.objects.order_by("-id").values_list("id", flat=True).first() or 0


def test_reads_and_writes_are_logged_with_the_case(world, client):
    case = world.case
    start = last_id()
    action = add_action(world, description=SECRET)
    client.force_login(world.users["partner"])
    plan_kwargs = {"case_id": case.pk}
    client.get(reverse("trajectories:plan", kwargs=plan_kwargs))
    client.get(reverse("trajectories:action_edit", args=[action.pk]))
    client.post(
        reverse("trajectories:action_edit", args=[action.pk]),
        {"description": SECRET + "!", "due_on": days(4), "version": action.version},
    )
    client.post(
        reverse("trajectories:action_transition", args=[action.pk]),
        {"to_status": "in_progress", "version": action.version + 1},
    )
    client.post(reverse("trajectories:note_add", args=[action.pk]), {"text": SECRET})
    client.force_login(world.users["coordinator"])
    client.post(reverse("trajectories:goal_add", kwargs=plan_kwargs), {"description": SECRET})
    client.post(
        reverse("trajectories:review_add", kwargs=plan_kwargs),
        {"held_on": days(0), "note": SECRET, "version": 1},
    )
    assert entries_after(start) == [
        ("create", "plan", case.pk, "coordinator"),
        ("create", "action", case.pk, "coordinator"),
        ("view", "plan", case.pk, "partner"),
        ("view", "action", case.pk, "partner"),
        ("update", "action", case.pk, "partner"),
        ("transition", "action", case.pk, "partner"),
        ("create", "progress_note", case.pk, "partner"),
        ("create", "goal", case.pk, "coordinator"),
        ("create", "review", case.pk, "coordinator"),
    ]
    transition = AccessLogEntry.objects.get(action="transition", object_type="action")
    assert transition.reason == "open→in_progress" and transition.object_ref == case.code


def test_lists_are_logged(world, client):
    start = last_id()
    client.force_login(world.users["partner"])
    client.get(reverse("trajectories:my_actions"))
    client.force_login(world.users["coordinator"])
    client.get(reverse("trajectories:dashboard"))
    client.get(reverse("trajectories:dashboard_section", args=["reviews"]))
    assert [
        (e.action, e.object_type, e.reason)
        for e in AccessLogEntry.objects.filter(id__gt=start).order_by("id")
    ] == [("list", "my_actions", ""), ("list", "plan_dashboard", ""),
          ("list", "plan_dashboard", "reviews")]  # fmt: skip


def test_no_personal_data_in_the_log_or_the_urls(world, client):
    add_action(world, description=SECRET)
    client.force_login(world.users["coordinator"])
    response = client.get(reverse("trajectories:plan", kwargs={"case_id": world.case.pk}))
    assert SECRET in response.content.decode()  # readers see it ...
    logged = " ".join(
        f"{e.object_type} {e.object_ref} {e.reason}" for e in AccessLogEntry.objects.all()
    )
    for word in ("Jan", "Peeters", "youth centre"):  # ... the log does not
        assert word not in logged
