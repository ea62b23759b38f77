from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PulseConfig(AppConfig):
    name = "culture.pulse"
    label = "pulse"
    verbose_name = _("Psychological-safety pulse")
    default_auto_field = "django.db.models.BigAutoField"
