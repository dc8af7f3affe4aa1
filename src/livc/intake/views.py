"""Signal and consultation pages. Views parse input, ask named policies (refusal = 404),
call one service and render; the rules and the access log live in services and selectors."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from livc.access.errors import NotFound
from livc.access.params import query_id
from livc.core.paging import paginate, sort
from livc.organisations.models import Membership

from . import policies, selectors, services
from .forms import AnswerForm, ConsultationForm, ScreeningForm, SignalForm


def _reporting_memberships(user, cell_id: int | None = None):
    ids = [
        m.pk
        for m in policies.reporting_memberships(user)
        if cell_id is None or m.cell_id == cell_id
    ]
    if not ids:
        raise NotFound
    return Membership.objects.filter(pk__in=ids).select_related("cell", "organisation")


def _consultation_to_convert(request):
    """`?consultation=<id>`: the consultation this signal converts, if any. Malformed or
    not the user's to see: 404; theirs to see but not to convert: 404 as well."""
    consultation_id = query_id(request, "consultation")
    if consultation_id is None:
        return None
    consultation = policies.access_consultation(request.user, consultation_id)
    if not policies.can_convert(request.user, consultation):
        raise NotFound
    return consultation


@require_http_methods(["GET", "POST"])
def signal_create(request):
    consultation = _consultation_to_convert(request)
    memberships = _reporting_memberships(
        request.user, consultation.cell_id if consultation else None
    )
    form = SignalForm(request.POST or None, memberships=memberships)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        membership = data["membership"]
        try:
            signal = services.signal_register(
                user=request.user,
                cell=membership.cell,
                organisation=membership.organisation,
                identity=services.Identity(
                    data["first_name"],
                    data["last_name"],
                    data["birth_date"],
                    data["national_number"],
                    data["municipality"],
                ),  # fmt: skip
                received_on=data["received_on"],
                observation=data["observation"],
                behaviours=data["behaviours"],
                behaviour_other=data["behaviour_other"],
                phenomenon=data["phenomenon"],
                prevention_level=data["prevention_level"],
                urgency=data["urgency"],
                reporter_type=data["reporter_type"],
                consultation=consultation,
            )
        except ValidationError as error:
            form.add_service_errors(error)
        else:
            messages.success(
                request,
                _("Signal %(reference)s was registered. The coordinator will screen it.")
                % {"reference": signal.reference},
            )
            return redirect("intake:signal_list")
    return render(request, "intake/signal_form.html", {"form": form, "consultation": consultation})


@require_safe
def signal_list(request):
    """The screening queue (coordinator, information officer) and the user's own signals."""
    user = request.user
    can_screen_any = policies.can_screen_any(user)
    if not policies.can_report(user) and not can_screen_any:
        raise NotFound
    queue, status = selectors.screening_queue(
        user=user, status=request.GET.get("status", selectors.OPEN_FILTER)
    )
    queue, current_sort = sort(
        request,
        queue,
        {"due": "screening_due", "received": "received_on", "reference": "reference"},
        "due",
    )
    return render(
        request,
        "intake/signal_list.html",
        {
            "queue": paginate(request, queue),
            "own": selectors.own_signals(user=user)[:25],
            "status_options": selectors.status_options(status),
            "sort": current_sort,
            "today": timezone.localdate(),
            "can_screen_any": can_screen_any,
        },
    )


@require_safe
def signal_detail(request, pk: int):
    signal = policies.access_signal(request.user, pk)
    context = selectors.signal_page(user=request.user, signal=signal, form=ScreeningForm())
    return render(request, "intake/signal_detail.html", context)


@require_POST
def signal_screen(request, pk: int):
    signal = policies.access_signal(request.user, pk)
    if not policies.can_screen(request.user, signal):
        raise NotFound
    form = ScreeningForm(request.POST)
    if form.is_valid():
        try:
            services.signal_screen(
                user=request.user,
                signal=signal,
                outcome=form.cleaned_data["outcome"],
                reason=form.cleaned_data["reason"],
            )
        except ValidationError as error:
            form.add_service_errors(error)
        else:
            messages.success(request, _("The decision was recorded."))
            if signal.case_id:
                return redirect("cases:detail", pk=signal.case_id)
            return redirect("intake:signal_list")
    context = selectors.signal_page(user=request.user, signal=signal, form=form)
    return render(request, "intake/signal_detail.html", context, status=400)


@require_http_methods(["GET", "POST"])
def consultation_create(request):
    memberships = _reporting_memberships(request.user)
    form = ConsultationForm(request.POST or None, memberships=memberships)
    if request.method == "POST" and form.is_valid():
        membership = form.cleaned_data["membership"]
        try:
            services.consultation_ask(
                user=request.user,
                cell=membership.cell,
                organisation=membership.organisation,
                question=form.cleaned_data["question"],
                phenomenon=form.cleaned_data["phenomenon"],
            )
        except ValidationError as error:
            form.add_service_errors(error)
        else:
            messages.success(request, _("Your question was sent to the coordinator."))
            return redirect("intake:consultation_list")
    return render(request, "intake/consultation_form.html", {"form": form})


@require_safe
def consultation_list(request):
    if not policies.can_report(request.user):
        raise NotFound
    consultations = policies.visible_consultations(request.user).select_related("cell")
    return render(
        request,
        "intake/consultation_list.html",
        {"page": paginate(request, consultations.order_by("answered_at", "-asked_at"))},
    )


@require_http_methods(["GET", "POST"])
def consultation_detail(request, pk: int):
    consultation = policies.access_consultation(request.user, pk)
    form = AnswerForm(request.POST or None)
    if request.method == "POST":
        if not policies.can_answer(request.user, consultation):
            raise NotFound
        if form.is_valid():
            try:
                services.consultation_answer(
                    user=request.user,
                    consultation=consultation,
                    answer=form.cleaned_data["answer"],
                )
            except ValidationError as error:
                form.add_service_errors(error)
            else:
                messages.success(request, _("The answer was saved."))
                return redirect("intake:consultation_detail", pk=consultation.pk)
    context = selectors.consultation_page(user=request.user, consultation=consultation, form=form)
    return render(request, "intake/consultation_detail.html", context)
