"""Input parsing for plan pages. Rules live in services and policies, not here."""

from django import forms
from django.utils.translation import gettext_lazy as _

from livc.accounts.models import User
from livc.organisations.models import Organisation

from .models import Action, Goal

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
TEXT = forms.Textarea(attrs={"rows": 3})


class _Form(forms.Form):
    """Several forms share the plan page: each gets its own HTML ids (`id_<prefix>_<field>`)."""

    id_prefix = ""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("auto_id", f"id_{self.id_prefix}_%s" if self.id_prefix else "id_%s")
        super().__init__(*args, **kwargs)


class GoalChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Goal) -> str:
        return obj.description[:80]


class OwnerChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: User) -> str:
        return obj.full_name


def _owner_field() -> OwnerChoiceField:
    return OwnerChoiceField(
        label=_("Owner"),
        queryset=User.objects,
        required=False,
        help_text=_("A member of the action's organisation in this cell; may be left empty."),
    )


def _goal_field() -> GoalChoiceField:
    return GoalChoiceField(label=_("Goal"), queryset=Goal.objects, required=False)


def _next_review_field() -> forms.DateField:
    return forms.DateField(
        label=_("Next review"),
        widget=DATE,
        required=False,
        help_text=_("Leave empty if no review is planned."),
    )


class ActionForm(_Form):
    id_prefix = "action"
    """A new action. Querysets are those the user may choose from (see the view)."""

    organisation = forms.ModelChoiceField(label=_("Organisation"), queryset=Organisation.objects)
    owner = _owner_field()
    goal = _goal_field()
    description = forms.CharField(label=_("Action"), widget=TEXT)
    due_on = forms.DateField(label=_("Due on"), widget=DATE)

    def __init__(self, *args, organisations, owners, goals, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = organisations
        self.fields["owner"].queryset = owners
        self.fields["goal"].queryset = goals


class ActionEditForm(_Form):
    owner = _owner_field()
    goal = _goal_field()
    description = forms.CharField(label=_("Action"), widget=TEXT)
    due_on = forms.DateField(label=_("Due on"), widget=DATE)
    version = forms.IntegerField(widget=forms.HiddenInput)

    def __init__(self, *args, owners, goals, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["owner"].queryset = owners
        self.fields["goal"].queryset = goals


class TransitionForm(_Form):
    id_prefix = "transition"
    to_status = forms.ChoiceField(label=_("New status"), choices=Action.Status.choices)
    version = forms.IntegerField(widget=forms.HiddenInput)


class ProgressNoteForm(_Form):
    id_prefix = "note"
    text = forms.CharField(
        label=_("Progress note"),
        widget=TEXT,
        help_text=_("Dated and signed with your name and organisation."),
    )


class GoalForm(_Form):
    id_prefix = "goal"
    description = forms.CharField(label=_("Goal"), widget=TEXT)


class GoalReachedForm(_Form):
    reached = forms.TypedChoiceField(
        choices=[("yes", _("reached")), ("no", _("not reached"))], coerce=lambda v: v == "yes"
    )


class ScheduleForm(_Form):
    id_prefix = "schedule"
    next_review_on = _next_review_field()
    version = forms.IntegerField(widget=forms.HiddenInput)


class ReviewForm(_Form):
    id_prefix = "review"
    held_on = forms.DateField(label=_("Review date"), widget=DATE)
    note = forms.CharField(label=_("Conclusions"), widget=forms.Textarea(attrs={"rows": 4}))
    next_review_on = _next_review_field()
    version = forms.IntegerField(widget=forms.HiddenInput)
