from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PolarisationConfig(AppConfig):
    name = "livc.polarisation"
    label = "polarisation"
    verbose_name = _("Polarisation situations")
