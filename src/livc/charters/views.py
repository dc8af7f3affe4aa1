"""Charter pages: read, publish a new version, accept, and the acceptance overview.
Views parse input, check policies (refusal = 404), call one service and render."""

from django.contrib import messages
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.http import HttpResponseRedirect
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_safe

from livc.access.errors import NotFound
from livc.core.paging import paginate
from livc.organisations.models import Cell

from . import policies, selectors, services
from .diff import line_diff
from .forms import AcceptForm, PublishForm
from .models import CharterVersion


def _safe_next(request, url: str) -> str:
    """`url` if it leads back into this site, else ""."""
    if url and url_has_allowed_host_and_scheme(
        url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return url
    return ""


def _add_errors(form, error: ValidationError) -> None:
    """Put a service's errors at the form's fields (or above the form)."""
    if not hasattr(error, "error_dict"):
        form.add_error(None, error)
        return
    for name, errors in error.error_dict.items():
        visible = name in form.fields and not form.fields[name].widget.is_hidden
        form.add_error(name if visible else NON_FIELD_ERRORS, errors)


def _surface_hidden_errors(form) -> None:
    """Errors of hidden fields would be invisible: show them above the form."""
    for name in [n for n in form.errors if n in form.fields and form.fields[n].widget.is_hidden]:
        for error in form.errors.pop(name):
            form.add_error(None, error)


def _continue(next_url: str):
    return HttpResponseRedirect(next_url) if next_url else redirect("charters:index")


@require_safe
def index(request):
    cells = policies.member_cells(request.user)
    if not cells:
        raise NotFound
    if len(cells) == 1:
        return redirect("charters:detail", cell_id=next(iter(cells)))
    cells = Cell.objects.filter(pk__in=cells, is_active=True).order_by("name")
    return render(request, "charters/index.html", {"cells": cells})


@require_safe
def detail(request, cell_id: int):
    cell = policies.access_cell(request.user, cell_id)
    current = selectors.current_versions(cell=cell)
    mine = selectors.acceptances_of(user=request.user, versions=current.values())
    sections = [
        (kind, current.get(kind), mine.get(current[kind].pk) if kind in current else None)
        for kind in selectors.KINDS
    ]
    context = {
        "cell": cell,
        "sections": sections,
        "page": paginate(request, selectors.history(cell=cell)),
        "can_publish": policies.can_publish(request.user, cell.pk),
        "can_see_acceptances": policies.can_see_acceptances(request.user, cell.pk),
    }
    return render(request, "charters/detail.html", context)


@require_safe
def version(request, version_id: int):
    version = policies.access_version(request.user, version_id)
    previous = selectors.previous_version(version=version)
    context = {
        "version": version,
        "previous": previous,
        "diff": line_diff(previous.text, version.text) if previous else None,
    }
    return render(request, "charters/version.html", context)


@require_http_methods(["GET", "POST"])
def publish(request, cell_id: int, kind: str):
    cell = policies.access_cell(request.user, cell_id)
    if not policies.can_publish(request.user, cell.pk) or kind not in CharterVersion.Kind.values:
        raise NotFound
    current = selectors.current_versions(cell=cell).get(kind)
    context = {"cell": cell, "kind": CharterVersion.Kind(kind), "current": current}
    if request.method == "GET":
        initial = {
            "text": current.text if current else "",
            "based_on": getattr(current, "number", 0),
        }
        context["form"] = PublishForm(initial=initial, kind=kind)
        return render(request, "charters/publish.html", context)
    form = PublishForm(request.POST, kind=kind)
    context["form"] = form
    if not form.is_valid():
        _surface_hidden_errors(form)
        return render(request, "charters/publish.html", context, status=400)
    data = form.cleaned_data
    fields = {
        "cell": cell,
        "kind": kind,
        "text": data["text"],
        "change_note": data["change_note"],
        "based_on": data["based_on"],
    }
    try:
        # Confirmation is not a form field, so a form shown again never carries it.
        if request.POST.get("confirmed") != "1":
            # First submission: show what changes, publish only once confirmed.
            _current, text, note = services.check_publication(**fields)
            context.update(
                preview={"text": text, "change_note": note, "based_on": data["based_on"]},
                diff=line_diff(current.text if current else "", text),
                next_number=data["based_on"] + 1,
            )
            return render(request, "charters/publish.html", context)
        published = services.charter_publish(user=request.user, **fields)
    except ValidationError as error:
        _add_errors(form, error)
        return render(request, "charters/publish.html", context, status=400)
    messages.success(
        request,
        _(
            "Version %(number)d is published. Members must accept it before they next open "
            "case data."
        )
        % {"number": published.number},
    )
    return redirect("charters:detail", cell_id=cell.pk)


@require_http_methods(["GET", "POST"])
def accept(request):
    user = request.user
    if not policies.member_cells(user):
        raise NotFound
    next_url = _safe_next(request, request.POST.get("next") or request.GET.get("next", ""))
    pending = policies.pending_charters(user)
    if not pending:
        return _continue(next_url)
    ids = {version.pk for version in pending}
    initial = {"versions": ",".join(str(pk) for pk in sorted(ids)), "next": next_url}
    form = AcceptForm(request.POST if request.method == "POST" else None, initial=initial)
    context = {"form": form, "pending": pending, "next_url": next_url}
    if request.method == "GET":
        return render(request, "charters/accept.html", context)
    if not form.is_valid():
        _surface_hidden_errors(form)
        return render(request, "charters/accept.html", context, status=400)
    if form.cleaned_data["versions"] != ids:
        messages.warning(
            request,
            _("A new version was published while you were reading. Read it, then accept."),
        )
        return redirect(request.get_full_path())
    services.charters_accept(user=user, versions=pending)
    messages.success(request, _("Thank you. Your acceptance is recorded."))
    return _continue(next_url)


SHOW_CHOICES = ("all", "pending")


@require_safe
def acceptances(request, cell_id: int):
    cell = policies.access_cell(request.user, cell_id)
    if not policies.can_see_acceptances(request.user, cell.pk):
        raise NotFound
    current = selectors.current_versions(cell=cell)
    versions = [current[kind] for kind in selectors.KINDS if kind in current]
    members = selectors.cell_members(cell=cell)
    show = request.GET.get("show", "all")
    if show not in SHOW_CHOICES:
        show = "all"
    listed = selectors.not_accepted_all(members, versions) if show == "pending" else members
    page = paginate(request, listed)
    context = {
        "cell": cell,
        "versions": versions,
        "show": show,
        "page": page,
        "rows": selectors.member_rows(cell=cell, users=list(page.object_list), versions=versions),
        "counts": selectors.acceptance_counts(members=members, versions=versions),
        "total": members.count(),
    }
    return render(request, "charters/acceptances.html", context)
