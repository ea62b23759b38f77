from django.apps import AppConfig
from django.db.models.signals import post_save
from django.utils.translation import gettext_lazy as _


class ApiConfig(AppConfig):
    name = "culture.api"
    label = "api"
    verbose_name = _("JSON API")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from django.contrib.auth import get_user_model

        from . import tokens

        # A leaver's tokens go with their account: whoever deactivates a user (the admin, the
        # company sign-in's leaver sync) does it with an ordinary save, and this hears it.
        post_save.connect(
            tokens.delete_tokens_of_deactivated_user,
            sender=get_user_model(),
            dispatch_uid="api.delete_tokens_of_deactivated_user",
        )
