"""Case conferences held and who attended, organisations invited and declining, plan
actions completed on time, aftercare check-ins done on time."""

from django.db.models import Count, F, OuterRef, Q, Subquery
from django.db.models.functions import Coalesce
from django.utils.translation import gettext as _

from livc.cases.models import AftercareCheckin, Participant
from livc.conferences.models import Attendance, Attestation, Conference
from livc.organisations.models import Membership
from livc.trajectories.models import Action, ActionStatusChange

from . import sql
from .base import Scope, Tally, figure
from .common import (
    UNKNOWN,
    columns,
    counts,
    keys,
    local_day,
    moment_span,
    organisation_types,
    plus_unknown,
    with_unknown,
)

HELD = (Conference.Status.HELD, Conference.Status.MINUTES_APPROVED)


def _conferences(scope: Scope, tally: Tally) -> None:
    held = (
        Conference.objects.filter(
            cell__in=scope.cell_ids, status__in=HELD, **moment_span(scope, "starts_at")
        )
        .annotate(day=local_day("starts_at"))
        .annotate(bucket=scope.bucket("day"))
        .values("cell_id", "bucket")
        .annotate(n=Count("pk"))
        .order_by()
    )
    for row in held:
        if row["bucket"] is not None:
            tally.add(row["bucket"], "held", row["cell_id"], row["n"])
    # The organisation an attendee attested for; else their organisation in the cell.
    attested = Attestation.objects.filter(
        conference=OuterRef("conference"), user=OuterRef("user"), organisation__isnull=False
    ).values("organisation__type")[:1]
    member_of = (
        Membership.objects.filter(user=OuterRef("user"), cell=OuterRef("conference__cell"))
        .order_by("-is_active", "pk")
        .values("organisation__type")[:1]
    )
    present = (
        Attendance.objects.filter(
            conference__cell__in=scope.cell_ids,
            conference__status__in=HELD,
            **moment_span(scope, "conference__starts_at"),
        )
        .annotate(day=local_day("conference__starts_at"))
        .annotate(
            bucket=scope.bucket("day"),
            kind=Coalesce(Subquery(attested), Subquery(member_of)),
        )
        .values("bucket", "kind", cell_id=F("conference__cell_id"))
        .annotate(n=Count("conference", distinct=True))
        .order_by()
    )
    for row in present:
        if row["bucket"] is not None:
            tally.add(row["bucket"], "att_" + (row["kind"] or UNKNOWN), row["cell_id"], row["n"])


def _participation(scope: Scope, tally: Tally) -> None:
    types = keys(organisation_types())
    declined = Q(status=Participant.Status.DECLINED)
    rows = [
        row
        for row in Participant.objects.filter(
            case__cell__in=scope.cell_ids, **moment_span(scope, "invited_at")
        )
        .annotate(day=local_day("invited_at"))
        .annotate(bucket=scope.bucket("day"))
        .values("bucket", cell_id=F("case__cell_id"))
        .annotate(
            n=Count("pk"),
            declined=Count("pk", filter=declined),
            **counts("inv_", "organisation__type", types),
            **counts("dec_", "organisation__type", types, base=declined),
        )
        .order_by()
        if row["bucket"] is not None
    ]
    with_unknown(rows, "inv_", types)
    with_unknown(rows, "dec_", types, total="declined")
    tally.add_columns(rows, [*columns("inv_", types), *columns("dec_", types), "inv_", "dec_"])
    known = set(types)
    for cell_id, bucket, kind, invited, declined_count in sql.tombstone_participation(scope):
        kind = kind if kind in known else UNKNOWN
        tally.add(bucket, "inv_" + kind, cell_id, invited)
        tally.add(bucket, "dec_" + kind, cell_id, declined_count or 0)


def _actions(scope: Scope, tally: Tally) -> None:
    done_at = (
        ActionStatusChange.objects.filter(action=OuterRef("pk"), to_status=Action.Status.DONE)
        .order_by("-at", "-id")
        .values(day=local_day("at"))[:1]
    )
    done = Q(status=Action.Status.DONE)
    rows = [
        row
        for row in Action.objects.filter(cell__in=scope.cell_ids, **scope.span("due_on"))
        .exclude(status=Action.Status.CANCELLED)
        .annotate(
            bucket=scope.bucket("due_on"),
            done_on=Coalesce(Subquery(done_at), local_day("updated_at")),
        )
        .values("cell_id", "bucket")
        .annotate(
            act_on_time=Count("pk", filter=done & Q(done_on__lte=F("due_on"))),
            act_late=Count("pk", filter=done & Q(done_on__gt=F("due_on"))),
            act_overdue=Count(
                "pk", filter=Q(status__in=Action.OPEN_STATUSES, due_on__lt=scope.today)
            ),
        )
        .order_by()
        if row["bucket"] is not None
    ]
    tally.add_columns(rows, ["act_on_time", "act_late", "act_overdue"])


def _checkins(scope: Scope, tally: Tally) -> None:
    done = Q(done_on__isnull=False)
    rows = [
        row
        for row in AftercareCheckin.objects.filter(
            case__cell__in=scope.cell_ids, **scope.span("due_on")
        )
        .annotate(bucket=scope.bucket("due_on"))
        .values("bucket", cell_id=F("case__cell_id"))
        .annotate(
            chk_on_time=Count("pk", filter=done & Q(done_on__lte=F("due_on"))),
            chk_late=Count("pk", filter=done & Q(done_on__gt=F("due_on"))),
            chk_missed=Count("pk", filter=Q(done_on__isnull=True, due_on__lt=scope.today)),
        )
        .order_by()
        if row["bucket"] is not None
    ]
    tally.add_columns(rows, ["chk_on_time", "chk_late", "chk_missed"])


def compute(scope: Scope) -> dict[int, list]:
    tally = Tally()
    _conferences(scope, tally)
    _participation(scope, tally)
    _actions(scope, tally)
    _checkins(scope, tally)
    types = organisation_types()
    actions = [
        ("on_time", _("completed on time")),
        ("late", _("completed late")),
        ("overdue", _("overdue (still open)")),
    ]
    checkins = [
        ("on_time", _("done on time")),
        ("late", _("done late")),
        ("missed", _("not done, past due")),
    ]
    return {
        i: [
            figure(
                "conferences_held",
                plus_unknown(types, tally, i, "att_"),
                total=tally.parts(i, "held"),
            ),
            figure("participation_invited", plus_unknown(types, tally, i, "inv_")),
            figure("participation_declined", plus_unknown(types, tally, i, "dec_")),
            figure("actions_on_time", tally.rows(i, actions, "act_")),
            figure("checkins_on_time", tally.rows(i, checkins, "chk_")),
        ]
        for i in range(len(scope.periods))
    }
