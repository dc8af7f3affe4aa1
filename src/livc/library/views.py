"""Library pages. Views parse input, ask named policies (refusal = 404), call one service
and render; the service's errors come back at the form (400). Read-only pages answer GET
and HEAD only."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from livc.access.errors import NotFound
from livc.access.params import query_id
from livc.core.locking import ConcurrentEditError
from livc.core.paging import paginate

from . import policies, selectors, services
from .forms import (
    EntryEditForm,
    EntryForm,
    FilterForm,
    IssuerEditForm,
    IssuerForm,
    RelationForm,
    RetireForm,
    VersionForm,
    add_service_errors,
)
from .models import Entry


def _run(form, action, on_error):
    """Validate `form`, run `action(cleaned_data)`; errors come back at the form."""
    if form.is_valid():
        try:
            return action(form.cleaned_data)
        except ConcurrentEditError as error:
            form.add_error(None, str(error))
        except ValidationError as error:
            add_service_errors(form, error)
    return on_error(form)


def _editor_only(user) -> None:
    if not policies.can_edit(user):
        raise NotFound


# The list ---------------------------------------------------------------------------------


@require_safe
def entry_list(request):
    user = request.user
    policies.ensure_reader(user)
    issuer_id = query_id(request, "issuer")  # a malformed id names nothing: 404
    data = request.GET.copy()
    if issuer_id is not None:
        data["issuer"] = str(issuer_id)
    # The sort select shows the order applied (best match when searching, else newest).
    data["sort"] = selectors.sort_key(
        data.get("sort", ""), searching=bool(data.get("q", "").split())
    )
    form = FilterForm(data, issuers=selectors.issuers(), years=selectors.years(user=user))
    filters = form.filters()
    entries = selectors.entry_list(user=user, **filters)
    context = {
        "form": form,
        "page": paginate(request, entries),
        "searching": bool(filters["query"]),
        "filtered": any(value for name, value in filters.items() if name != "sort"),
        "can_edit": policies.can_edit(user),
    }
    return render(request, "library/entry_list.html", context)


# An entry ---------------------------------------------------------------------------------


def _detail(request, entry: Entry, status: int = 200, relation_form=None):
    user = request.user
    context = selectors.entry_page(user=user, entry=entry)
    if context["actions"].link:
        context["relation_form"] = relation_form or RelationForm(
            targets=selectors.relation_targets(user=user, entry=entry)
        )
    return render(request, "library/entry_detail.html", context, status=status)


@require_safe
def entry_detail(request, pk: int):
    return _detail(request, policies.access_entry(request.user, pk))


def _form_page(request, form, *, entry=None, status=200):
    cancel = reverse("library:detail", args=[entry.pk]) if entry else reverse("library:list")
    context = {"form": form, "entry": entry, "cancel_url": cancel}
    return render(request, "library/entry_form.html", context, status=status)


@require_http_methods(["GET", "POST"])
def entry_create(request):
    user = request.user
    _editor_only(user)
    form = EntryForm(
        request.POST if request.method == "POST" else None, issuers=selectors.issuers()
    )

    def create(data):
        entry = services.entry_create(user=user, **form.service_values())
        messages.success(request, _("The text was added to the library."))
        return redirect("library:detail", pk=entry.pk)

    if request.method == "POST":
        return _run(form, create, lambda f: _form_page(request, f, status=400))
    return _form_page(request, form)


@require_http_methods(["GET", "POST"])
def entry_edit(request, pk: int):
    user = request.user
    entry = policies.access_entry(user, pk)
    _editor_only(user)
    form = EntryEditForm(
        request.POST if request.method == "POST" else None,
        issuers=selectors.issuers(),
        initial=EntryForm.initial_for(entry),
    )

    def save(data):
        services.entry_update(
            user=user, entry=entry, version=data["version"], **form.service_values()
        )
        messages.success(request, _("The text was saved."))
        return redirect("library:detail", pk=entry.pk)

    if request.method == "POST":
        return _run(form, save, lambda f: _form_page(request, f, entry=entry, status=400))
    return _form_page(request, form, entry=entry)


@require_http_methods(["GET", "POST"])
def entry_retire(request, pk: int):
    """Confirm that a text is no longer in force (GET asks since when and why, POST does it)."""
    user = request.user
    entry = policies.access_entry(user, pk)
    if not policies.can_retire(user, entry):
        raise NotFound
    form = RetireForm(
        request.POST if request.method == "POST" else None,
        initial={"version": entry.version, "retired_on": timezone.localdate()},
    )

    def retire(data):
        services.entry_retire(user=user, entry=entry, **data)
        messages.success(request, _("The text is marked as no longer in force."))
        return redirect("library:detail", pk=entry.pk)

    def page(form, status=200):
        context = {"form": form, "entry": entry}
        return render(request, "library/entry_retire.html", context, status=status)

    if request.method == "POST":
        return _run(form, retire, lambda f: page(f, 400))
    return page(form)


@require_POST
def entry_reinstate(request, pk: int):
    user = request.user
    entry = policies.access_entry(user, pk)
    if not policies.can_reinstate(user, entry):
        raise NotFound

    def reinstate(data):
        services.entry_reinstate(user=user, entry=entry, version=data["version"])
        messages.success(request, _("The text is marked as in force again."))
        return redirect("library:detail", pk=entry.pk)

    def failed(form):
        for error in form.non_field_errors() or [_("Reload the page and try again.")]:
            messages.error(request, error)
        return _detail(request, entry, 400)

    return _run(VersionForm(request.POST), reinstate, failed)


# Relations --------------------------------------------------------------------------------


@require_POST
def relation_add(request, pk: int):
    user = request.user
    entry = policies.access_entry(user, pk)
    _editor_only(user)
    form = RelationForm(request.POST, targets=selectors.relation_targets(user=user, entry=entry))

    def add(data):
        services.relation_add(user=user, source=entry, target=data["target"], kind=data["kind"])
        messages.success(request, _("The relation was recorded."))
        return redirect("library:detail", pk=entry.pk)

    return _run(form, add, lambda f: _detail(request, entry, 400, relation_form=f))


@require_POST
def relation_remove(request, pk: int):
    user = request.user
    relation = policies.access_relation(user, pk)
    _editor_only(user)
    services.relation_remove(user=user, relation=relation)
    messages.success(request, _("The relation was removed."))
    return redirect("library:detail", pk=relation.source_id)


# Issuers ----------------------------------------------------------------------------------


def _issuers_page(request, form, status=200):
    context = {"form": form, "issuers": selectors.issuers()}
    return render(request, "library/issuer_list.html", context, status=status)


@require_safe
def issuer_list(request):
    _editor_only(request.user)
    return _issuers_page(request, IssuerForm())


@require_POST
def issuer_create(request):
    user = request.user
    _editor_only(user)

    def create(data):
        services.issuer_create(user=user, **data)
        messages.success(request, _("The issuer was added."))
        return redirect("library:issuers")

    return _run(IssuerForm(request.POST), create, lambda f: _issuers_page(request, f, 400))


@require_http_methods(["GET", "POST"])
def issuer_edit(request, pk: int):
    user = request.user
    issuer = policies.access_issuer(user, pk)
    names = ("name_nl", "name_fr", "name_de", "name_en")
    form = IssuerEditForm(
        request.POST if request.method == "POST" else None,
        initial={**{name: getattr(issuer, name) for name in names}, "version": issuer.version},
    )

    def save(data):
        services.issuer_update(
            user=user,
            issuer=issuer,
            version=data["version"],
            **{name: data[name] for name in names},
        )
        messages.success(request, _("The issuer was saved."))
        return redirect("library:issuers")

    def page(form, status=200):
        context = {"form": form, "issuer": issuer}
        return render(request, "library/issuer_form.html", context, status=status)

    if request.method == "POST":
        return _run(form, save, lambda f: page(f, 400))
    return page(form)
