"""Forms of the half-yearly report pages."""

from django import forms
from django.utils.translation import gettext_lazy as _

from livc.organisations.models import Cell

from ..models import COMMENTARY_FIELDS, HalfYearlyReport
from ..periods import PeriodError, current, parse
from ..publication import check_published
from . import policies

NO_PERSONAL_DATA = _("Trends only: no names or case details.")


class ReportOpenForm(forms.Form):
    """Which report to open: a cell or region the user may use, and a period."""

    scope = forms.ChoiceField(label=_("Cell or region"))
    period = forms.CharField(
        label=_("Period"), max_length=24,
        help_text=_("A half-year such as 2026-H1 (or a quarter, 2026-Q1, or a year, 2026)."),
    )  # fmt: skip

    def __init__(self, *args, user, today, **kwargs):
        super().__init__(*args, **kwargs)
        choices = [
            (f"cell:{cell.pk}", _("Cell: %(name)s") % {"name": cell.name})
            for cell in Cell.objects.filter(pk__in=policies.report_cells(user)).order_by("name")
        ]
        regions = policies.report_regions(user)
        if regions is not None:
            choices += [(f"region:{r.pk}", _("Region: %(name)s") % {"name": r.name})
                        for r in regions]  # fmt: skip
        self.fields["scope"].choices = choices
        self.fields["period"].initial = current(today).shifted(-1).code

    def clean_period(self):
        """A calendar period: a report's files leave the cell, and dates of one's own could
        be subtracted from one another (see publication.py)."""
        try:
            period = parse(self.cleaned_data["period"])
            check_published([period])
        except PeriodError as error:
            raise forms.ValidationError(str(error)) from error
        return period

    def scope_target(self) -> tuple[str, int]:
        kind, pk = self.cleaned_data["scope"].split(":")
        return kind, int(pk)


class CommentaryForm(forms.ModelForm):
    version = forms.IntegerField(widget=forms.HiddenInput)

    class Meta:
        model = HalfYearlyReport
        fields = [*COMMENTARY_FIELDS, "status"]
        widgets = {name: forms.Textarea(attrs={"rows": 4}) for name in COMMENTARY_FIELDS}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in COMMENTARY_FIELDS:
            self.fields[name].help_text = NO_PERSONAL_DATA
            self.fields[name].validators.append(_max_length)
        if not self.is_bound:
            self.fields["version"].initial = self.instance.version


def _max_length(value: str) -> None:
    if len(value) > 4000:
        raise forms.ValidationError(_("Keep this under 4,000 characters."))
