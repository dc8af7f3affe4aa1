import datetime

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from livc.accounts.models import User
from livc.organisations.models import Cell, Organisation

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
TIME = forms.TimeInput(attrs={"type": "time"}, format="%H:%M")


class ConferenceForm(forms.Form):
    cell = forms.ModelChoiceField(label=_("Cell"), queryset=Cell.objects.none())
    date = forms.DateField(label=_("Date"), widget=DATE)
    starts = forms.TimeField(label=_("Start time"), widget=TIME)
    ends = forms.TimeField(label=_("End time"), widget=TIME)
    place = forms.CharField(
        label=_("Place"),
        max_length=200,
        help_text=_("A room or address. It also appears in the calendar file: no names."),
    )

    def __init__(self, *args, cells, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["cell"].queryset = cells
        if len(cells) == 1:
            self.fields["cell"].initial = cells[0].pk

    def clean(self):
        data = super().clean()
        day, starts, ends = data.get("date"), data.get("starts"), data.get("ends")
        if day and starts and ends:
            # Whether the times and date make sense is the service's to say (see the view).
            data["starts_at"] = _aware(day, starts)
            data["ends_at"] = _aware(day, ends)
        return data


def _aware(day: datetime.date, time: datetime.time) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, time))


class CaseChoiceField(forms.ModelChoiceField):
    """Case code with its phase and phenomenon: enough to pick, no personal data."""

    def label_from_instance(self, obj):
        return f"{obj.code} – {obj.get_phase_display()}, {obj.get_phenomenon_display()}"


class AgendaItemForm(forms.Form):
    case = CaseChoiceField(label=_("Case"), queryset=None)

    def __init__(self, *args, cases, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["case"].queryset = cases


class InviteeField(forms.ModelMultipleChoiceField):
    """Users labelled with the organisation they would attend for."""

    def __init__(self, *args, labels: dict[int, str], **kwargs):
        self.labels = labels
        super().__init__(*args, **kwargs)

    def label_from_instance(self, obj) -> str:
        return self.labels.get(obj.pk, obj.full_name)


class InvitationForm(forms.Form):
    item = forms.IntegerField(widget=forms.HiddenInput)
    invitees = InviteeField(
        label=_("Invitees"),
        queryset=User.objects.none(),
        labels={},
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_(
            "Suggested: the named members of the organisations taking part in the case. "
            "An invitee sees only the items they are invited to."
        ),
    )

    def __init__(self, *args, item_id: int, candidates, **kwargs):
        """`candidates`: selectors.Candidates of this item."""
        super().__init__(*args, **kwargs)
        self.fields["item"].initial = item_id
        field = self.fields["invitees"]
        field.queryset = User.objects.filter(pk__in=candidates.users).order_by("full_name")
        field.labels = {
            pk: f"{user.full_name} ({organisation.name})"
            for pk, (user, organisation) in candidates.users.items()
        }


class AttestationForm(forms.Form):
    confirm = forms.BooleanField(
        label=_(
            "I take part in this case conference only for the follow-up of the cases on its "
            "agenda, and I keep what is shared confidential under shared professional "
            "secrecy (art. 458ter Criminal Code)."
        ),
        error_messages={"required": _("Tick the box to record your attestation.")},
    )


class AttendanceForm(forms.Form):
    attendees = forms.ModelMultipleChoiceField(
        label=_("Present"),
        queryset=User.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": _("Tick at least one person who was present.")},
    )

    def __init__(self, *args, candidates, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["attendees"].queryset = candidates
        self.fields["attendees"].label_from_instance = lambda user: user.full_name


class MinutesForm(forms.Form):
    decisions = forms.CharField(
        label=_("Decisions"),
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("What was decided about this case. Facts and agreements, no scores."),
    )
    next_review_on = forms.DateField(label=_("Next review on"), widget=DATE, required=False)


class AgreedActionForm(forms.Form):
    organisation = forms.ModelChoiceField(label=_("Organisation"), queryset=Organisation.objects)
    description = forms.CharField(
        label=_("Action"), max_length=1000, widget=forms.Textarea(attrs={"rows": 2})
    )
    due_on = forms.DateField(label=_("Due on"), widget=DATE, required=False)

    def __init__(self, *args, organisations, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = organisations


AgreedActionFormSet = forms.formset_factory(
    AgreedActionForm, extra=2, can_delete=True, max_num=30, validate_max=True
)
