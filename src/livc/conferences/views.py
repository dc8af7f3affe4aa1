"""Case conference pages. Views parse input, ask named policies (refusal = 404), call one
service and render; the service's errors come back at the form (400), never a 500.
Read-only pages answer GET and HEAD only."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from livc.access.errors import NotFound
from livc.cases.forms import add_service_errors
from livc.core.paging import paginate
from livc.organisations.models import Cell, Organisation
from livc.privacy.copy_page import copy_page

from . import ical, pdf, policies, selectors, services
from .forms import (
    AgendaItemForm,
    AgreedActionFormSet,
    AttendanceForm,
    AttestationForm,
    ConferenceForm,
    InvitationForm,
    MinutesForm,
)
from .models import AgendaItem, Conference

# The planning form's fields for the service's arguments, so its errors land there.
PLAN_FIELDS = {"starts_at": "date", "ends_at": "ends"}


def _data(request):
    """Bound data for a POST, even an empty one (which must fail validation, not pass as
    an unbound form)."""
    return request.POST if request.method == "POST" else None


@require_safe
def conference_list(request):
    if not policies.can_list(request.user):
        raise NotFound
    conferences = selectors.conference_list(user=request.user)
    return render(
        request,
        "conferences/conference_list.html",
        {
            "page": paginate(request, conferences),
            "can_plan": bool(policies.planning_cells(request.user)),
        },
    )


@require_http_methods(["GET", "HEAD", "POST"])
def conference_create(request):
    cells = Cell.objects.filter(pk__in=policies.planning_cells(request.user))
    if not cells:
        raise NotFound
    form = ConferenceForm(_data(request), cells=cells)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            conference = services.conference_plan(
                user=request.user,
                cell=data["cell"],
                starts_at=data["starts_at"],
                ends_at=data["ends_at"],
                place=data["place"],
            )
        except ValidationError as error:
            add_service_errors(form, error, fields=PLAN_FIELDS)
        else:
            messages.success(request, _("The conference was planned."))
            return redirect("conferences:detail", pk=conference.pk)
    return render(
        request,
        "conferences/conference_form.html",
        {"form": form},
        status=400 if form.errors else 200,
    )


def _detail(request, conference: Conference, status: int = 200, error: str = "", **bound):
    """The conference page; the selector logs the read, whatever `status`. Item content
    only after the user's attestation."""
    context = selectors.conference_page(user=request.user, conference=conference)
    context["error"] = error
    context["attestation_form"] = bound.get("attestation_form") or AttestationForm()
    if context["actions"].edit_agenda:
        context["agenda_form"] = bound.get("agenda_form") or AgendaItemForm(
            cases=selectors.addable_cases(conference=conference)
        )
    return render(request, "conferences/conference_detail.html", context, status=status)


@require_safe
def conference_detail(request, pk: int):
    return _detail(request, policies.access_conference(request.user, pk))


def _managed(request, pk: int) -> Conference:
    conference = policies.access_conference(request.user, pk)
    if not policies.can_manage(request.user, conference):
        raise NotFound
    return conference


def _managed_item(request, pk: int, item_pk: int) -> AgendaItem:
    conference = _managed(request, pk)
    item = get_object_or_404(
        AgendaItem.objects.select_related("case"), pk=item_pk, conference=conference
    )
    item.conference = conference
    return item


def _errors(error: ValidationError) -> str:
    return " ".join(error.messages)


@require_POST
def agenda_add(request, pk: int):
    conference = _managed(request, pk)
    form = AgendaItemForm(request.POST, cases=selectors.addable_cases(conference=conference))
    if form.is_valid():
        try:
            services.agenda_add(
                user=request.user, conference=conference, case=form.cleaned_data["case"]
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The case was put on the agenda."))
            return redirect("conferences:detail", pk=conference.pk)
    return _detail(request, conference, status=400, agenda_form=form)


@require_POST
def agenda_remove(request, pk: int, item_pk: int):
    item = _managed_item(request, pk, item_pk)
    try:
        services.agenda_remove(user=request.user, item=item)
    except ValidationError as error:
        return _detail(request, item.conference, status=400, error=_errors(error))
    messages.success(request, _("The case was taken off the agenda."))
    return redirect("conferences:detail", pk=pk)


@require_http_methods(["GET", "HEAD", "POST"])
def invitations(request, pk: int):
    """Who is invited to which item. Suggestions: the case's named members."""
    conference = _managed(request, pk)
    saved, bound = False, None
    if request.method == "POST":
        saved, bound = _save_invitations(request, conference)
        if saved:
            return redirect("conferences:invitations", pk=pk)
    page = selectors.invitations_page(user=request.user, conference=conference)
    candidates, current = page["candidates"], page["current"]
    rows = []
    for item in page["items"]:
        if bound is not None and bound.fields["item"].initial == item.pk:
            form = bound
        else:
            invited = [user.pk for user in current.get(item.pk, [])]
            form = InvitationForm(
                item_id=item.pk,
                candidates=candidates[item.pk],
                initial={"invitees": invited or sorted(candidates[item.pk].suggested)},
                auto_id=f"id_item{item.pk}_%s",
            )
        rows.append({"item": item, "invited": current.get(item.pk, []), "form": form})
    context = {
        "conference": conference,
        "rows": rows,
        "actions": page["actions"],
        "error": _("Choose an agenda item.") if request.method == "POST" and bound is None else "",
    }
    answer = 400 if request.method == "POST" else 200
    return render(request, "conferences/invitations.html", context, status=answer)


def _save_invitations(request, conference):
    """(saved, bound form): True when saved, else False with the form (None when the
    request named no agenda item)."""
    items = list(conference.items.select_related("case"))
    raw = request.POST.get("item", "")
    item = next((i for i in items if str(i.pk) == raw), None)
    if item is None:
        return False, None
    candidates = selectors.invitation_candidates(conference=conference)
    form = InvitationForm(
        request.POST,
        item_id=item.pk,
        candidates=candidates[item.pk],
        auto_id=f"id_item{item.pk}_%s",
    )
    if form.is_valid():
        item.conference = conference
        try:
            services.invitations_set(
                user=request.user, item=item, invitees=list(form.cleaned_data["invitees"])
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The invitations were saved."))
            return True, form
    return False, form


@require_POST
def attestation(request, pk: int):
    conference = policies.access_conference(request.user, pk)
    form = AttestationForm(request.POST)
    if not form.is_valid():
        return _detail(request, conference, status=400, attestation_form=form)
    services.attestation_record(user=request.user, conference=conference)
    messages.success(request, _("Your attestation was recorded."))
    return redirect("conferences:detail", pk=pk)


@require_http_methods(["GET", "HEAD", "POST"])
def attendance(request, pk: int):
    conference = _managed(request, pk)
    candidates = selectors.attendance_candidates(conference=conference)
    present = list(conference.attendances.values_list("user_id", flat=True))
    form = AttendanceForm(_data(request), candidates=candidates, initial={"attendees": present})
    if request.method == "POST" and form.is_valid():
        try:
            services.attendance_set(
                user=request.user,
                conference=conference,
                attendees=list(form.cleaned_data["attendees"]),
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The attendance was saved."))
            return redirect("conferences:detail", pk=pk)
    context = {
        "conference": conference,
        "form": form,
        "attestations": selectors.attestations(conference=conference),
        "candidates": candidates,
    }
    return render(
        request, "conferences/attendance.html", context, status=400 if form.errors else 200
    )


@require_http_methods(["GET", "HEAD", "POST"])
def minutes(request, pk: int, item_pk: int):
    item = _managed_item(request, pk, item_pk)
    organisations = Organisation.objects.filter(pk__in=selectors.item_organisations(item=item))
    existing = getattr(item, "minutes", None)
    actions = list(item.agreed_actions.all())
    form = MinutesForm(
        _data(request),
        initial={"decisions": existing.decisions, "next_review_on": existing.next_review_on}
        if existing
        else None,
    )
    formset = AgreedActionFormSet(
        _data(request),
        initial=[
            {"organisation": a.organisation_id, "description": a.description, "due_on": a.due_on}
            for a in actions
        ],
        form_kwargs={"organisations": organisations.order_by("name")},
        prefix="actions",
    )
    if request.method == "POST" and form.is_valid() and formset.is_valid():
        lines = [
            services.ActionLine(d["organisation"], d["description"], d.get("due_on"))
            for d in formset.cleaned_data
            if d and not d.get("DELETE")
        ]
        try:
            services.minutes_save(
                user=request.user,
                item=item,
                decisions=form.cleaned_data["decisions"],
                next_review_on=form.cleaned_data["next_review_on"],
                actions=lines,
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The minutes were saved."))
            return redirect("conferences:detail", pk=pk)
    context = {
        **selectors.minutes_page(
            user=request.user, item=item, shows_minutes=request.method != "POST"
        ),
        "form": form,
        "formset": formset,
    }
    invalid = request.method == "POST"
    return render(request, "conferences/minutes_form.html", context, status=400 if invalid else 200)


def _transition(request, pk: int, service, done: str):
    conference = _managed(request, pk)
    try:
        service(user=request.user, conference=conference)
    except ValidationError as error:
        return _detail(request, conference, status=400, error=_errors(error))
    messages.success(request, done)
    return redirect("conferences:detail", pk=pk)


@require_POST
def mark_held(request, pk: int):
    return _transition(
        request, pk, services.conference_mark_held, _("The conference is marked as held.")
    )


@require_POST
def approve(request, pk: int):
    return _transition(request, pk, services.conference_approve, _("The minutes are approved."))


@require_safe
def minutes_pdf(request, pk: int):
    """The approved minutes as a PDF for the requesting attendee: only their items."""
    conference = policies.access_conference(request.user, pk)
    if not policies.can_download_minutes(request.user, conference):
        raise NotFound
    if policies.must_attest_first(request.user, conference):
        messages.warning(request, _("Record your attestation before you download the minutes."))
        return redirect("conferences:detail", pk=pk)
    if not policies.conference_actions(request.user, conference, download=True).download_minutes:
        return _detail(
            request,
            conference,
            status=400,
            error=_("The minutes can be downloaded once the coordinator has approved them."),
        )
    items = selectors.with_minutes(policies.readable_items(request.user, conference))
    document = pdf.minutes_pdf(conference=conference, attendee=request.user, items=items)
    services.minutes_exported(user=request.user, conference=conference, items=items)
    response = HttpResponse(document, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="minutes-{conference.pk}.pdf"'
    response["Cache-Control"] = "no-store"
    return response


@require_safe
def calendar_file(request, pk: int):
    """An .ics file for the meeting: time and place only, no names, no case codes."""
    conference = policies.access_conference(request.user, pk)
    services.calendar_exported(user=request.user, conference=conference)
    response = HttpResponse(ical.ics(conference), content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="conference-{conference.pk}.ics"'
    return response


@require_safe
def minutes_copy(request, pk: int):
    """A de-identified copy of an item's minutes and agreed actions, for whoever may read
    that item on the conference page (and its case)."""
    minutes = policies.access_minutes(request.user, pk)
    item = minutes.item
    text = minutes.decisions
    actions = item.agreed_actions.select_related("organisation")
    if actions:
        lines = [f"- {action.organisation.name}: {action.description}" for action in actions]
        text = "\n\n".join([text, _("Agreed actions"), "\n".join(lines)])
    return copy_page(
        request,
        case=item.case,
        text=text,
        source=_("Minutes of a case conference"),
        back_url=reverse("conferences:detail", args=[item.conference_id]),
        object_type="minutes",
        pk=minutes.pk,
    )
