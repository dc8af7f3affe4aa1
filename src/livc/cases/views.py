"""Case pages. Views parse input, ask named policies (refusal = 404), call one service and
render; the service's own errors come back at the form (400). Read-only pages answer GET
and HEAD only."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from livc.access.errors import NotFound
from livc.core.locking import ConcurrentEditError
from livc.core.paging import paginate
from livc.privacy.copy_page import copy_page
from livc.retention.selectors import with_retention

from . import policies, selectors, services, workflow
from .forms import (
    CaseEditForm,
    CaseFilterForm,
    CheckinForm,
    CloseForm,
    DeclineForm,
    InviteForm,
    LtfForm,
    NoteForm,
    PhaseForm,
    ReopenForm,
    add_service_errors,
)
from .models import Case, Participant


@require_safe
def case_list(request):
    if not policies.can_list_cases(request.user):
        raise NotFound
    form = CaseFilterForm(request.GET or None)
    filters = form.cleaned_data if form.is_valid() else {}
    cases = selectors.case_list(
        user=request.user, phase=filters.get("phase", ""), code=filters.get("code", "")
    )
    return render(request, "cases/case_list.html", {"form": form, "page": paginate(request, cases)})


@require_safe
def case_register(request):
    """For the DPO: the cell's cases as metadata only (code, phase, dates), no content."""
    if not policies.can_see_register(request.user):
        raise NotFound
    cases = policies.metadata_cases(request.user)
    cases = with_retention(cases.select_related("cell").order_by("-opened_on", "-id"))
    return render(request, "cases/case_register.html", {"page": paginate(request, cases)})


def _forms(case: Case, actions: policies.CaseActions, **bound):
    """The forms the case page offers: exactly those `actions` allows, plus any form that
    came back with errors."""
    forms = {"note_form": NoteForm() if actions.add_note else None, "decline_form": DeclineForm()}
    version = {"version": case.version}
    if actions.change_phase:
        choices = workflow.phase_change_choices(case.phase)
        forms["phase_form"] = PhaseForm(initial=version, choices=choices)
    if actions.close:
        forms["close_form"] = CloseForm(initial=version)
    if actions.reopen:
        forms["reopen_form"] = ReopenForm(initial=version)
    if actions.invite:
        organisations, members = selectors.invitable(case=case)
        forms["invite_form"] = InviteForm(organisations=organisations, members=members)
    if actions.record_checkin:
        forms["checkin_form"] = CheckinForm()
    if actions.record_ltf:
        forms["ltf_form"] = LtfForm()
    forms.update(bound)
    return forms


def _detail(request, case: Case, status: int = 200, **bound):
    """The case page; the selector logs the read, whatever `status`."""
    context = selectors.case_detail_context(user=request.user, case=case)
    context.update(_forms(case, context["actions"], **bound))
    return render(request, "cases/case_detail.html", context, status=status)


@require_safe
def case_detail(request, pk: int):
    return _detail(request, policies.access_case(request.user, pk))


@require_http_methods(["GET", "POST"])
def case_edit(request, pk: int):
    case = policies.access_case(request.user, pk)
    if not policies.can_edit(request.user, case):
        raise NotFound
    form = CaseEditForm(
        request.POST if request.method == "POST" else None,
        instance=case,
        directors=selectors.case_director_choices(case=case, keep=case.case_director_id),
        initial={"version": case.version},
    )
    if request.method == "POST" and form.is_valid():
        fields = {name: form.cleaned_data[name] for name in services.EDITABLE}
        try:
            services.case_update(
                user=request.user, case=case, version=form.cleaned_data["version"], **fields
            )
        except ConcurrentEditError as error:
            form.add_error(None, str(error))
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The case was saved."))
            return redirect("cases:detail", pk=case.pk)
    context = {**selectors.case_edit_context(user=request.user, case=case), "form": form}
    return render(request, "cases/case_edit.html", context, status=400 if form.errors else 200)


def _managed(request, pk: int) -> Case:
    """A case the user reads and manages (the coordinator's forms), else 404."""
    case = policies.access_case(request.user, pk)
    if not policies.can_manage(request.user, case):
        raise NotFound
    return case


def _run(request, case, form_name, form, action):
    """Validate `form`, run `action(data)`; errors come back at the form, never a 500."""
    if form.is_valid():
        try:
            action(form.cleaned_data)
        except ConcurrentEditError as error:
            form.add_error(None, str(error))
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Saved."))
            return redirect("cases:detail", pk=case.pk)
    return _detail(request, case, status=400, **{form_name: form})


@require_POST
def case_phase(request, pk: int):
    case = _managed(request, pk)
    return _run(
        request,
        case,
        "phase_form",
        PhaseForm(request.POST),
        lambda d: services.case_change_phase(
            user=request.user,
            case=case,
            to_phase=d["to_phase"],
            version=d["version"],
            reason=d["reason"],
        ),
    )


@require_POST
def case_close(request, pk: int):
    case = _managed(request, pk)
    return _run(
        request,
        case,
        "close_form",
        CloseForm(request.POST),
        lambda d: services.case_close(
            user=request.user,
            case=case,
            version=d["version"],
            reason=d["reason"],
            outcome=d["outcome"],
        ),
    )


@require_POST
def case_reopen(request, pk: int):
    case = _managed(request, pk)
    return _run(
        request,
        case,
        "reopen_form",
        ReopenForm(request.POST),
        lambda d: services.case_reopen(
            user=request.user, case=case, version=d["version"], reason=d["reason"]
        ),
    )


@require_POST
def case_invite(request, pk: int):
    case = _managed(request, pk)
    organisations, members = selectors.invitable(case=case)
    form = InviteForm(request.POST, organisations=organisations, members=members)
    return _run(
        request,
        case,
        "invite_form",
        form,
        lambda d: services.participant_invite(
            user=request.user, case=case, organisation=d["organisation"], members=d["members"]
        ),
    )


def _own_participant(request, pk: int, participant_pk: int) -> tuple[Case, Participant]:
    case = policies.access_case(request.user, pk)
    participant = get_object_or_404(Participant, pk=participant_pk, case=case)
    participant.case = case
    if not policies.speaks_for(request.user, participant):
        raise NotFound
    return case, participant


@require_POST
def participant_decline(request, pk: int, participant_pk: int):
    case, participant = _own_participant(request, pk, participant_pk)
    return _run(
        request,
        case,
        "decline_form",
        DeclineForm(request.POST),
        lambda d: services.participant_decline(
            user=request.user, participant=participant, reason=d["reason"]
        ),
    )


@require_POST
def participant_accept(request, pk: int, participant_pk: int):
    case, participant = _own_participant(request, pk, participant_pk)
    try:
        services.participant_accept(user=request.user, participant=participant)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("Your organisation takes part in this case."))
    return redirect("cases:detail", pk=case.pk)


@require_POST
def note_add(request, pk: int):
    case = policies.access_case(request.user, pk)
    return _run(
        request,
        case,
        "note_form",
        NoteForm(request.POST),
        lambda d: services.note_add(user=request.user, case=case, text=d["text"]),
    )


@require_POST
def ltf_record(request, pk: int):
    case = policies.access_case(request.user, pk)
    if not policies.can_record_ltf(request.user, case):
        raise NotFound
    return _run(
        request,
        case,
        "ltf_form",
        LtfForm(request.POST),
        lambda d: services.ltf_record(
            user=request.user, case=case, known=d["known"], checked_on=d["checked_on"]
        ),
    )


@require_safe
def access_log(request, pk: int):
    """Who accessed this case: for the coordinator, the chair and the DPO of the cell."""
    case = (
        (policies.visible_cases(request.user) | policies.metadata_cases(request.user))
        .filter(pk=pk)
        .select_related("cell")
        .first()
    )
    if case is None or not policies.can_view_access_log(request.user, case):
        raise NotFound
    entries = paginate(request, selectors.case_access_log(case=case), per_page=50)
    users = selectors.users_by_id(ids={entry.user_id for entry in entries})
    return render(request, "cases/access_log.html", {"case": case, "page": entries, "users": users})


@require_POST
def checkin_done(request, pk: int, checkin_pk: int):
    case = _managed(request, pk)
    checkin = get_object_or_404(case.checkins, pk=checkin_pk, done_on__isnull=True)
    checkin.case = case
    return _run(
        request,
        case,
        "checkin_form",
        CheckinForm(request.POST),
        lambda d: services.checkin_done(
            user=request.user, checkin=checkin, done_on=d["done_on"], note=d["note"]
        ),
    )


@require_safe
def note_copy(request, pk: int):
    """A de-identified copy of an assessment, for whoever may read the case."""
    note = policies.access_assessment_note(request.user, pk)
    return copy_page(
        request,
        case=note.case,
        text=note.text,
        source=_("Professional assessment"),
        back_url=reverse("cases:detail", args=[note.case_id]) + "#notes-heading",
        object_type="note",
        pk=note.pk,
    )
