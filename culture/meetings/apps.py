from django.apps import AppConfig


class MeetingsConfig(AppConfig):
    name = "culture.meetings"
    label = "meetings"
    verbose_name = "Meeting packs"
    default_auto_field = "django.db.models.BigAutoField"
