from django import forms
from django.utils.translation import gettext_lazy as _

from livc.accounts.models import User
from livc.organisations.models import Organisation

from .choices import ClosureReason, Outcome
from .models import Case
from .services import EDITABLE

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
PHASES = [("", _("all phases")), *Case.Phase.choices]


class PageForm(forms.Form):
    """A form that shares its page with others: field ids carry the form's own prefix, so
    two "reason" fields never share an id (labels must point at the right field)."""

    id_prefix = "form"

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("auto_id", f"{self.id_prefix}_%s")
        super().__init__(*args, **kwargs)


class CaseFilterForm(forms.Form):
    phase = forms.ChoiceField(label=_("Phase"), choices=PHASES, required=False)
    code = forms.CharField(label=_("Code"), required=False, max_length=24)


class CaseEditForm(forms.ModelForm):
    version = forms.IntegerField(widget=forms.HiddenInput)

    class Meta:
        model = Case
        fields = list(EDITABLE)
        widgets = {"informed_on": DATE}

    def __init__(self, *args, directors, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["case_director"].queryset = directors

    def clean(self):
        data = super().clean()
        if data.get("informed_on") and data.get("not_informed_reason"):
            self.add_error(
                "not_informed_reason",
                _("Give either the date the subject was informed or the reason not to."),
            )
        return data


class PhaseForm(PageForm):
    id_prefix = "phase"
    to_phase = forms.ChoiceField(label=_("New phase"))
    reason = forms.CharField(label=_("Reason"), required=False, max_length=300)
    version = forms.IntegerField(widget=forms.HiddenInput)

    def __init__(self, *args, choices, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["to_phase"].choices = choices


class CloseForm(PageForm):
    id_prefix = "close"
    reason = forms.ChoiceField(label=_("Closure reason"), choices=ClosureReason.choices)
    outcome = forms.ChoiceField(label=_("Outcome"), choices=Outcome.choices)
    version = forms.IntegerField(widget=forms.HiddenInput)


class ReopenForm(PageForm):
    id_prefix = "reopen"
    reason = forms.CharField(label=_("Reason for reopening"), max_length=300)
    version = forms.IntegerField(widget=forms.HiddenInput)


class InviteForm(PageForm):
    id_prefix = "invite"
    organisation = forms.ModelChoiceField(label=_("Organisation"), queryset=Organisation.objects)
    members = forms.ModelMultipleChoiceField(
        label=_("Named members"),
        queryset=User.objects,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Only named members of the organisation see the case."),
    )

    def __init__(self, *args, organisations, members, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = organisations
        self.fields["members"].queryset = members


class DeclineForm(PageForm):
    id_prefix = "decline"
    reason = forms.CharField(
        label=_("Why does your organisation decline?"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=300,
    )


class NoteForm(PageForm):
    id_prefix = "note"
    text = forms.CharField(
        label=_("Professional assessment"),
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Dated and signed with your name and organisation. No scores."),
    )


class LtfForm(PageForm):
    id_prefix = "ltf"
    known = forms.TypedChoiceField(
        label=_("Known at the Local Task Force"),
        choices=[("yes", _("yes")), ("no", _("no"))],
        coerce=lambda value: value == "yes",
        widget=forms.RadioSelect,
    )
    checked_on = forms.DateField(label=_("Checked on"), widget=DATE)


class CheckinForm(PageForm):
    id_prefix = "checkin"
    done_on = forms.DateField(label=_("Took place on"), widget=DATE)
    note = forms.CharField(
        label=_("Note"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
