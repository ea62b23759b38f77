from django.apps import AppConfig


class QuotesConfig(AppConfig):
    name = "culture.quotes"
    label = "quotes"
    verbose_name = "Quote of the Week"
    default_auto_field = "django.db.models.BigAutoField"
