"""Child step of `bench`: build the dataset, prepare sessions and count queries (JSON out)."""

import json
import time
from contextlib import suppress

from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
from django.contrib.sessions.backends.db import SessionStore
from django.core.management import call_command
from django.core.management.base import BaseCommand
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import NoReverseMatch, reverse

from livc.accounts.middleware import LAST_SEEN_KEY, MFA_OK_KEY
from livc.accounts.models import User
from livc.bench import dataset, monitoring
from livc.cases.policies import visible_cases
from livc.organisations.models import Role


def session_for(user: User) -> str:
    """A logged-in, MFA-verified session, as after a real login."""
    store = SessionStore()
    store[SESSION_KEY] = str(user.pk)
    store[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
    store[HASH_SESSION_KEY] = user.get_session_auth_hash()
    store[MFA_OK_KEY] = True
    store[LAST_SEEN_KEY] = time.time() + 86400  # no idle timeout or session write during a run
    store.create()
    return store.session_key


def monitoring_pages(supervisor: User) -> dict:
    """Part D: the supervisor dashboard over all cells (federal supervisor, current
    half-year) and the PDF report of the region with the most cells."""
    from django.utils import timezone

    from livc.monitoring import periods
    from livc.monitoring.reports import services
    from livc.monitoring.selectors import cell_places
    from livc.organisations.models import Region

    counts: dict[int, int] = {}
    for place in cell_places().values():
        counts[place.region_id] = counts.get(place.region_id, 0) + 1
    region = Region.objects.get(pk=max(counts, key=counts.get))
    period = periods.current(timezone.localdate())
    report = services.report_open(user=supervisor, period=period, region=region)
    return {
        "supervisor": (supervisor, reverse("monitoring:supervisor_dashboard")),
        "region_page": (supervisor, reverse("monitoring:report", args=[report.pk])),
        "region_enqueue": (supervisor, reverse("bench_region_enqueue", args=[report.pk])),
        "region_pdf": (supervisor, reverse("bench_region_report", args=[report.pk])),
    }


def pages(partner: User, coordinator: User) -> dict:
    case = visible_cases(partner).order_by("-opened_on", "-id").first()
    result = {
        "floor": (coordinator, reverse("bench_floor")),
        "case_list": (partner, reverse("cases:list") + "?phase=active"),
        "case_detail": (partner, reverse("cases:detail", args=[case.pk])),
    }
    with suppress(NoReverseMatch):  # the dashboard arrives with the trajectories app
        result["dashboard"] = (coordinator, reverse("trajectories:dashboard"))
    return result


class Command(BaseCommand):
    help = "Internal step of `bench` (run with DATABASE_URL set to the benchmark database)."

    def add_arguments(self, parser):
        parser.add_argument("--cases", type=int, required=True)

    def handle(self, *args, **options):
        built = dataset.build(options["cases"], log=lambda line: self.stderr.write(line))
        # What the cron line does in production: supervisors read warmed figures.
        started = time.monotonic()
        call_command("warm_figures", stdout=self.stderr)
        warm_seconds = time.monotonic() - started
        partner = User.objects.get(
            memberships__role=Role.PARTNER, email__startswith="caw.", memberships__cell__code="BAAA"
        )
        coordinator = User.objects.get(
            memberships__role=Role.COORDINATOR, memberships__cell__code="BAAA"
        )
        supervisor = monitoring.supervisor()
        users = {"partner": partner, "coordinator": coordinator, "supervisor": supervisor}
        sessions = {who: session_for(user) for who, user in users.items()}
        out = {"sessions": {}, "pages": {}, "queries": {}, "build_seconds": built.seconds,
               "warm_seconds": warm_seconds}  # fmt: skip
        plan = {**pages(partner, coordinator), **monitoring_pages(supervisor)}
        for name, (user, url) in plan.items():
            who = next(who for who, u in users.items() if u == user)
            client = Client(HTTP_HOST="127.0.0.1")
            client.cookies["sessionid"] = sessions[who]
            client.get(url)  # warm
            with CaptureQueriesContext(connection) as queries:
                status = client.get(url).status_code
            out["pages"][name] = {"url": url, "session": sessions[who], "status": status}
            out["queries"][name] = len(queries)
        self.stdout.write(json.dumps(out))
