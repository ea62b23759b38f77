from django.apps import AppConfig


class LearningConfig(AppConfig):
    """The learning loop: following tags and teams, and the story of the month."""

    name = "culture.learning"
    label = "learning"
    verbose_name = "Learning loop"
    default_auto_field = "django.db.models.BigAutoField"
