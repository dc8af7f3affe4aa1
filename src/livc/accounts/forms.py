from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _


class LanguageForm(forms.Form):
    language = forms.ChoiceField(
        label=_("Language"),
        choices=settings.LANGUAGES,
        error_messages={"invalid_choice": _("Unknown language. Choose Dutch, French or English.")},
    )
    next = forms.CharField(required=False, widget=forms.HiddenInput)
