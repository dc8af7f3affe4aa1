from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ChartersConfig(AppConfig):
    name = "livc.charters"
    label = "charters"
    verbose_name = _("Cell charters")
