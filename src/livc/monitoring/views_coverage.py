"""The coverage overview page and its CSV/JSON exports (not personal data: no access log)."""

from urllib.parse import urlencode

from django import forms
from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from livc.organisations.models import Province, Region

from . import coverage_export
from .coverage import coverage_chart, coverage_overview
from .coverage_policies import can_see_coverage, default_region_id


class CoverageFilterForm(forms.Form):
    region = forms.ModelChoiceField(
        Region.objects.order_by("nis_code"),
        label=_("Region"),
        required=False,
        empty_label=_("All regions"),
    )
    province = forms.ModelChoiceField(
        Province.objects.select_related("region").order_by("nis_code"),
        label=_("Province"),
        required=False,
        empty_label=_("All provinces"),
    )

    def clean(self):
        data = super().clean()
        region, province = data.get("region"), data.get("province")
        if region and province and province.region_id != region.pk:
            self.add_error("province", _("This province is not in the selected region."))
        return data


def _filter_form(request) -> CoverageFilterForm:
    data = request.GET.copy()
    if "region" not in data and "province" not in data:
        # First visit: a regional supervisor starts on their region ("All regions" undoes it).
        region_id = default_region_id(request.user)
        if region_id is not None:
            data["region"] = str(region_id)
    return CoverageFilterForm(data)


def _overview(request):
    if not can_see_coverage(request.user):
        raise Http404
    form = _filter_form(request)
    if not form.is_valid():
        return form, None
    return form, coverage_overview(
        region=form.cleaned_data["region"], province=form.cleaned_data["province"]
    )


def coverage(request):
    form, overview = _overview(request)
    context = {"form": form, "coverage": overview}
    if overview is None:
        return render(request, "monitoring/coverage.html", context, status=400)
    context["chart"] = coverage_chart(overview)
    # Exports carry the filter as shown, explicit empties included (no default region).
    context["export_query"] = urlencode(
        {key: getattr(form.cleaned_data[key], "pk", "") for key in ("region", "province")}
    )
    return render(request, "monitoring/coverage.html", context)


def _bad_filter(form) -> JsonResponse:
    errors = {name: [str(e) for e in errs] for name, errs in form.errors.items()}
    return JsonResponse({"errors": errors}, status=400)


def coverage_csv(request):
    form, overview = _overview(request)
    if overview is None:
        return _bad_filter(form)
    part = request.GET.get("part", "areas")
    if part not in ("areas", "cells"):
        return JsonResponse({"errors": {"part": [str(_("Choose areas or cells."))]}}, status=400)
    body = (
        coverage_export.cells_csv(overview)
        if part == "cells"
        else coverage_export.areas_csv(overview)
    )
    response = HttpResponse(body, content_type="text/csv; charset=utf-8")
    name = f"coverage-{part}-{timezone.localdate().isoformat()}.csv"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


def coverage_json(request):
    form, overview = _overview(request)
    if overview is None:
        return _bad_filter(form)
    response = JsonResponse(
        coverage_export.coverage_json(overview), json_dumps_params={"ensure_ascii": False}
    )
    name = f"coverage-{timezone.localdate().isoformat()}.json"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response
