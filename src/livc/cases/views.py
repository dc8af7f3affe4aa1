from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from livc.core.locking import ConcurrentEditError
from livc.core.paging import paginate
from livc.organisations.selectors import cell_memberships
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
)
from .models import Case, Participant


def case_list(request):
    if not cell_memberships(request.user):
        raise Http404
    form = CaseFilterForm(request.GET or None)
    filters = form.cleaned_data if form.is_valid() else {}
    cases = selectors.case_list(
        user=request.user, phase=filters.get("phase", ""), code=filters.get("code", "")
    )
    return render(request, "cases/case_list.html", {"form": form, "page": paginate(request, cases)})


def case_register(request):
    """For the DPO: the cell's cases as metadata only (code, phase, dates), no content."""
    cases = policies.metadata_cases(request.user)
    if not policies.can_see_register(request.user):
        raise Http404
    cases = with_retention(cases.select_related("cell").order_by("-opened_on", "-id"))
    return render(request, "cases/case_register.html", {"page": paginate(request, cases)})


def _forms(user, case: Case, **bound):
    forms = {"note_form": NoteForm()}
    if policies.can_manage(user, case):
        # Closing and reopening have their own forms.
        choices = (
            []
            if case.phase == Case.Phase.CLOSED
            else [
                (p, Case.Phase(p).label)
                for p in Case.Phase.values
                if p in workflow.allowed_next(case.phase) and p != Case.Phase.CLOSED
            ]
        )
        organisations, members = selectors.invitable(case=case)
        forms.update(
            phase_form=PhaseForm(initial={"version": case.version}, choices=choices)
            if choices
            else None,
            close_form=CloseForm(initial={"version": case.version})
            if case.phase != Case.Phase.CLOSED
            else None,
            reopen_form=ReopenForm(initial={"version": case.version})
            if case.phase == Case.Phase.CLOSED
            else None,
            invite_form=InviteForm(organisations=organisations, members=members)
            if case.phase != Case.Phase.CLOSED
            else None,
        )
    if policies.can_manage(user, case):
        forms["checkin_form"] = CheckinForm()
    if policies.can_record_ltf(user, case):
        forms["ltf_form"] = LtfForm()
    forms["decline_form"] = DeclineForm()
    forms.update(bound)
    return forms


def _detail(request, case: Case, status: int = 200, **bound):
    context = {
        "case": case,
        "can_manage": policies.can_manage(request.user, case),
        "can_edit": policies.can_manage(request.user, case)
        or case.case_director_id == request.user.pk,
        "can_see_ltf": policies.can_see_ltf(request.user, case)
        or policies.can_record_ltf(request.user, case),
        "can_view_log": policies.can_view_access_log(request.user, case),
        **selectors.case_detail_context(user=request.user, case=case),
        **_forms(request.user, case, **bound),
    }
    return render(request, "cases/case_detail.html", context, status=status)


def case_detail(request, pk: int):
    case = policies.access_case(request.user, pk)
    services.case_viewed(user=request.user, case=case)
    return _detail(request, case)


@require_http_methods(["GET", "POST"])
def case_edit(request, pk: int):
    case = policies.access_case(request.user, pk)
    if not (policies.can_manage(request.user, case) or case.case_director_id == request.user.pk):
        raise Http404
    if request.method == "GET":
        services.case_viewed(user=request.user, case=case)
    form = CaseEditForm(
        request.POST or None,
        instance=case,
        directors=selectors.case_director_choices(case=case),
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
        else:
            messages.success(request, _("The case was saved."))
            return redirect("cases:detail", pk=case.pk)
    return render(
        request,
        "cases/case_edit.html",
        {"case": case, "form": form},
        status=400 if form.errors else 200,
    )


def _managed(request, pk: int) -> Case:
    case = policies.access_case(request.user, pk)
    if not policies.can_manage(request.user, case):
        raise Http404
    return case


def _run(request, case, form_name, form, action):
    """Validate `form`, run `action(data)`; errors come back at the form, never a 500."""
    if form.is_valid():
        try:
            action(form.cleaned_data)
        except ConcurrentEditError as error:
            form.add_error(None, str(error))
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Saved."))
            return redirect("cases:detail", pk=case.pk)
    return _detail(request, case, status=400, **{form_name: form})


@require_POST
def case_phase(request, pk: int):
    case = _managed(request, pk)
    form = PhaseForm(request.POST, choices=[(p, p) for p in Case.Phase.values])
    return _run(
        request,
        case,
        "phase_form",
        form,
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
    if not policies.can_decline(request.user, participant):
        raise Http404
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
    services.participant_accept(user=request.user, participant=participant)
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
        raise Http404
    return _run(
        request,
        case,
        "ltf_form",
        LtfForm(request.POST),
        lambda d: services.ltf_record(
            user=request.user, case=case, known=d["known"], checked_on=d["checked_on"]
        ),
    )


def access_log(request, pk: int):
    """Who accessed this case: for the coordinator, the chair and the DPO of the cell."""
    case = (
        (policies.visible_cases(request.user) | policies.metadata_cases(request.user))
        .filter(pk=pk)
        .select_related("cell")
        .first()
    )
    if case is None or not policies.can_view_access_log(request.user, case):
        raise Http404
    entries = paginate(request, selectors.case_access_log(case=case), per_page=50)
    users = selectors.users_by_id(ids={entry.user_id for entry in entries})
    return render(request, "cases/access_log.html", {"case": case, "page": entries, "users": users})


@require_POST
def checkin_done(request, pk: int, checkin_pk: int):
    case = _managed(request, pk)
    checkin = get_object_or_404(case.checkins, pk=checkin_pk, done_on__isnull=True)
    return _run(
        request,
        case,
        "checkin_form",
        CheckinForm(request.POST),
        lambda d: services.checkin_done(
            user=request.user, checkin=checkin, done_on=d["done_on"], note=d["note"]
        ),
    )
