"""Input parsing for the library pages. The rules live in services; forms parse, show the
help, and put the services' errors on their fields."""

from django import forms
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.utils.translation import gettext_lazy as _

from .choices import (
    REQUIRED_LANGUAGES,
    DatePrecision,
    Kind,
    Language,
    Level,
    Licence,
    RelationKind,
    Theme,
)
from .models import (
    NOTE_LENGTH,
    REFERENCE_LENGTH,
    SUMMARY_LENGTH,
    TEMPLATE_LENGTH,
    TITLE_LENGTH,
    URL_LENGTH,
    Issuer,
)
from .selectors import IN_FORCE, RETIRED

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
SEARCH_LENGTH = 200
PLATFORM_WRITTEN = _(
    "Written for the platform, in your own words; it is shown as not official. No personal "
    "data: national register numbers, phone numbers and e-mail addresses are refused."
)


def add_service_errors(form: forms.BaseForm, error: ValidationError) -> None:
    """A service's ValidationError on `form`: a dict's keys on the fields of that name
    (above the form when it has no such field), anything else above the form."""
    if not hasattr(error, "error_dict"):
        form.add_error(None, error)
        return
    for name, errors in error.error_dict.items():
        form.add_error(name if name in form.fields else NON_FIELD_ERRORS, errors)


class FilterForm(forms.Form):
    """Search and filters of the list page; an invalid value is ignored (never a server
    error). The issuer's id is parsed by the view first (`access.params.query_id`)."""

    SORT_CHOICES = [
        ("-date", _("newest first")),
        ("relevance", _("relevance (when searching)")),
        ("date", _("oldest first")),
        ("title", _("title A–Z")),
        ("-title", _("title Z–A")),
        ("kind", _("type")),
        ("level", _("level")),
    ]
    VALIDITY_CHOICES = [
        ("", _("in force or not")),
        (IN_FORCE, _("in force")),
        (RETIRED, _("no longer in force")),
    ]

    q = forms.CharField(label=_("Search"), required=False, max_length=SEARCH_LENGTH)
    level = forms.ChoiceField(
        label=_("Level"), required=False, choices=[("", _("all levels")), *Level.choices]
    )
    kind = forms.ChoiceField(
        label=_("Type"), required=False, choices=[("", _("all types")), *Kind.choices]
    )
    issuer = forms.TypedChoiceField(
        label=_("Issuer"), required=False, coerce=int, empty_value=None, choices=[]
    )
    year = forms.TypedChoiceField(
        label=_("Year"), required=False, coerce=int, empty_value=None, choices=[]
    )
    theme = forms.ChoiceField(
        label=_("Theme"), required=False, choices=[("", _("all themes")), *Theme.choices]
    )
    validity = forms.ChoiceField(label=_("In force"), required=False, choices=VALIDITY_CHOICES)
    sort = forms.ChoiceField(label=_("Sort by"), required=False, choices=SORT_CHOICES)

    def __init__(self, *args, issuers, years, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["issuer"].choices = [
            ("", _("all issuers")),
            *((issuer.pk, issuer.name) for issuer in issuers),
        ]
        self.fields["year"].choices = [("", _("all years")), *((y, str(y)) for y in years)]

    def filters(self) -> dict:
        """The valid filters (an invalid field is left out)."""
        self.is_valid()
        data = getattr(self, "cleaned_data", {})
        return {
            "query": data.get("q") or "",
            "level": data.get("level") or "",
            "kind": data.get("kind") or "",
            "issuer": data.get("issuer"),
            "year": data.get("year"),
            "theme": data.get("theme") or "",
            "validity": data.get("validity") or "",
            "sort": data.get("sort") or "",
        }


def _textarea(label, *, required=False, max_length=None, rows=4, help_text=""):
    return forms.CharField(
        label=label,
        required=required,
        max_length=max_length,
        strip=True,
        widget=forms.Textarea(attrs={"rows": rows}),
        help_text=help_text,
    )


class EntryForm(forms.Form):
    """An entry with one group of fields per language (`<field>_<language>`)."""

    kind = forms.ChoiceField(label=_("Type"), choices=Kind.choices)
    level = forms.ChoiceField(label=_("Level"), choices=Level.choices)
    issuer = forms.ModelChoiceField(label=_("Issuer"), queryset=Issuer.objects.none())
    issued_on = forms.DateField(
        label=_("Date"),
        required=False,
        widget=DATE,
        help_text=_("The date of the text (adoption or signature). Leave empty when unknown."),
    )
    date_precision = forms.ChoiceField(
        label=_("Precision of the date"),
        required=False,
        choices=DatePrecision.choices,
        initial=DatePrecision.DAY,
        help_text=_("For “January 2015” enter any day of that month and choose “month”."),
    )
    official_reference = forms.CharField(
        label=_("Official reference"),
        required=False,
        max_length=REFERENCE_LENGTH,
        help_text=_(
            "As published, e.g. the numac or the document number. Leave empty when you do "
            "not have it from the source: never guess a number."
        ),
    )
    publication = forms.CharField(
        label=_("Publication"),
        required=False,
        max_length=REFERENCE_LENGTH,
        help_text=_("Where it was published, e.g. the Belgian Official Journal and its date."),
    )
    licence = forms.ChoiceField(
        label=_("Licence"), choices=Licence.choices, widget=forms.RadioSelect
    )
    is_charter_template = forms.BooleanField(
        label=_("Charter template: cells may start their own charter from this model document"),
        required=False,
    )
    themes = forms.MultipleChoiceField(
        label=_("Themes"), choices=Theme.choices, widget=forms.CheckboxSelectMultiple
    )

    def __init__(self, *args, issuers, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["issuer"].queryset = issuers
        for code in Language.values:
            required = code in REQUIRED_LANGUAGES
            self.fields[f"title_{code}"] = forms.CharField(
                label=_("Title"), required=required, max_length=TITLE_LENGTH
            )
            self.fields[f"title_is_official_{code}"] = forms.BooleanField(
                label=_("This is the official title in this language"),
                required=False,
                initial=True,
            )
            self.fields[f"summary_{code}"] = _textarea(
                _("Summary"),
                required=required,
                max_length=SUMMARY_LENGTH,
                help_text=PLATFORM_WRITTEN,
            )
            self.fields[f"url_{code}"] = forms.CharField(
                label=_("Web address"),
                required=False,
                max_length=URL_LENGTH,
                help_text=_("Stored as text and never fetched by the platform."),
            )
            self.fields[f"full_text_{code}"] = _textarea(
                _("Full text"),
                rows=6,
                help_text=_("Only where the licence allows it (official texts are public)."),
            )
            self.fields[f"template_text_{code}"] = _textarea(
                _("Charter template text"),
                rows=6,
                max_length=TEMPLATE_LENGTH,
                help_text=_("For charter templates only: the text a cell starts its charter from."),
            )

    def language_groups(self) -> list[tuple[str, str, list, bool]]:
        """(code, language name, bound fields, shown open) per language, for the template:
        the optional languages stay folded unless they hold something or an error."""
        names = ("title", "title_is_official", "summary", "url", "full_text", "template_text")
        groups = []
        for code, name in Language.choices:
            fields = [self[f"{field}_{code}"] for field in names]
            filled = any(f.errors or (f.value() and f.widget_type != "checkbox") for f in fields)
            groups.append((code, name, fields, code in REQUIRED_LANGUAGES or filled))
        return groups

    def entry_fields(self) -> list:
        return [self[name] for name in self.base_fields]

    def service_values(self) -> dict:
        data = self.cleaned_data
        values = {
            "kind": data["kind"],
            "level": data["level"],
            "issuer": data["issuer"],
            "issued_on": data["issued_on"],
            "date_precision": data["date_precision"] if data["issued_on"] else "",
            "official_reference": data["official_reference"],
            "publication": data["publication"],
            "licence": data["licence"],
            "is_charter_template": data["is_charter_template"],
            "themes": data["themes"],
        }
        values["versions"] = {
            code: {
                "title": data[f"title_{code}"],
                "title_is_official": data[f"title_is_official_{code}"],
                "summary": data[f"summary_{code}"],
                "url": data[f"url_{code}"],
                "full_text": data[f"full_text_{code}"],
                "template_text": data[f"template_text_{code}"],
            }
            for code in Language.values
        }
        return values

    @staticmethod
    def initial_for(entry) -> dict:
        initial = {
            name: getattr(entry, name)
            for name in (
                "kind",
                "level",
                "issuer",
                "issued_on",
                "date_precision",
                "official_reference",
                "publication",
                "licence",
                "is_charter_template",
            )
        }
        initial["themes"] = [t.theme for t in entry.themes.all()]
        initial["version"] = entry.version
        for version in entry.versions.all():
            for name in ("title", "title_is_official", "summary", "url", "full_text"):
                initial[f"{name}_{version.language}"] = getattr(version, name)
            initial[f"template_text_{version.language}"] = version.template_text
        return initial


class EntryEditForm(EntryForm):
    version = forms.IntegerField(widget=forms.HiddenInput)


class RetireForm(forms.Form):
    retired_on = forms.DateField(label=_("No longer in force since"), widget=DATE)
    note = forms.CharField(
        label=_("Why"),
        max_length=NOTE_LENGTH,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("E.g. “Repealed by the decree of …” or “Replaced by the plan 2020-2024”."),
    )
    version = forms.IntegerField(widget=forms.HiddenInput)


class VersionForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput)


class RelationForm(forms.Form):
    kind = forms.ChoiceField(label=_("This text"), choices=RelationKind.choices)
    target = forms.TypedChoiceField(label=_("Related text"), coerce=int, choices=[])

    def __init__(self, *args, targets, **kwargs):
        kwargs.setdefault("auto_id", "relation_%s")
        super().__init__(*args, **kwargs)
        self.fields["target"].choices = [("", "—"), *((e.pk, e.title) for e in targets)]


class IssuerForm(forms.Form):
    name_nl = forms.CharField(label=_("Name in Dutch"), max_length=200)
    name_fr = forms.CharField(label=_("Name in French"), max_length=200)
    name_de = forms.CharField(label=_("Name in German"), max_length=200, required=False)
    name_en = forms.CharField(label=_("Name in English"), max_length=200, required=False)


class IssuerEditForm(IssuerForm):
    version = forms.IntegerField(widget=forms.HiddenInput)
