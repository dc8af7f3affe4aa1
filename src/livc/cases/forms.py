from django import forms
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.utils.translation import gettext_lazy as _

from livc.accounts.models import User
from livc.organisations.models import Organisation

from .choices import ClosureReason, Outcome
from .models import Case
from .services import EDITABLE

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
PHASES = [("", _("all phases")), *Case.Phase.choices]


def add_service_errors(
    form: forms.BaseForm, error: ValidationError, *, fields: dict[str, str] | None = None
) -> None:
    """Put a service's ValidationError on `form`: a dict's keys on the fields of that name
    (or of the name `fields` maps them to; above the form when the form has no such
    field), anything else above the form. The rules live in the services; forms only
    parse input and show the services' answers."""
    if not hasattr(error, "error_dict"):
        form.add_error(None, error)
        return
    fields = fields or {}
    for name, errors in error.error_dict.items():
        name = fields.get(name, name)
        form.add_error(name if name in form.fields else NON_FIELD_ERRORS, errors)


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

    def _post_clean(self):
        """No model validation here: `services.case_update` checks the data (and the
        form shows its errors), so the rules are written once."""


class PhaseForm(PageForm):
    id_prefix = "phase"
    to_phase = forms.ChoiceField(label=_("New phase"))
    reason = forms.CharField(label=_("Reason"), required=False, max_length=300)
    version = forms.IntegerField(widget=forms.HiddenInput)

    def __init__(self, *args, choices=None, **kwargs):
        """`choices`: the phases offered; by default any phase (the service decides)."""
        super().__init__(*args, **kwargs)
        self.fields["to_phase"].choices = Case.Phase.choices if choices is None else choices


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
