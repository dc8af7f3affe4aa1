"""Subject access pages. Views parse input, check policies (refusal = 404), call one
service and render; bad input comes back at the form with status 400."""

import json

from django.contrib import messages
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import pgettext
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from livc.access.errors import NotFound
from livc.access.params import query_id
from livc.core.paging import paginate
from livc.organisations.models import Cell

from . import pdf, policies, selectors, services
from .forms import DecisionForm, RequestForm, SearchForm
from .models import SubjectRequest


def _add_errors(form, error: ValidationError) -> None:
    """Put a service's errors at the form's fields (or above the form)."""
    if not hasattr(error, "error_dict"):
        form.add_error(None, error)
        return
    for name, errors in error.error_dict.items():
        form.add_error(name if name in form.fields else NON_FIELD_ERRORS, errors)


# Finding a subject and exporting -----------------------------------------------------------


@require_http_methods(["GET", "POST"])
def search(request):
    """Search by POST so the details never appear in a URL, a log or the history."""
    if not policies.can_search(request.user):
        raise NotFound
    form = SearchForm(request.POST if request.method == "POST" else None)
    context = {"form": form, "searched": False}
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            found = services.subject_search(
                user=request.user,
                first_name=data["first_name"],
                last_name=data["last_name"],
                birth_date=data["birth_date"],
                national_number=data["national_number"],
            )
        except ValidationError as error:
            _add_errors(form, error)
        else:
            context.update(searched=True, found=found)
    status = 400 if form.errors else 200
    return render(request, "subjectaccess/search.html", context, status=status)


@require_safe
def subject_detail(request, pk: int):
    subject = policies.access_subject(request.user, pk)
    context = selectors.subject_page(user=request.user, subject=subject)
    return render(request, "subjectaccess/subject_detail.html", context)


def _linked_request(request, subject) -> SubjectRequest | None:
    """`?request=<id>`: the access request this export answers (same subject), or 404."""
    request_id = query_id(request, "request")
    if request_id is None:
        return None
    subject_request = policies.access_request(request.user, request_id)
    if subject_request.subject_id != subject.pk:
        raise NotFound
    return subject_request


def _export(request, pk: int, fmt: str) -> tuple[dict, int]:
    subject = policies.access_subject(request.user, pk)
    data = services.subject_export(
        user=request.user,
        subject=subject,
        fmt=fmt,
        subject_request=_linked_request(request, subject),
    )
    return data, subject.pk


def _download(content, content_type: str, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["Cache-Control"] = "no-store"
    return response


@require_safe
def export_json(request, pk: int):
    data, subject_id = _export(request, pk, "json")
    content = json.dumps(data, ensure_ascii=False, indent=2)
    return _download(
        content, "application/json; charset=utf-8", f"subject-access-{subject_id}.json"
    )


@require_safe
def export_pdf(request, pk: int):
    data, subject_id = _export(request, pk, "pdf")
    return _download(
        pdf.export_pdf(data=data), "application/pdf", f"subject-access-{subject_id}.pdf"
    )


# Requests ---------------------------------------------------------------------------------


@require_safe
def request_list(request):
    if not policies.can_list_requests(request.user):
        raise NotFound
    state = request.GET.get("state", "open")
    if state not in selectors.STATES:
        state = "open"
    page = paginate(request, selectors.request_list(user=request.user, state=state))
    context = {
        "page": page,
        "state": state,
        "states": [
            ("open", pgettext("request state", "Open")),
            ("overdue", _("Overdue")),
            ("decided", _("Decided")),
            ("all", _("All")),
        ],
        "can_record": policies.can_search(request.user),
        "linkable_cells": policies.linkable_request_cells(request.user),
    }
    return render(request, "subjectaccess/request_list.html", context)


@require_http_methods(["GET", "POST"])
def request_create(request, subject_pk: int | None = None):
    if not policies.can_search(request.user):
        raise NotFound
    subject = policies.access_subject(request.user, subject_pk) if subject_pk else None
    cells = (
        None
        if subject
        else Cell.objects.filter(pk__in=policies.handled_cells(request.user)).order_by("name")
    )
    form = RequestForm(request.POST if request.method == "POST" else None, cells=cells)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            subject_request = services.request_create(
                user=request.user,
                cell=subject.cell if subject else data["cell"],
                kind=data["kind"],
                received_on=data["received_on"],
                description=data["description"],
                subject=subject,
            )
        except ValidationError as error:
            _add_errors(form, error)
        else:
            messages.success(
                request,
                _("Request %(reference)s was recorded.") % {"reference": subject_request.reference},
            )
            return redirect("subjectaccess:request", pk=subject_request.pk)
    status = 400 if form.errors else 200
    context = selectors.request_form_page(user=request.user, subject=subject, form=form)
    return render(request, "subjectaccess/request_form.html", context, status=status)


def _request_page(request, subject_request, form=None, status=200):
    context = selectors.request_page(user=request.user, subject_request=subject_request, form=form)
    return render(request, "subjectaccess/request_detail.html", context, status=status)


@require_safe
def request_detail(request, pk: int):
    subject_request = policies.access_request(request.user, pk)
    return _request_page(request, subject_request)


@require_POST
def request_decide(request, pk: int):
    subject_request = policies.access_request(request.user, pk)
    form = DecisionForm(request.POST)
    if form.is_valid():
        data = form.cleaned_data
        try:
            services.request_decide(
                user=request.user,
                subject_request=subject_request,
                decision=data["decision"],
                decided_on=data["decided_on"],
                reason=data["decision_reason"],
            )
        except ValidationError as error:
            _add_errors(form, error)
        else:
            messages.success(request, _("The decision was recorded."))
            return redirect("subjectaccess:request", pk=subject_request.pk)
    subject_request.refresh_from_db()
    return _request_page(request, subject_request, form=form, status=400)
