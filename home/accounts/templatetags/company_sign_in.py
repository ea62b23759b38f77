"""The sign-in pages' company sign-in button, and whether they still offer passwords."""

from django import template
from django.conf import settings

from ..provider import is_configured

register = template.Library()


@register.inclusion_tag("accounts/company_sign_in.html")
def company_sign_in(next_url="", admin=False):
    """The button "Sign in with your company account", when company sign-in is set up.

    Nothing is fetched from the provider here: the sign-in page works while it is down."""
    return {
        "offered": is_configured(),
        "next_url": next_url,
        "admin": admin,
        "password_too": not settings.OIDC_ONLY,
    }


@register.simple_tag
def password_sign_in_offered():
    return not settings.OIDC_ONLY
