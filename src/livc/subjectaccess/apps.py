from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SubjectAccessConfig(AppConfig):
    name = "livc.subjectaccess"
    label = "subjectaccess"
    verbose_name = _("Subject access and requests")
