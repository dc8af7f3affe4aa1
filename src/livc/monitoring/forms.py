"""Filters of the dashboards, read from the query string. Bad input comes back at the
field (status 400); an area or cell outside the user's scope is the view's 404.

Supervisors choose fixed calendar periods only (quarter, half-year, year): a range of their
own, moved a day at a time across cells, would let two ranges differ by one day and show
that day's cases. The cell's own dashboard keeps free ranges (its figures are exact anyway).
"""

import datetime

from django import forms
from django.utils.translation import gettext_lazy as _

from livc.access.params import parse_id
from livc.core.widgets import QuickSelect

from . import periods
from .periods import Period, PeriodError

RECENT_HALF_YEARS = 8
RECENT_QUARTERS = 8
RECENT_YEARS = 5


def period_choices(today: datetime.date, selected: str = "") -> list[tuple[str, str]]:
    """Recent half-years, quarters and years, newest first (any other code still works)."""
    half = periods.current(today)
    quarter = Period.containing(today, "quarter")
    year = Period.containing(today, "year")
    options = [
        (_("Half-years"), [(p.code, p.label) for p in reversed(half.series(RECENT_HALF_YEARS))]),
        (_("Quarters"), [(p.code, p.label) for p in reversed(quarter.series(RECENT_QUARTERS))]),
        (_("Years"), [(p.code, p.label) for p in reversed(year.series(RECENT_YEARS))]),
    ]
    known = {code for _group, items in options for code, _label in items}
    if selected and selected not in known:
        try:
            label = periods.parse(selected).label
        except PeriodError:
            label = selected  # shown as typed, with the field's error beside it
        options.insert(0, (_("Chosen"), [(selected, label)]))
    return options


class PeriodForm(forms.Form):
    """`period` (2026-H1, 2026-Q2, 2026) or a custom range `start`–`end`, both included.
    Without any, the current half-year."""

    help_text = _(
        "Choose a period, or give both dates of a period of your own (both included). Trends "
        "show the three periods before it as well."
    )

    period = forms.CharField(label=_("Period"), required=False, max_length=40)
    start = forms.DateField(
        label=_("From"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    end = forms.DateField(
        label=_("To"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )

    def __init__(self, *args, today: datetime.date, **kwargs):
        super().__init__(*args, **kwargs)
        self.today = today
        selected = str(self.data.get("period", "")) if self.is_bound else ""
        self.fields["period"].widget = forms.Select(choices=period_choices(today, selected))
        self.fields["period"].initial = periods.current(today).code

    def clean_period(self) -> Period | None:
        code = self.cleaned_data.get("period", "")
        if not code:
            return None
        try:
            return periods.parse(code)
        except PeriodError as error:
            raise forms.ValidationError(str(error)) from error

    def clean(self):
        data = super().clean()
        start, end = data.get("start"), data.get("end")
        if self.errors:
            return data
        if start or end:
            if not start:
                self.add_error("start", _("Give the first day of the period as well."))
            elif not end:
                self.add_error("end", _("Give the last day of the period as well."))
            else:
                try:
                    data["range"] = periods.between(start, end)
                except PeriodError as error:
                    self.add_error("end", str(error))
        return data

    @property
    def selected_period(self) -> Period:
        """The period asked for (call after `is_valid()`)."""
        data = self.cleaned_data
        return data.get("range") or data.get("period") or periods.current(self.today)


class IdField(forms.Field):
    """An id from a list: ASCII digits only (`parse_id`), so "²" or "١" is an error at the
    field, not a server error or another row."""

    default_error_messages = {"invalid": _("Choose one of the options in the list.")}

    def to_python(self, value) -> int | None:
        if value in self.empty_values:
            return None
        number = parse_id(value)
        if number is None:
            raise forms.ValidationError(self.error_messages["invalid"], code="invalid")
        return number


def _id_field(label, empty_label):
    return IdField(label=label, required=False, widget=QuickSelect(choices=[("", empty_label)]))


FIXED_ONLY = _(
    "Choose a half-year, a quarter or a year from the list. Dates of your own are not "
    "available across cells: two ranges a day apart would show the cases of that one day."
)


class SupervisorFilterForm(PeriodForm):
    """Region, province and cell within the supervisor's scope (the most specific wins),
    and a fixed period: `start` and `end` are refused at the period field."""

    help_text = _(
        "Choose a half-year, a quarter or a year. Trends show the three periods before it as well."
    )
    region = _id_field(_("Region"), _("All regions in my scope"))
    province = _id_field(_("Province"), _("All provinces"))
    cell = _id_field(_("Cell"), _("All cells"))

    field_order = ["region", "province", "cell", "period"]

    def __init__(self, *args, areas, **kwargs):
        super().__init__(*args, **kwargs)
        del self.fields["start"], self.fields["end"]
        self.areas = areas
        self.fields["region"].widget.choices = [
            ("", _("All regions in my scope")),
            *[(r.pk, r.name) for r in areas.regions],
        ]
        self.fields["province"].widget.choices = [
            ("", _("All provinces")),
            *[(p.pk, p.name) for p in areas.provinces],
        ]
        self.fields["cell"].widget.choices = [
            ("", _("All cells")),
            *[(c.pk, c.name if c.is_active else _("%s (inactive)") % c.name) for c in areas.cells],
        ]

    def clean_period(self) -> Period | None:
        asked_dates = any(str(self.data.get(name, "")).strip() for name in ("start", "end"))
        period = super().clean_period()
        if asked_dates or (period is not None and period.kind == "custom"):
            raise forms.ValidationError(FIXED_ONLY, code="fixed_only")
        return period

    def clean(self):
        data = super().clean()
        region, province, cell = data.get("region"), data.get("province"), data.get("cell")
        provinces = {p.pk: p for p in self.areas.provinces}
        if region and province in provinces and provinces[province].region_id != region:
            self.add_error("province", _("This province is not in the selected region."))
        place = self.areas.places.get(cell) if cell else None
        if place is not None:
            if region and place.region_id != region:
                self.add_error("cell", _("This cell is not in the selected region."))
            elif province and place.province_id != province:
                self.add_error("cell", _("This cell is not in the selected province."))
        return data
