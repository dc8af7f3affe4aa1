import datetime

from django import forms
from django.utils.translation import gettext_lazy as _

from livc.audit.models import AccessLogEntry

from .selectors import LogFilter, Person

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
# Far enough for any log, near enough that day arithmetic never leaves the calendar.
EARLIEST, LATEST = datetime.date(2000, 1, 1), datetime.date(2199, 12, 31)


def check_range(day: datetime.date | None) -> datetime.date | None:
    if day is not None and not EARLIEST <= day <= LATEST:
        raise forms.ValidationError(
            _("Enter a date between %(first)s and %(last)s."),
            code="range",
            params={"first": EARLIEST.year, "last": LATEST.year},
        )
    return day


class AccessLogFilterForm(forms.Form):
    """Search one cell's log. Choices are the cell's people and organisations only, so an
    id from elsewhere is refused at the field."""

    user = forms.TypedChoiceField(label=_("User"), coerce=int, required=False, empty_value=None)
    organisation = forms.TypedChoiceField(
        label=_("Organisation"), coerce=int, required=False, empty_value=None
    )
    code = forms.CharField(
        label=_("Case code or signal reference"),
        required=False,
        max_length=40,
        help_text=_("Exact code, e.g. MEC-2026-0001; codes of purged cases still match."),
    )
    action = forms.ChoiceField(
        label=_("Action"),
        required=False,
        choices=[("", _("all actions")), *AccessLogEntry.Action.choices],
    )
    date_from = forms.DateField(label=_("From"), widget=DATE)
    date_to = forms.DateField(label=_("To"), widget=DATE)

    def __init__(self, *args, cell_id: int, people: list[Person], organisations, **kwargs):
        super().__init__(*args, **kwargs)
        self.cell_id = cell_id
        self.fields["user"].choices = [
            ("", _("all users")),
            *[
                (p.pk, _("%(name)s (former member)") % {"name": p.name} if p.former else p.name)
                for p in people
            ],
        ]
        self.fields["organisation"].choices = [
            ("", _("all organisations")),
            *[(o.pk, o.name) for o in organisations],
        ]

    def clean_date_from(self):
        return check_range(self.cleaned_data["date_from"])

    def clean_date_to(self):
        return check_range(self.cleaned_data["date_to"])

    def clean_code(self) -> str:
        return self.cleaned_data["code"].strip().upper()

    def clean(self):
        data = super().clean()
        start, end = data.get("date_from"), data.get("date_to")
        if start and end and end < start:
            self.add_error("date_to", _("The end date cannot be before the start date."))
        return data

    def search(self) -> LogFilter:
        data = self.cleaned_data
        return LogFilter(
            cell_id=self.cell_id,
            date_from=data["date_from"],
            date_to=data["date_to"],
            user_id=data["user"],
            organisation_id=data["organisation"],
            code=data["code"],
            action=data["action"],
        )


class WeekForm(forms.Form):
    week = forms.DateField(
        label=_("Week of"),
        widget=DATE,
        help_text=_("Any day of the week; the week runs Monday to Sunday."),
    )

    def clean_week(self):
        return check_range(self.cleaned_data["week"])
