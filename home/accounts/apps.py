from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    """Company sign-in (OpenID Connect) and what happens when an account is deactivated."""

    name = "home.accounts"
    label = "accounts"
    verbose_name = _("Accounts")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from django.contrib.auth import get_user_model
        from django.db.models.signals import post_save, pre_save

        from . import checks, deactivation  # noqa: F401 (checks registers itself)

        User = get_user_model()
        # A user saved with is_active going from True to False is deactivated: `user_deactivated`
        # is sent after the save, and this app ends their sessions. Other apps connect to the
        # signal for their own tokens (stories: feed tokens).
        pre_save.connect(
            deactivation.note_deactivation, sender=User, dispatch_uid="accounts.note_deactivation"
        )
        post_save.connect(
            deactivation.announce_deactivation,
            sender=User,
            dispatch_uid="accounts.announce_deactivation",
        )
        deactivation.user_deactivated.connect(
            deactivation.end_sessions, dispatch_uid="accounts.end_sessions"
        )
        deactivation.user_deactivated.connect(
            deactivation.forget_leaver_mark, dispatch_uid="accounts.forget_leaver_mark"
        )
