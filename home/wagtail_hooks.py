from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem as AdminMenuItem

from . import refusals
from .panels import MENU_HOOK, MenuItem
from .sign_in_lockouts import SignInLockoutsView, can_unlock_sign_ins


@hooks.register(MENU_HOOK)
def home_menu_item(request):
    return MenuItem(_("Home"), "/", order=0)


# Refused readers get a 403 page, not a sign-in loop (home/refusals.py). Order -1: around and
# ahead of Wagtail's own view-restriction checks, whatever the order of the installed apps.
hooks.register("on_serve_page", refusals.refuse_signed_in_readers, order=-1)
hooks.register("before_serve_document", refusals.refuse_restricted_document, order=-1)


# Sign-in lock-outs (django-axes): the Culture team unlocks accounts under Settings.


class SignInLockoutsMenuItem(AdminMenuItem):
    def is_shown(self, request):
        return can_unlock_sign_ins(request.user)


@hooks.register("register_admin_urls")
def register_sign_in_lockouts_url():
    return [
        path("sign-in-lockouts/", SignInLockoutsView.as_view(), name="sign_in_lockouts"),
    ]


@hooks.register("register_settings_menu_item")
def register_sign_in_lockouts_menu_item():
    return SignInLockoutsMenuItem(
        _("Sign-in lock-outs"),
        reverse("sign_in_lockouts"),
        name="sign-in-lockouts",
        icon_name="lock",
        order=900,
    )
