from django import forms
from django.utils.translation import gettext_lazy as _

from .rules import bounds, bounds_errors

HORIZONS = [(30, _("30 days")), (90, _("90 days")), (365, _("one year"))]


class QueueFilterForm(forms.Form):
    days = forms.TypedChoiceField(
        label=_("Reaching retention within"),
        choices=HORIZONS,
        coerce=int,
        required=False,
        empty_value=90,
    )


class OverrideForm(forms.Form):
    out_of_scope_months = forms.IntegerField(
        label=_("Out-of-scope signals and consultations (months)"), required=False
    )
    closed_case_months = forms.IntegerField(label=_("Closed cases (months)"), required=False)
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=0)

    def __init__(self, *args, defaults=None, **kwargs):
        super().__init__(*args, **kwargs)
        for name, (low, high) in bounds().items():
            field = self.fields[name]
            field.widget.attrs.update(min=low, max=high)
            field.help_text = _(
                "Between %(low)d and %(high)d months; leave empty for the default (%(default)d)."
            ) % {"low": low, "high": high, "default": getattr(defaults, name, 0)}

    def clean(self):
        data = super().clean()
        for name, message in bounds_errors(
            **{name: data.get(name) for name in ("out_of_scope_months", "closed_case_months")}
        ).items():
            self.add_error(name, message)
        return data


class HoldForm(forms.Form):
    reference = forms.CharField(
        label=_("Case code or signal reference"),
        max_length=24,
        help_text=_("For example MEC-2025-0012 or S-MEC-000042."),
    )
    reason = forms.CharField(
        label=_("Reason"),
        max_length=200,
        help_text=_("For example a judicial request or a complaint procedure. No names."),
    )
    until = forms.DateField(
        label=_("Until"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
        help_text=_("Leave empty to hold until the hold is lifted."),
    )
