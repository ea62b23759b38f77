"""Admin for quotes (a snippet with a queue view), and this app's additions to shared pages."""

from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.snippets.models import register_snippet

from home.panels import ACCOUNT_PANELS_HOOK, HOME_PANELS_HOOK, MENU_HOOK, MenuItem

from .admin import QuoteAdminGroup
from .components import DigestSubscriptionPanel, QuoteOfTheWeekPanel

register_snippet(QuoteAdminGroup)


@hooks.register(MENU_HOOK)
def quotes_menu_item(request):
    return MenuItem(_("Quotes"), "quotes:archive", order=40)


@hooks.register(HOME_PANELS_HOOK)
def quote_of_the_week_panel(request):
    return QuoteOfTheWeekPanel.for_request(request)


@hooks.register(ACCOUNT_PANELS_HOOK)
def digest_subscription_panel(request):
    if request.user.is_authenticated:
        return DigestSubscriptionPanel(request.user)
    return None
