from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class LearningConfig(AppConfig):
    """The learning loop: following tags and teams, and the story of the month."""

    name = "culture.learning"
    label = "learning"
    verbose_name = _("Learning loop")
    default_auto_field = "django.db.models.BigAutoField"
