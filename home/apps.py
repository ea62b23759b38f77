from django.apps import AppConfig
from django.db.models.signals import post_migrate, post_save
from django.utils.translation import gettext_lazy as _


class HomeConfig(AppConfig):
    """Shared parts of the site: home page, site settings, privacy, roles and the demo loader."""

    name = "home"
    verbose_name = _("Site")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from django.contrib.auth import get_user_model
        from django.contrib.auth.signals import user_logged_in

        from . import exports, languages, roles, site_fragments

        # Roles follow the code: every migrate brings the groups and their permissions up to date.
        post_migrate.connect(roles.sync_after_migrate, sender=self)
        post_save.connect(roles.grant_on_new_page, dispatch_uid="home.grant_on_new_page")
        post_save.connect(
            roles.add_new_user_to_employees,
            sender=get_user_model(),
            dispatch_uid="home.add_new_user_to_employees",
        )
        # Wagtail's admin exports escape cells a spreadsheet would run as formulas (issue 10).
        exports.protect_wagtail_exports()
        # The language chosen in "Your settings" applies from the sign-in on.
        user_logged_in.connect(languages.remember_at_sign_in, dispatch_uid="home.language")
        # The main menu is a cached fragment: say what retires it.
        site_fragments.connect()
