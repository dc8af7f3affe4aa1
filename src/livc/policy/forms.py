"""Input parsing for action-plan pages. The rules live in services; forms parse, show the
help, and put the services' errors on their fields."""

from django import forms
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.utils.text import format_lazy
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from livc.organisations.models import Municipality, Organisation, Province, Region

from . import imports
from .choices import Level, PolicyDomain, RecommendationSource, Structure
from .models import (
    CODE_LENGTH,
    SHORT_LENGTH,
    TEXT_LENGTH,
    TITLE_LENGTH,
    Measure,
    Objective,
    Plan,
    Recommendation,
)

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
NO_PERSONS = _("No names or other identifiers of persons: they are refused when you save.")


def add_service_errors(form: forms.BaseForm, error: ValidationError) -> None:
    """A service's ValidationError on `form`: a dict's keys on the fields of that name
    (above the form when it has no such field), anything else above the form."""
    if not hasattr(error, "error_dict"):
        form.add_error(None, error)
        return
    for name, errors in error.error_dict.items():
        form.add_error(name if name in form.fields else NON_FIELD_ERRORS, errors)


def _text(label, *, required=True, max_length=TEXT_LENGTH, rows=4, help_text=""):
    return forms.CharField(
        label=label,
        required=required,
        max_length=max_length,
        widget=forms.Textarea(attrs={"rows": rows}),
        help_text=help_text,
    )


def _amount(label, *, help_text=""):
    return forms.DecimalField(
        label=label,
        required=False,
        max_digits=14,
        decimal_places=2,
        localize=True,
        widget=forms.TextInput(attrs={"inputmode": "decimal"}),
        help_text=help_text,
    )


class PlanFilterForm(forms.Form):
    """The list's filters; an invalid value is ignored (with its error shown)."""

    level = forms.ChoiceField(
        label=_("Government level"),
        required=False,
        choices=[("", _("all levels")), *Level.choices],
    )
    status = forms.ChoiceField(
        label=_("Status"), required=False, choices=[("", _("all statuses")), *Plan.Status.choices]
    )

    def filters(self) -> dict:
        self.is_valid()
        data = getattr(self, "cleaned_data", {})
        return {"level": data.get("level") or "", "status": data.get("status") or ""}


class PlanForm(forms.Form):
    level = forms.ChoiceField(label=_("Government level"), choices=Level.choices)
    region = forms.ModelChoiceField(
        label=_("Region"),
        queryset=Region.objects.order_by("nis_code"),
        required=False,
        help_text=_(
            "For the French Community: the region whose policy officers manage the plan. "
            "Set by itself for the other levels."
        ),
    )
    province = forms.ModelChoiceField(
        label=_("Province"),
        queryset=Province.objects.order_by("name_nl"),
        required=False,
        help_text=_("For a plan of a province."),
    )
    municipality = forms.ModelChoiceField(
        label=_("Municipality"),
        queryset=Municipality.objects.filter(valid_until__isnull=True).order_by("name_nl"),
        required=False,
        help_text=_("For a plan of a municipality."),
    )
    title = forms.CharField(label=_("Title"), max_length=TITLE_LENGTH)
    structure = forms.ChoiceField(
        label=_("Structure"),
        choices=Structure.choices,
        widget=forms.RadioSelect,
        help_text=_("Fixed once the plan has axes or objectives."),
    )
    period_start = forms.DateField(label=_("Period start"), widget=DATE)
    period_end = forms.DateField(label=_("Period end"), widget=DATE)
    approved_on = forms.DateField(
        label=_("Approved on"),
        widget=DATE,
        required=False,
        help_text=_("The date of the government's decision; needed to adopt the plan."),
    )
    decision_reference = forms.CharField(
        label=_("Decision reference"), max_length=100, required=False
    )
    responsible_body = forms.CharField(
        label=_("Responsible body"),
        max_length=200,
        help_text=_("Who coordinates and follows up the plan, e.g. a platform or a department."),
    )
    description = _text(_("Description"), required=False, help_text=NO_PERSONS)


class PlanEditForm(PlanForm):
    version = forms.IntegerField(widget=forms.HiddenInput)


class ReasonForm(forms.Form):
    """Confirming a change of status; the reason is required where the workflow says so."""

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


class ImportForm(forms.Form):
    file = forms.FileField(label=_("CSV or XLSX file"))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["file"].help_text = gettext(
            "At most 2 MB and %(rows)s rows; the first row names the columns."
        ) % {"rows": imports.MAX_ROWS}

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > imports.MAX_BYTES:
            raise ValidationError(_("The file is larger than 2 MB."))
        return upload


class ObjectiveForm(forms.Form):
    kind = forms.ChoiceField(label=_("Kind"))
    code = forms.CharField(
        label=_("Code"), max_length=CODE_LENGTH, help_text=_("E.g. 3 or 3.2; unique in the plan.")
    )
    parent = forms.ModelChoiceField(
        label=_("Strategic objective"),
        queryset=Objective.objects.none(),
        required=False,
        help_text=_("For an operational objective."),
    )
    title = forms.CharField(label=_("Title"), max_length=TITLE_LENGTH)
    description = _text(_("Description"), required=False, rows=3, help_text=NO_PERSONS)

    def __init__(self, *args, kinds, parents, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["kind"].choices = [(k, Objective.Kind(k).label) for k in kinds]
        self.fields["parent"].queryset = parents
        if not parents.exists():
            del self.fields["parent"]


class MeasureForm(forms.Form):
    objective = forms.ModelChoiceField(label=_("Axis or objective"), queryset=Objective.objects)
    code = forms.CharField(
        label=_("Code"), max_length=CODE_LENGTH, help_text=_("E.g. 3.2.1; unique in the plan.")
    )
    title = forms.CharField(label=_("Title"), max_length=TITLE_LENGTH)
    description = _text(_("Description"), required=False, rows=3, help_text=NO_PERSONS)
    policy_domain = forms.ChoiceField(label=_("Policy domain"), choices=PolicyDomain.choices)
    owner = forms.ModelChoiceField(
        label=_("Owner"),
        queryset=None,
        required=False,
        help_text=_("A measure owner: they write the half-yearly updates."),
    )
    owner_organisation = forms.ModelChoiceField(
        label=_("Owner organisation"),
        queryset=Organisation.objects.none(),
        required=False,
        help_text=_("The owner's administration when left empty."),
    )
    indicator = forms.CharField(label=_("Indicator"), max_length=TITLE_LENGTH, required=False)
    indicator_unit = forms.CharField(label=_("Unit"), max_length=40, required=False)
    baseline = _amount(_("Baseline"))
    target = _amount(_("Target"))
    budget = _amount(_("Budget (EUR)"))
    starts_on = forms.DateField(label=_("Start"), widget=DATE, required=False)
    ends_on = forms.DateField(label=_("End"), widget=DATE, required=False)

    def __init__(self, *args, objectives, owners, organisations, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["objective"].queryset = objectives
        self.fields["owner"].queryset = owners
        self.fields["owner"].label_from_instance = lambda user: f"{user.full_name} ({user.email})"
        self.fields["owner_organisation"].queryset = organisations


class MeasureEditForm(MeasureForm):
    version = forms.IntegerField(widget=forms.HiddenInput)


class ProgressUpdateForm(forms.Form):
    status = forms.ChoiceField(
        label=_("Status at the end of the half-year"),
        help_text=_("The measure moves to this status when it differs from the current one."),
    )
    reason = forms.CharField(
        label=_("Reason of the delay or the abandonment"),
        max_length=SHORT_LENGTH,
        required=False,
        help_text=_("Required when the measure is delayed or abandoned."),
    )
    narrative = _text(
        _("Progress"),
        rows=6,
        help_text=format_lazy(
            "{} {}", _("What was done in this half-year and what comes next."), NO_PERSONS
        ),
    )
    indicator_value = _amount(_("Indicator value"))
    spending = _amount(_("Spending so far (EUR)"))
    version = forms.IntegerField(widget=forms.HiddenInput)

    def __init__(self, *args, statuses, **kwargs):
        """`statuses`: the current status and those it may move to."""
        super().__init__(*args, **kwargs)
        self.fields["status"].choices = [(s, Measure.Status(s).label) for s in statuses]


class RecommendationForm(forms.Form):
    source = forms.ChoiceField(label=_("Source"), choices=RecommendationSource.choices)
    source_reference = forms.CharField(
        label=_("Reference of the source"),
        max_length=SHORT_LENGTH,
        help_text=_("E.g. the hearing of the parliamentary committee, the evaluation report."),
    )
    issued_on = forms.DateField(label=_("Date"), widget=DATE)
    text = _text(_("Recommendation"), rows=5, help_text=NO_PERSONS)
    measures = forms.ModelMultipleChoiceField(
        label=_("Measures that answer it"),
        queryset=Measure.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args, measures, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["measures"].queryset = measures
        self.fields["measures"].label_from_instance = lambda m: f"{m.code} {m.title}"


class RecommendationEditForm(RecommendationForm):
    follow_up = forms.ChoiceField(label=_("Follow-up"))
    follow_up_note = forms.CharField(
        label=_("Follow-up note"),
        max_length=SHORT_LENGTH,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Required when the recommendation is not followed."),
    )
    version = forms.IntegerField(widget=forms.HiddenInput)

    def __init__(self, *args, follow_ups, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["follow_up"].choices = [
            (s, Recommendation.FollowUp(s).label) for s in follow_ups
        ]
