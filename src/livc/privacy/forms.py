from django import forms
from django.utils.translation import gettext_lazy as _

LANGUAGES = [("", _("Detect automatically")), ("nl", _("Dutch")), ("fr", _("French"))]


class CopyLanguageForm(forms.Form):
    """The language of the text, when the guess is wrong (notes carry no language)."""

    language = forms.ChoiceField(label=_("Language of the text"), choices=LANGUAGES, required=False)
