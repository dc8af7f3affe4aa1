"""The cases part of the subject access export: each case with its phases,
participants, assessments, check-ins, conference items and plan."""

from django.db.models import Prefetch

from livc.cases.models import Case, Participant, Subject
from livc.conferences.models import AgendaItem
from livc.trajectories.models import Action, Plan

from . import formatting as f
from .selectors import subject_cases


def _participant(participant: Participant) -> dict:
    return {
        "organisation": f.org(participant.organisation),
        "status": f.choice(participant, "status"),
        "decline_reason": participant.decline_reason,
        "invited_at": f.moment(participant.invited_at),
        "members": [f.name(m.user) for m in participant.named_members.all()],
    }


def _conference_item(item: AgendaItem) -> dict:
    conference = item.conference
    minutes = getattr(item, "minutes", None)
    return {
        "conference_starts_at": f.moment(conference.starts_at),
        "conference_ends_at": f.moment(conference.ends_at),
        "place": conference.place,
        "conference_status": f.choice(conference, "status"),
        "invitations": [
            {"user": f.name(i.user), "invited_at": f.moment(i.invited_at)}
            for i in item.invitations.all()
        ],
        "minutes": None
        if minutes is None
        else {
            "decisions": minutes.decisions,
            "next_review_on": f.day(minutes.next_review_on),
            "written_by": f.name(minutes.written_by),
            "updated_at": f.moment(minutes.updated_at),
        },
        "agreed_actions": [
            {
                "organisation": f.org(a.organisation),
                "description": a.description,
                "due_on": f.day(a.due_on),
            }
            for a in item.agreed_actions.all()
        ],
    }


def _action(action: Action) -> dict:
    return {
        "organisation": f.org(action.organisation),
        "owner": f.name(action.owner),
        "description": action.description,
        "goal": action.goal.description if action.goal_id else None,
        "due_on": f.day(action.due_on),
        "status": f.choice(action, "status"),
        "created_at": f.moment(action.created_at),
        "created_by": f.name(action.created_by),
        "status_changes": [
            {
                "at": f.moment(c.at),
                "from": f.choice(c, "from_status"),
                "to": f.choice(c, "to_status"),
                "by": f.name(c.by),
            }
            for c in action.status_changes.all()
        ],
        "progress_notes": [
            {
                "written_at": f.moment(n.written_at),
                "author": f.name(n.author),
                "organisation": f.org(n.organisation),
                "text": n.text,
            }
            for n in action.notes.all()
        ],
    }


def _plan(plan: Plan | None) -> dict | None:
    if plan is None:
        return None
    return {
        "created_at": f.moment(plan.created_at),
        "next_review_on": f.day(plan.next_review_on),
        "goals": [
            {
                "description": g.description,
                "reached_on": f.day(g.reached_on),
                "created_at": f.moment(g.created_at),
                "created_by": f.name(g.created_by),
            }
            for g in plan.goals.all()
        ],
        "actions": [_action(a) for a in plan.actions.all()],
        "reviews": [
            {"held_on": f.day(r.held_on), "note": r.note, "author": f.name(r.author)}
            for r in plan.reviews.all()
        ],
    }


def _case(case: Case, plan: Plan | None) -> dict:
    return {
        "code": case.code,
        "cell": case.cell.name,
        "phase": f.choice(case, "phase"),
        "phenomenon": f.choice(case, "phenomenon"),
        "prevention_level": f.choice(case, "prevention_level"),
        "opened_on": f.day(case.opened_on),
        "closed_on": f.day(case.closed_on),
        "closure_reason": f.choice(case, "closure_reason"),
        "closure_outcome": f.choice(case, "closure_outcome"),
        "case_director": f.name(case.case_director),
        "consent": f.choice(case, "consent"),
        "consent_by_guardian": case.consent_by_guardian,
        "informed_on": f.day(case.informed_on),
        "not_informed_reason": case.not_informed_reason,
        "ltf_known": case.ltf_known,
        "ltf_checked_on": f.day(case.ltf_checked_on),
        "phases": [
            {
                "at": f.moment(p.at),
                "from": f.choice(p, "from_phase"),
                "to": f.choice(p, "to_phase"),
                "reason": str(p.reason_display),
                "by": f.name(p.by),
            }
            for p in case.phase_changes.all()
        ],
        "participants": [_participant(p) for p in case.participants.all()],
        "assessments": [
            {
                "written_at": f.moment(n.written_at),
                "author": f.name(n.author),
                "organisation": f.org(n.organisation),
                "text": n.text,
            }
            for n in case.notes.all()
        ],
        "aftercare_checkins": [
            {"due_on": f.day(c.due_on), "done_on": f.day(c.done_on), "note": c.note}
            for c in case.checkins.all()
        ],
        "conference_items": [_conference_item(item) for item in case.conference_items.all()],
        "plan": _plan(plan),
    }


def cases_data(subject: Subject) -> list[dict]:
    """Every case of the subject (see `selectors.subject_cases`), oldest first."""
    cases = list(
        subject_cases(subject)
        .select_related("cell", "case_director")
        .prefetch_related(
            "phase_changes__by",
            Prefetch(
                "participants",
                Participant.objects.select_related("organisation").order_by("invited_at", "id"),
            ),
            "participants__named_members__user",
            "notes__author",
            "notes__organisation",
            "checkins",
            Prefetch(
                "conference_items",
                AgendaItem.objects.select_related("conference", "minutes__written_by").order_by(
                    "conference__starts_at", "id"
                ),
            ),
            "conference_items__invitations__user",
            "conference_items__agreed_actions__organisation",
        )
        .order_by("opened_on", "id")
    )
    plans = {
        plan.pk: plan
        for plan in Plan.objects.filter(case__in=cases).prefetch_related(
            "goals__created_by",
            Prefetch(
                "actions",
                Action.objects.select_related("organisation", "owner", "goal", "created_by"),
            ),
            "actions__status_changes__by",
            "actions__notes__author",
            "actions__notes__organisation",
            "reviews__author",
        )
    }
    return [_case(case, plans.get(case.pk)) for case in cases]
