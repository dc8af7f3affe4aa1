"""Who may have a de-identified copy of a text: exactly who may read the original.
Refusal looks like absence (404). A copy is never a way round access control."""

from django.http import Http404

from livc.cases.models import AssessmentNote
from livc.cases.policies import visible_cases
from livc.conferences import policies as conference_policies
from livc.conferences.models import Minutes
from livc.trajectories.models import ProgressNote


def access_assessment_note(user, note_id: int) -> AssessmentNote:
    """The note if the user may read its case (as `access_case`), else 404."""
    note = (
        AssessmentNote.objects.filter(pk=note_id, case__in=visible_cases(user))
        .select_related("case__cell", "case__subject__municipality")
        .first()
    )
    if note is None:
        raise Http404
    return note


def access_minutes(user, minutes_id: int) -> Minutes:
    """The minutes of an agenda item if the user may read that item on the conference page:
    the conference is theirs, they have attested, and the item is one of theirs."""
    minutes = (
        Minutes.objects.filter(pk=minutes_id)
        .select_related("item__case__cell", "item__case__subject__municipality")
        .first()
    )
    if minutes is None:
        raise Http404
    conference = conference_policies.access_conference(user, minutes.item.conference_id)
    if conference_policies.must_attest_first(user, conference):
        raise Http404
    if not conference_policies.visible_items(user, conference).filter(pk=minutes.item_id).exists():
        raise Http404
    # And whoever reads the minutes of an item reads its case: the case's own policy too
    # (with the charter gate), whatever the conference policy lets through.
    if not visible_cases(user).filter(pk=minutes.item.case_id).exists():
        raise Http404
    return minutes


def access_progress_note(user, note_id: int) -> ProgressNote:
    """The note if the user may read the action's case (as `access_action`), else 404."""
    note = (
        ProgressNote.objects.filter(
            pk=note_id, action__plan_id__in=visible_cases(user).values("pk")
        )
        .select_related("action__plan__case__cell", "action__plan__case__subject__municipality")
        .first()
    )
    if note is None:
        raise Http404
    return note
