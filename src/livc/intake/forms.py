"""Input parsing for signals and consultations. The rules live in intake.services: the
views call the service and put its errors at these fields (`add_service_errors`)."""

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from livc.cases.choices import Behaviour, Phenomenon, PreventionLevel, Urgency
from livc.organisations.selectors import current_municipalities

from . import workflow
from .models import ReporterType

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class MembershipChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return f"{obj.cell.name} – {obj.organisation.name}"


class ServiceErrorsMixin:
    """Put a service's ValidationError at the fields it names (by argument name, or as
    SERVICE_FIELDS maps it), the rest above the form. The rules live in the service."""

    SERVICE_FIELDS: dict[str, str] = {}

    def add_service_errors(self, error: ValidationError) -> None:
        if not hasattr(error, "error_dict"):
            self.add_error(None, error)
            return
        for name, errors in error.error_dict.items():
            name = self.SERVICE_FIELDS.get(name, name)
            self.add_error(name if name in self.fields else None, errors)


class SignalForm(ServiceErrorsMixin, forms.Form):
    membership = MembershipChoiceField(
        label=_("Cell and organisation"), queryset=None, empty_label=None
    )
    reporter_type = forms.ChoiceField(label=_("Reported by"), choices=ReporterType.choices)
    received_on = forms.DateField(label=_("Date of the signal"), widget=DATE)
    observation = forms.CharField(
        label=_("What was observed"),
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("Describe behaviour and facts, not identity, beliefs or origin."),
    )
    behaviours = forms.MultipleChoiceField(
        label=_("Observed behaviour"),
        choices=Behaviour.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    behaviour_other = forms.CharField(label=_("Other behaviour"), required=False)
    phenomenon = forms.ChoiceField(label=_("Phenomenon"), choices=Phenomenon.choices)
    prevention_level = forms.ChoiceField(
        label=_("Prevention level"), choices=PreventionLevel.choices
    )
    urgency = forms.ChoiceField(label=_("Urgency"), choices=Urgency.choices, initial=Urgency.NORMAL)
    first_name = forms.CharField(label=_("First name"), max_length=100)
    last_name = forms.CharField(label=_("Last name"), max_length=100)
    birth_date = forms.DateField(label=_("Birth date"), widget=DATE)
    municipality = forms.ModelChoiceField(
        label=_("Municipality of residence"), queryset=current_municipalities()
    )
    national_number = forms.CharField(
        label=_("National register number"),
        required=False,
        help_text=_("Optional. 11 digits; dots and dashes are allowed."),
    )

    # Service arguments this form asks as one field.
    SERVICE_FIELDS = {"cell": "membership", "organisation": "membership"}

    def __init__(self, *args, memberships, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["membership"].queryset = memberships
        if len(memberships) == 1:
            self.fields["membership"].initial = memberships[0]
        self.fields["received_on"].initial = timezone.localdate()


class ScreeningForm(ServiceErrorsMixin, forms.Form):
    outcome = forms.ChoiceField(
        label=_("Decision"), choices=workflow.outcome_choices, widget=forms.RadioSelect
    )
    reason = forms.CharField(
        label=_("Reason for the decision"), widget=forms.Textarea(attrs={"rows": 3})
    )


class ConsultationForm(ServiceErrorsMixin, forms.Form):
    membership = MembershipChoiceField(
        label=_("Cell and organisation"), queryset=None, empty_label=None
    )
    question = forms.CharField(
        label=_("Your question"),
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("Do not write names, addresses, birth dates or other identifying details."),
    )
    phenomenon = forms.ChoiceField(
        label=_("Phenomenon"), choices=[("", "—"), *Phenomenon.choices], required=False
    )

    SERVICE_FIELDS = {"cell": "membership", "organisation": "membership"}

    def __init__(self, *args, memberships, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["membership"].queryset = memberships


class AnswerForm(ServiceErrorsMixin, forms.Form):
    answer = forms.CharField(label=_("Answer"), widget=forms.Textarea(attrs={"rows": 5}))
