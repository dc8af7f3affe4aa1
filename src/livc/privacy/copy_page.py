"""The page showing a de-identified copy of a text. The app that owns the record checks
who may read it (exactly who may read the original: a copy is never a way round access
control) and calls `copy_page`; the engine knows no app's models."""

from django.shortcuts import render
from django.utils.translation import gettext_lazy

from .deid import Category, guess_language
from .forms import CopyLanguageForm
from .services import deidentified_copy

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


def copy_page(request, *, case, text: str, source: str, back_url: str, object_type, pk):
    """Render the copy of `text`, a record (`object_type`, `pk`) of `case` that the caller
    has authorised the user to read; making it is logged as an export."""
    form = CopyLanguageForm(request.GET or None)
    language = form.cleaned_data["language"] if form.is_valid() else ""
    language = language or guess_language(text)
    copy = deidentified_copy(
        user=request.user,
        case=case,
        text=text,
        language=language,
        object_type=object_type,
        object_id=pk,
    )
    counts = [
        (CATEGORY_LABELS.get(category, category), copy.counts[category])
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
        request, "privacy/deidentified_copy.html", context, status=400 if form.errors else 200
    )
    response["Cache-Control"] = "no-store"
    return response
