"""What the retention pages and the record pages show, and at what query cost."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from livc.cases.models import Case
from livc.intake.models import Consultation
from livc.retention import purge, services
from livc.retention.models import RetentionOverride

from .conftest import SECRET_WORDS, closed_case, consultation, local, out_of_scope_signal

pytestmark = pytest.mark.django_db

D = datetime.date
TODAY = timezone.localdate()


def days(n: int) -> datetime.date:
    return TODAY + datetime.timedelta(days=n)


def no_personal_data(body: str) -> None:
    for word in SECRET_WORDS:
        assert word not in body, word


def test_the_queue_lists_what_reaches_retention(world, client):
    RetentionOverride.objects.create(cell=world.cell, closed_case_months=12)
    past = closed_case(world, days(-400))  # retention ended ~35 days ago
    soon = closed_case(world, days(-340))  # ends in ~25 days
    later = closed_case(world, days(-200))  # ends in ~165 days
    held = closed_case(world, days(-500))
    services.legal_hold_place(user=world.users["dpo"], case=held, reason="Court")
    signal = out_of_scope_signal(world, local(days(-300)))
    client.force_login(world.users["dpo"])
    response = client.get(reverse("retention:queue"), {"days": 90})
    rows = {row["ref"]: row for row in response.context["page"]}
    assert set(rows) == {past.code, soon.code, held.code, signal.reference}
    assert rows[held.code]["held"] and not rows[past.code]["held"]
    assert rows[past.code]["until"] < TODAY <= rows[soon.code]["until"]
    body = response.content.decode()
    assert "waiting for the purge" in body and "legal hold" in body
    no_personal_data(body)
    assert later.code not in body
    response = client.get(reverse("retention:queue"), {"days": 365})
    assert later.code in response.content.decode()
    page = client.get(reverse("retention:queue"), {"sort": "-until"}).context["page"]
    assert [row["ref"] for row in page] == [signal.reference, soon.code, past.code, held.code]


def test_the_queue_links_records_for_the_coordinator_only(world, client):
    case = closed_case(world, D(2019, 1, 1))
    client.force_login(world.users["coordinator"])
    assert (
        reverse("cases:detail", args=[case.pk])
        in client.get(reverse("retention:queue")).content.decode()
    )
    client.force_login(world.users["dpo"])
    assert (
        reverse("cases:detail", args=[case.pk])
        not in client.get(reverse("retention:queue")).content.decode()
    )


def test_the_tombstones_page_shows_the_purge_history(world, client):
    case = closed_case(world, D(2019, 5, 2))
    result = purge.purge_expired(today=D(2025, 1, 1), triggered_by="purge_expired")
    client.force_login(world.users["dpo"])
    response = client.get(reverse("retention:tombstones"))
    body = response.content.decode()
    assert case.code in body and "retention period expired" in body
    (run,) = response.context["runs"]
    assert (run["batch_id"], run["cases"], run["signals"], run["consultations"]) == (
        result.batch.pk, 1, 1, 1,
    )  # fmt: skip
    no_personal_data(body)
    client.force_login(world.users["foreign_coordinator"])
    other = client.get(reverse("retention:tombstones"))
    assert case.code not in other.content.decode() and not other.context["runs"]


@pytest.mark.parametrize(
    ("url_name", "queries"),
    [("retention:queue", 5), ("retention:holds", 5), ("retention:tombstones", 6)],
)
def test_list_pages_have_a_constant_query_count(
    world, client, django_assert_num_queries, url_name, queries
):
    client.force_login(world.users["coordinator"])
    url = reverse(url_name)

    def more():
        case = closed_case(world, D(2019, 1, 1))
        services.legal_hold_place(user=world.users["coordinator"], case=case, reason="Court")
        out_of_scope_signal(world, local(D(2019, 1, 1)))
        consultation(world, local(D(2019, 1, 1)))

    def purged_and_waiting(n):
        for _ in range(n):
            more()
        purge.purge_expired(today=D(2100, 1, 1))
        for _ in range(n):
            more()

    purged_and_waiting(1)
    client.get(url)
    with django_assert_num_queries(queries):
        client.get(url)
    purged_and_waiting(3)
    with django_assert_num_queries(queries):
        client.get(url)


def test_record_pages_show_their_retention(world, client):
    client.force_login(world.users["coordinator"])
    body = client.get(reverse("cases:detail", args=[world.case.pk])).content.decode()
    assert "Kept while the case is open, then 60 months after closure." in body
    body = client.get(reverse("intake:signal_detail", args=[world.signal.pk])).content.decode()
    assert "Kept while it is screened" in body
    case = closed_case(world, D(2024, 1, 31))
    body = client.get(reverse("cases:detail", args=[case.pk])).content.decode()
    assert "Personal data kept until 01/31/2029." in body
    signal = case.signals.get()
    body = client.get(reverse("intake:signal_detail", args=[signal.pk])).content.decode()
    assert "Personal data kept until 01/31/2029." in body and f"It follows case {case.code}" in body
    turned = Consultation.objects.get(signal=signal)
    body = client.get(reverse("intake:consultation_detail", args=[turned.pk])).content.decode()
    assert "Turned into a signal: kept as long as that signal." in body
    asked = consultation(world, local(D(2024, 6, 5)))
    body = client.get(reverse("intake:consultation_detail", args=[asked.pk])).content.decode()
    assert "Personal data kept until 06/05/2025." in body
    old = out_of_scope_signal(world, local(D(2020, 1, 1)))
    body = client.get(reverse("intake:signal_detail", args=[old.pk])).content.decode()
    assert "the next purge removes it" in body


def test_the_dpo_register_shows_retention(world, client):
    case = closed_case(world, D(2024, 1, 31))
    services.legal_hold_place(user=world.users["dpo"], case=case, reason="Court")
    Case.objects.filter(pk=world.case.pk)  # open: kept while open
    client.force_login(world.users["dpo"])
    body = client.get(reverse("cases:register")).content.decode()
    assert "01/31/2029" in body and "while open" in body and "legal hold" in body


def test_the_summary_for_the_dpo_hub(world, client):
    from livc.retention.selectors import retention_summary

    closed_case(world, D(2019, 5, 2))  # waiting for the purge
    held = closed_case(world, D(2019, 5, 2))
    services.legal_hold_place(user=world.users["dpo"], case=held, reason="Court")
    out_of_scope_signal(world, local(days(-350)))  # due within 30 days
    summary = retention_summary(cell_ids={world.cell.pk})
    assert summary == {
        "waiting_for_purge": 1,
        "due_within_30_days": 1,
        "active_holds": 1,
        "tombstones": 0,
        "last_purge": None,
    }
    client.force_login(world.users["dpo"])
    hub = client.get(reverse("dpo:home")).content.decode()
    assert "1 past retention, waiting for the next purge; 1 reaching retention" in hub
    assert "1 active hold." in hub and "No purge has run yet." in hub
    result = purge.purge_expired()
    summary = retention_summary(cell_ids={world.cell.pk})
    assert summary["tombstones"] == 3 and summary["last_purge"] == result.batch.started_at
    assert retention_summary(cell_ids={world.other_cell.pk})["tombstones"] == 0
