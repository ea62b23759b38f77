"""System checks for the company sign-in settings, run by every manage.py command."""

from django.conf import settings
from django.core.checks import Error, register

from home.roles import ROLES


@register()
def group_map_names_roles(app_configs, **kwargs):
    """Every role in OIDC_GROUP_MAP must be one of the site's roles: a typo would otherwise
    create nothing and quietly give nobody the role."""
    errors = []
    for group, role in settings.OIDC_GROUP_MAP.items():
        if role not in ROLES:
            errors.append(
                Error(
                    f"OIDC_GROUP_MAP maps {group!r} to {role!r}, which is not a role.",
                    hint=f"Use one of: {', '.join(ROLES)}.",
                    id="accounts.E001",
                )
            )
    return errors
