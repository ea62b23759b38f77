from django.apps import AppConfig


class StoriesConfig(AppConfig):
    name = "stories"
    verbose_name = "Mistake stories"
    default_auto_field = "django.db.models.BigAutoField"
