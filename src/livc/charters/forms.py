"""Input parsing for charter pages. Rules live in services and policies, not here."""

from django import forms
from django.utils.translation import gettext_lazy as _

from .models import CharterVersion
from .services import MAX_TEXT

HELP = {
    CharterVersion.Kind.INTERNAL_RULES: _(
        "Art. 458ter of the Criminal Code: who takes part in the consultation, its purpose, "
        "and how it is run (meetings, invitations, minutes, what is shared and how). Leave a "
        "blank line between paragraphs."
    ),
    CharterVersion.Kind.CONFIDENTIALITY: _(
        "The commitments every member makes on shared professional secrecy: what may be "
        "shared, with whom, for which purpose, and what happens to the information. Leave a "
        "blank line between paragraphs."
    ),
}


class PublishForm(forms.Form):
    text = forms.CharField(
        label=_("Text"),
        max_length=MAX_TEXT,
        widget=forms.Textarea(attrs={"rows": 18}),
        error_messages={"required": _("Write the text.")},
    )
    change_note = forms.CharField(
        label=_("What changed"),
        max_length=300,
        required=False,
        help_text=_("Shown to the members who must accept the new version."),
    )
    based_on = forms.IntegerField(widget=forms.HiddenInput, min_value=0)

    def __init__(self, *args, kind: str, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["text"].help_text = HELP[kind]


class AcceptForm(forms.Form):
    accept = forms.BooleanField(
        label=_("I have read and accept these texts"),
        error_messages={"required": _("Tick the box to confirm you have read and accept them.")},
    )
    versions = forms.CharField(widget=forms.HiddenInput)
    next = forms.CharField(widget=forms.HiddenInput, required=False)

    def clean_versions(self) -> set[int]:
        try:
            return {int(part) for part in self.cleaned_data["versions"].split(",") if part}
        except ValueError:
            raise forms.ValidationError(_("Reload the page and try again.")) from None
