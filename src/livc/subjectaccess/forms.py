"""Input parsing for subject access pages. Rules live in services and policies."""

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from livc.organisations.models import Cell
from livc.privacy.national_number import validate_national_number

from .models import SubjectRequest

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
TEXT = forms.Textarea(attrs={"rows": 4})


class SearchForm(forms.Form):
    """The details a person gives to identify themselves; sent by POST, never in a URL."""

    first_name = forms.CharField(label=_("First name"), max_length=100, required=False)
    last_name = forms.CharField(label=_("Last name"), max_length=100, required=False)
    birth_date = forms.DateField(label=_("Birth date"), widget=DATE, required=False)
    national_number = forms.CharField(
        label=_("National register number"),
        required=False,
        help_text=_("11 digits; dots and dashes are allowed."),
    )

    def clean(self):
        data = super().clean()
        names = {name: data.get(name) for name in ("first_name", "last_name", "birth_date")}
        if any(names.values()) and not all(names.values()):
            for name, value in names.items():
                if not value and name not in self.errors:
                    self.add_error(
                        name,
                        _("To search by name, give first name, last name and birth date."),
                    )
        number = data.get("national_number")
        if number:
            try:
                data["national_number"] = validate_national_number(number)
            except ValidationError as error:
                self.add_error("national_number", error)
        if not self.errors and not all(names.values()) and not number:
            raise ValidationError(
                _("Give first name, last name and birth date, or the national register number.")
            )
        return data


class CellChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Cell) -> str:
        return obj.name


class RequestForm(forms.Form):
    """A new request. Without a linked person the coordinator picks the cell."""

    cell = CellChoiceField(label=_("Cell"), queryset=Cell.objects.none(), empty_label=None)
    kind = forms.ChoiceField(label=_("Kind of request"), choices=SubjectRequest.Kind.choices)
    received_on = forms.DateField(label=_("Received on"), widget=DATE)
    description = forms.CharField(
        label=_("What the person asks"),
        widget=TEXT,
        help_text=_("For a rectification: which data are wrong and what they should say."),
    )

    def __init__(self, *args, cells=None, **kwargs):
        super().__init__(*args, **kwargs)
        if cells is None:
            del self.fields["cell"]
        else:
            self.fields["cell"].queryset = cells
        self.fields["received_on"].initial = timezone.localdate()


class DecisionForm(forms.Form):
    decision = forms.ChoiceField(
        label=_("Decision"),
        choices=[
            (d.value, d.label)
            for d in (
                SubjectRequest.Decision.GRANTED,
                SubjectRequest.Decision.PARTIALLY,
                SubjectRequest.Decision.REFUSED,
            )
        ],
        widget=forms.RadioSelect,
    )
    decided_on = forms.DateField(label=_("Decided on"), widget=DATE)
    decision_reason = forms.CharField(
        label=_("Reason for the decision"),
        widget=TEXT,
        required=False,
        help_text=_("Required when the request is refused or only partially granted."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["decided_on"].initial = timezone.localdate()
