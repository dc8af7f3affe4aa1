"""Publishing: numbered immutable versions, validation at the field, preview before publish."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from livc.audit.models import AccessLogEntry
from livc.charters import services
from livc.charters.diff import line_diff
from livc.charters.models import CharterAcceptance, CharterVersion
from livc.charters.policies import pending_charters

from .conftest import CONFIDENTIALITY, RULES, accept, fresh, publish

pytestmark = pytest.mark.django_db


def publish_url(world, kind=RULES):
    return reverse("charters:publish", args=[world.cell.pk, kind.value])


def test_numbers_follow_each_other_per_cell_and_kind(world):
    assert [publish(world).number for _ in range(3)] == [1, 2, 3]
    assert publish(world, CONFIDENTIALITY).number == 1
    assert publish(world, cell=world.other_cell, by="foreign_coordinator").number == 1


def test_previous_acceptances_do_not_count_for_the_new_version(world):
    first = publish(world)
    accept(world, "partner", first)
    second = publish(world)
    assert pending_charters(fresh(world.users["partner"])) == [second]
    assert CharterAcceptance.objects.filter(version=first).count() == 1
    assert not CharterAcceptance.objects.filter(version=second).exists()


def test_versions_and_acceptances_are_immutable(world):
    version = publish(world)
    (acceptance,) = accept(world, "partner", version)
    version.text = "changed"
    for record in (version, acceptance):
        with pytest.raises(PermissionError):
            record.save()
        with pytest.raises(PermissionError):
            record.delete()
    with pytest.raises(PermissionError):
        CharterVersion.objects.update(text="changed")
    with pytest.raises(PermissionError):
        CharterAcceptance.objects.all().delete()


def test_publishing_is_in_the_access_log(world):
    version = publish(world)
    entry = AccessLogEntry.objects.get(object_type="charter")
    assert entry.action == AccessLogEntry.Action.CREATE and entry.object_id == version.pk
    assert entry.role == "coordinator" and entry.cell_id == world.cell.pk
    assert entry.object_ref == f"{world.cell.code}/internal_rules/v1"


@pytest.mark.parametrize(
    ("text", "note", "field"),
    [
        ("   \n  ", "x", "text"),
        ("Paragraph one of internal_rules 1.\r\n\r\nParagraph two.  ", "x", "text"),  # same
        ("A real change.", "", "change_note"),
    ],
)
def test_bad_input_is_refused_at_the_field(world, text, note, field):
    publish(world)
    with pytest.raises(ValidationError) as error:
        services.charter_publish(
            user=world.users["coordinator"],
            cell=world.cell,
            kind=RULES,
            text=text,
            change_note=note,
            based_on=1,
        )
    assert field in error.value.error_dict
    assert CharterVersion.objects.count() == 1


def test_someone_publishing_meanwhile_stops_the_second_author(world):
    publish(world)
    with pytest.raises(ValidationError, match="version 1 while you were editing"):
        services.charter_publish(
            user=world.users["coordinator"], cell=world.cell, kind=RULES, text="New", based_on=0
        )


def test_form_shows_a_preview_with_the_changes_then_publishes(client, world):
    publish(world, text="Who takes part.\n\nPurpose.")
    client.force_login(world.users["coordinator"])
    form = client.get(publish_url(world))
    assert form.context["form"].initial == {"text": "Who takes part.\n\nPurpose.", "based_on": 1}
    data = {"text": "Who takes part.\n\nPurpose, revised.", "change_note": "Purpose", "based_on": 1}
    preview = client.post(publish_url(world), data)
    assert preview.status_code == 200
    assert [(d.op, d.text) for d in preview.context["diff"] if d.op != "same"] == [
        ("removed", "Purpose."),
        ("added", "Purpose, revised."),
    ]
    body = preview.content.decode()
    assert "Publish version 2" in body and "data-confirm" in body
    assert CharterVersion.objects.count() == 1
    published = client.post(publish_url(world), {**data, "confirmed": "1"})
    assert published.status_code == 302
    assert published["Location"] == reverse("charters:detail", args=[world.cell.pk])
    assert CharterVersion.objects.get(number=2).text == "Who takes part.\n\nPurpose, revised."


def test_form_errors_come_back_at_the_field(client, world):
    publish(world)
    client.force_login(world.users["coordinator"])
    response = client.post(publish_url(world), {"text": "Changed", "based_on": 1, "confirmed": "1"})
    assert response.status_code == 400
    assert "change_note" in response.context["form"].errors
    response = client.post(publish_url(world), {"text": "", "based_on": 1})
    assert response.status_code == 400
    assert "text" in response.context["form"].errors
    stale = client.post(publish_url(world), {"text": "Changed", "change_note": "x", "based_on": 0})
    assert stale.status_code == 400
    assert "while you were editing" in stale.content.decode()
    tampered = client.post(publish_url(world), {"text": "Changed", "based_on": "x"})
    assert tampered.status_code == 400 and tampered.context["form"].non_field_errors()
    assert CharterVersion.objects.count() == 1


def test_first_version_needs_no_change_note(client, world):
    client.force_login(world.users["coordinator"])
    response = client.post(
        publish_url(world, CONFIDENTIALITY),
        {"text": "We keep secrets.", "based_on": 0, "confirmed": "1"},
    )
    assert response.status_code == 302
    assert CharterVersion.objects.get().number == 1


def test_version_page_shows_the_changes_from_the_previous_version(client, world):
    publish(world, text="One.\n\nTwo.")
    second = publish(world, text="One.\n\nTwo, amended.")
    client.force_login(world.users["partner"])
    response = client.get(reverse("charters:version", args=[second.pk]))
    body = response.content.decode()
    assert "<del" in body and "<ins" in body and "Two, amended." in body
    assert response.context["previous"].number == 1


def test_line_diff_keeps_reading_order():
    diff = line_diff("a\nb\nc", "a\nB\nc\nd")
    assert [(d.op, d.text) for d in diff] == [
        ("same", "a"),
        ("removed", "b"),
        ("added", "B"),
        ("same", "c"),
        ("added", "d"),
    ]


def test_detail_shows_current_texts_history_and_own_acceptance(client, world):
    first = publish(world, text="First rules.")
    publish(world, text="Second rules.")
    confidentiality = publish(world, CONFIDENTIALITY, text="Secrecy.")
    accept(world, "chair", confidentiality)
    client.force_login(world.users["chair"])
    response = client.get(reverse("charters:detail", args=[world.cell.pk]))
    body = response.content.decode()
    assert "Second rules." in body and "First rules." not in body
    assert reverse("charters:version", args=[first.pk]) in body
    assert "You accepted this version" in body and "Not accepted yet" in body
    assert len(response.context["page"].object_list) == 3


def test_detail_query_count_does_not_grow_with_history(client, world, django_assert_num_queries):
    publish(world)
    client.force_login(world.users["partner"])
    url = reverse("charters:detail", args=[world.cell.pk])
    client.get(url)
    # session, user, memberships, cell, current versions, own acceptances, history count
    # and page
    with django_assert_num_queries(8):
        client.get(url)
    for _ in range(30):
        publish(world)
        publish(world, CONFIDENTIALITY)
    with django_assert_num_queries(8):
        response = client.get(url)
    assert len(response.context["page"].object_list) == 25
