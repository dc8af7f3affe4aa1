from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from livc.core.paging import paginate, sort
from livc.organisations.models import Membership

from . import policies, services
from .forms import AnswerForm, ConsultationForm, ScreeningForm, SignalForm
from .models import Signal


def _reporting_memberships(user):
    ids = [m.pk for m in policies.reporting_memberships(user)]
    if not ids:
        raise Http404
    return Membership.objects.filter(pk__in=ids).select_related("cell", "organisation")


@require_http_methods(["GET", "POST"])
def signal_create(request):
    memberships = _reporting_memberships(request.user)
    consultation = None
    if request.GET.get("consultation"):
        consultation = policies.access_consultation(request.user, request.GET["consultation"])
    form = SignalForm(request.POST or None, memberships=memberships)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        membership = data["membership"]
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
        messages.success(
            request,
            _("Signal %(reference)s was registered. The coordinator will screen it.")
            % {"reference": signal.reference},
        )
        return redirect("intake:signal_list")
    return render(request, "intake/signal_form.html", {"form": form})


def signal_list(request):
    """The screening queue (coordinator, information officer) and the user's own signals."""
    if not policies.can_report(request.user) and not policies.can_screen_any(request.user):
        raise Http404
    status = request.GET.get("status", "open")
    queue = policies.screening_signals(request.user).select_related("cell")
    if status == "open":
        queue = queue.filter(status__in=Signal.OPEN_STATUSES)
    elif status in Signal.Status.values:
        queue = queue.filter(status=status)
    queue, current_sort = sort(
        request,
        queue,
        {"due": "screening_due", "received": "received_on", "reference": "reference"},
        "due",
    )
    own = policies.own_signals(request.user).select_related("cell").order_by("-received_on")
    return render(
        request,
        "intake/signal_list.html",
        {
            "queue": paginate(request, queue),
            "own": own[:25],
            "status": status,
            "statuses": Signal.Status.choices,
            "sort": current_sort,
            "today": timezone.localdate(),
            "can_screen_any": policies.can_screen_any(request.user),
        },
    )


def signal_detail(request, pk: int):
    signal = policies.access_signal(request.user, pk)
    services.signal_viewed(user=request.user, signal=signal)
    return render(
        request,
        "intake/signal_detail.html",
        {
            "signal": signal,
            "known": services.known_matches(signal=signal),
            "can_screen": policies.can_screen(request.user, signal)
            and signal.status in Signal.OPEN_STATUSES,
            "form": ScreeningForm(),
        },
    )


@require_POST
def signal_screen(request, pk: int):
    signal = policies.access_signal(request.user, pk)
    if not policies.can_screen(request.user, signal):
        raise Http404
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
            form.add_error(None, error)
        else:
            messages.success(request, _("The decision was recorded."))
            if signal.case_id:
                return redirect("cases:detail", pk=signal.case_id)
            return redirect("intake:signal_list")
    return render(
        request,
        "intake/signal_detail.html",
        {"signal": signal, "known": services.known_matches(signal=signal), "can_screen": True,
         "form": form},
        status=400,
    )  # fmt: skip


@require_http_methods(["GET", "POST"])
def consultation_create(request):
    memberships = _reporting_memberships(request.user)
    form = ConsultationForm(request.POST or None, memberships=memberships)
    if request.method == "POST" and form.is_valid():
        membership = form.cleaned_data["membership"]
        services.consultation_ask(
            user=request.user,
            cell=membership.cell,
            organisation=membership.organisation,
            question=form.cleaned_data["question"],
            phenomenon=form.cleaned_data["phenomenon"],
        )
        messages.success(request, _("Your question was sent to the coordinator."))
        return redirect("intake:consultation_list")
    return render(request, "intake/consultation_form.html", {"form": form})


def consultation_list(request):
    consultations = policies.visible_consultations(request.user).select_related("cell")
    if not policies.can_report(request.user):
        raise Http404
    return render(
        request,
        "intake/consultation_list.html",
        {"page": paginate(request, consultations.order_by("answered_at", "-asked_at"))},
    )


@require_http_methods(["GET", "POST"])
def consultation_detail(request, pk: int):
    consultation = policies.access_consultation(request.user, pk)
    can_answer = policies.can_answer(request.user, consultation)
    form = AnswerForm(request.POST or None, initial={"answer": consultation.answer})
    if request.method == "POST":
        if not can_answer:
            raise Http404
        if form.is_valid():
            services.consultation_answer(
                user=request.user, consultation=consultation, answer=form.cleaned_data["answer"]
            )
            messages.success(request, _("The answer was saved."))
            return redirect("intake:consultation_detail", pk=consultation.pk)
    return render(
        request,
        "intake/consultation_detail.html",
        {"consultation": consultation, "can_answer": can_answer, "form": form},
    )
