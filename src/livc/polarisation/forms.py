"""Input parsing for polarisation pages. The rules live in services (and the identifier
gate); forms parse, show the help, and put the services' errors on their fields."""

from django import forms
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.utils.translation import gettext_lazy as _

from livc.organisations.models import Municipality, Organisation

from .choices import InterventionKind, TensionSignal, Theme, intensity_scale
from .models import SHORT_LENGTH, TEXT_LENGTH, Intervention, Situation
from .services import TITLE_LENGTH

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
NO_PERSONS = _(
    "No names or other identifiers of persons: they are refused when you save. Describe "
    "groups by their role, places and activities."
)


def add_service_errors(form: forms.BaseForm, error: ValidationError) -> None:
    """A service's ValidationError on `form`: a dict's keys on the fields of that name
    (above the form when it has no such field), anything else above the form."""
    if not hasattr(error, "error_dict"):
        form.add_error(None, error)
        return
    for name, errors in error.error_dict.items():
        form.add_error(name if name in form.fields else NON_FIELD_ERRORS, errors)


class PageForm(forms.Form):
    """A form sharing its page with others: field ids carry the form's own prefix."""

    id_prefix = "form"

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("auto_id", f"{self.id_prefix}_%s")
        super().__init__(*args, **kwargs)


def _text(label, *, required=True, max_length=TEXT_LENGTH, rows=4, help_text=""):
    return forms.CharField(
        label=label,
        required=required,
        max_length=max_length,
        widget=forms.Textarea(attrs={"rows": rows}),
        help_text=help_text,
    )


class FilterForm(forms.Form):
    """The list page's filters; an invalid value is ignored (with its error shown)."""

    SORT_CHOICES = [
        ("-reported", _("newest report first")),
        ("reported", _("oldest report first")),
        ("-intensity", _("highest intensity first")),
        ("intensity", _("lowest intensity first")),
        ("review", _("next review first")),
        ("municipality", _("municipality")),
        ("-updated", _("last changed first")),
    ]

    state = forms.ChoiceField(
        label=_("State"), required=False, choices=[("", _("all states")), *Situation.State.choices]
    )
    intensity = forms.TypedChoiceField(
        label=_("Intensity"),
        required=False,
        coerce=int,
        empty_value=None,
        choices=[("", _("all intensities"))],
    )
    theme = forms.ChoiceField(
        label=_("Theme"), required=False, choices=[("", _("all themes")), *Theme.choices]
    )
    sort = forms.ChoiceField(label=_("Sort by"), required=False, choices=SORT_CHOICES)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["intensity"].choices = [
            ("", _("all intensities")),
            *((value, label) for value, label, _meaning in intensity_scale()),
        ]

    def filters(self) -> dict:
        """The valid filters (an invalid field is left out, never a server error)."""
        self.is_valid()
        data = getattr(self, "cleaned_data", {})
        return {
            "state": data.get("state") or "",
            "intensity": data.get("intensity"),
            "theme": data.get("theme") or "",
            "sort": data.get("sort") or "",
        }


class SituationForm(forms.Form):
    title = forms.CharField(
        label=_("Title"),
        max_length=TITLE_LENGTH,
        help_text=_("A short working title, e.g. “Tension between youth groups at the station”."),
    )
    municipality = forms.ModelChoiceField(label=_("Municipality"), queryset=Municipality.objects)
    place = forms.CharField(
        label=_("Neighbourhood, place or online space"),
        max_length=SHORT_LENGTH,
        help_text=_(
            "A neighbourhood, a square, the surroundings of a school or an online space; "
            "never a home address."
        ),
    )
    groups = _text(
        _("Groups involved"),
        rows=3,
        help_text=_(
            "Describe the groups by their role, never by person: “two youth groups”, "
            "“residents of a street”, “supporters of two clubs”."
        ),
    )
    description = _text(_("Description"), rows=6, help_text=NO_PERSONS)
    themes = forms.MultipleChoiceField(
        label=_("Themes"), choices=Theme.choices, widget=forms.CheckboxSelectMultiple
    )
    tension_signals = forms.MultipleChoiceField(
        label=_("Signals of tension"),
        choices=TensionSignal.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    tension_signal_other = forms.CharField(
        label=_("Other signal of tension"), max_length=SHORT_LENGTH, required=False
    )
    sources = _text(
        _("Sources"),
        required=False,
        rows=3,
        help_text=_("Where the information comes from (services, observations, media); no names."),
    )
    intensity = forms.TypedChoiceField(
        label=_("Intensity"), coerce=int, widget=forms.RadioSelect, choices=[]
    )
    reported_on = forms.DateField(label=_("Reported on"), widget=DATE)
    next_review_on = forms.DateField(label=_("Next review"), widget=DATE, required=False)

    def __init__(self, *args, municipalities, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["municipality"].queryset = municipalities
        # Each step with its meaning, so everyone scores alike.
        self.fields["intensity"].choices = [
            (value, f"{label}: {meaning}") for value, label, meaning in intensity_scale()
        ]


class SituationEditForm(SituationForm):
    version = forms.IntegerField(widget=forms.HiddenInput)


class TransitionForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason"),
        max_length=SHORT_LENGTH,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=NO_PERSONS,
    )
    version = forms.IntegerField(widget=forms.HiddenInput)

    def __init__(self, *args, reason_required: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        if reason_required:
            self.fields["reason"].required = True


class ContributionForm(PageForm):
    id_prefix = "contribution"
    analysis = _text(_("Analysis"), rows=5, help_text=NO_PERSONS)
    contributed_on = forms.DateField(
        label=_("Date"), widget=DATE, required=False, help_text=_("Today when left empty.")
    )


class ReviewForm(PageForm):
    id_prefix = "review"
    held_on = forms.DateField(label=_("Held on"), widget=DATE)
    note = _text(_("Conclusions"), rows=3, help_text=NO_PERSONS)
    next_review_on = forms.DateField(label=_("Next review"), widget=DATE, required=False)
    version = forms.IntegerField(widget=forms.HiddenInput)


class InterventionForm(PageForm):
    id_prefix = "intervention"
    kind = forms.ChoiceField(label=_("Type"), choices=InterventionKind.choices)
    description = _text(_("Description"), rows=3, help_text=NO_PERSONS)
    organisation = forms.ModelChoiceField(
        label=_("Owner organisation"), queryset=Organisation.objects
    )
    starts_on = forms.DateField(label=_("Start"), widget=DATE)
    ends_on = forms.DateField(label=_("End"), widget=DATE, required=False)

    def __init__(self, *args, organisations, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = organisations


class InterventionEditForm(InterventionForm):
    status = forms.ChoiceField(label=_("Status"))
    version = forms.IntegerField(widget=forms.HiddenInput)

    def __init__(self, *args, statuses, **kwargs):
        """`statuses`: the current status and those it may move to."""
        super().__init__(*args, **kwargs)
        self.fields["status"].choices = [(s, Intervention.Status(s).label) for s in statuses]
