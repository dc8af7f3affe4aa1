from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DpoConfig(AppConfig):
    name = "livc.dpo"
    label = "dpo"
    verbose_name = _("Data protection officer tools")
