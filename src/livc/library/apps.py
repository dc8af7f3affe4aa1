from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class LibraryConfig(AppConfig):
    name = "livc.library"
    label = "library"
    verbose_name = _("Legal and knowledge library")
