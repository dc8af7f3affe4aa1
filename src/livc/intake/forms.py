import datetime

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from livc.cases.choices import Behaviour, Phenomenon, PreventionLevel, Urgency
from livc.organisations.selectors import current_municipalities
from livc.privacy.national_number import validate_national_number

from .models import ReporterType, Signal

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class MembershipChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return f"{obj.cell.name} – {obj.organisation.name}"


class SignalForm(forms.Form):
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

    def __init__(self, *args, memberships, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["membership"].queryset = memberships
        if len(memberships) == 1:
            self.fields["membership"].initial = memberships[0]
        self.fields["received_on"].initial = timezone.localdate()

    def clean_received_on(self):
        value = self.cleaned_data["received_on"]
        if value > timezone.localdate():
            raise ValidationError(_("The date of the signal cannot be in the future."))
        return value

    def clean_birth_date(self):
        value = self.cleaned_data["birth_date"]
        if value > timezone.localdate():
            raise ValidationError(_("The birth date cannot be in the future."))
        if value < datetime.date(1900, 1, 1):
            raise ValidationError(_("Check the birth date."))
        return value

    def clean(self):
        data = super().clean()
        if "other" in data.get("behaviours", []) and not data.get("behaviour_other"):
            self.add_error("behaviour_other", _("Describe the other behaviour."))
        number = data.get("national_number")
        if number:
            try:
                data["national_number"] = validate_national_number(number, data.get("birth_date"))
            except ValidationError as error:
                self.add_error("national_number", error)
        return data


class ScreeningForm(forms.Form):
    outcome = forms.ChoiceField(
        label=_("Decision"),
        choices=[
            (status.value, status.label)
            for status in (
                Signal.Status.CASE_OPENED,
                Signal.Status.ADVISED,
                Signal.Status.REFERRED,
                Signal.Status.WITHDRAWN,
            )
        ],
        widget=forms.RadioSelect,
    )
    reason = forms.CharField(
        label=_("Reason for the decision"), widget=forms.Textarea(attrs={"rows": 3})
    )


class ConsultationForm(forms.Form):
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

    def __init__(self, *args, memberships, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["membership"].queryset = memberships


class AnswerForm(forms.Form):
    answer = forms.CharField(label=_("Answer"), widget=forms.Textarea(attrs={"rows": 5}))
