"""De-identified copies of notes and minutes, for whoever may read the original (refusal:
404). Views parse input, check the policy, call the service and render."""

from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_safe

from livc.cases.models import Case

from . import policies, services
from .deid import Category, guess_language
from .forms import CopyLanguageForm

CATEGORY_LABELS = {
    Category.NAME: gettext_lazy("names"),
    Category.ADDRESS: gettext_lazy("addresses"),
    Category.PLACE: gettext_lazy("places"),
    Category.PHONE: gettext_lazy("phone numbers"),
    Category.EMAIL: gettext_lazy("e-mail addresses"),
    Category.USERNAME: gettext_lazy("user names"),
    Category.URL: gettext_lazy("web addresses"),
    Category.NATIONAL_NUMBER: gettext_lazy("national register numbers"),
    Category.DATE: gettext_lazy("dates"),
    Category.ID: gettext_lazy("other numbers"),
}


def _render(request, *, case: Case, text: str, source: str, back_url: str, object_type, pk):
    form = CopyLanguageForm(request.GET or None)
    language = form.cleaned_data["language"] if form.is_valid() else ""
    language = language or guess_language(text)
    copy = services.deidentified_copy(
        user=request.user,
        case=case,
        text=text,
        language=language,
        object_type=object_type,
        object_id=pk,
    )
    counts = [
        (CATEGORY_LABELS[category], copy.counts[category])
        for category in Category
        if copy.counts.get(category)
    ]
    context = {
        "case": case,
        "copy": copy,
        "counts": counts,
        "form": form if form.is_bound else CopyLanguageForm(initial={"language": language}),
        "source": source,
        "back_url": back_url,
    }
    response = render(
        request,
        "privacy/deidentified_copy.html",
        context,
        status=400 if form.errors else 200,
    )
    response["Cache-Control"] = "no-store"
    return response


@require_safe
def note_copy(request, pk: int):
    note = policies.access_assessment_note(request.user, pk)
    return _render(
        request,
        case=note.case,
        text=note.text,
        source=_("Professional assessment"),
        back_url=reverse("cases:detail", args=[note.case_id]) + "#notes-heading",
        object_type="note",
        pk=note.pk,
    )


@require_safe
def minutes_copy(request, pk: int):
    minutes = policies.access_minutes(request.user, pk)
    item = minutes.item
    text = minutes.decisions
    actions = item.agreed_actions.select_related("organisation")
    if actions:
        lines = [f"- {action.organisation.name}: {action.description}" for action in actions]
        text = "\n\n".join([text, _("Agreed actions"), "\n".join(lines)])
    return _render(
        request,
        case=item.case,
        text=text,
        source=_("Minutes of a case conference"),
        back_url=reverse("conferences:detail", args=[item.conference_id]),
        object_type="minutes",
        pk=minutes.pk,
    )


@require_safe
def progress_note_copy(request, pk: int):
    note = policies.access_progress_note(request.user, pk)
    case = note.action.plan.case
    return _render(
        request,
        case=case,
        text=note.text,
        source=_("Progress note"),
        back_url=reverse("trajectories:plan", args=[case.pk]) + f"#action-{note.action_id}",
        object_type="progress_note",
        pk=note.pk,
    )
