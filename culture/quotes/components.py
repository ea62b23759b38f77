"""Panels this app adds to the home page and to the user's settings page (laces components)."""

from django.urls import reverse
from django.utils import timezone
from django.utils.functional import cached_property
from laces.components import Component

from home import fragment_versions

from .models import DigestSubscription, Quote
from .schedule import live_week
from .wallpaper import SIZES


class QuoteOfTheWeekPanel(Component):
    """The quote of the week on the home page; last week's while this week has none.

    Always on the list of panels: whether there is a quote to show is decided inside the
    template's cached fragment (keyed by the quotes' version and the live week), so a warm home
    page asks the database nothing for it. With no live quote it renders nothing.
    """

    template_name = "quotes/panels/quote_of_the_week.html"
    order = 20

    def __init__(self, request):
        self.request = request
        self.now = timezone.now()
        self.week = live_week(self.now)

    @classmethod
    def for_request(cls, request):
        return cls(request)

    @cached_property
    def quote(self):
        return Quote.objects.current(self.now)

    def get_context_data(self, parent_context=None):
        # Rendered with a plain dict, so the cache tags need the request and versions from here.
        return {
            "request": self.request,
            "fragments": fragment_versions.Versions(),
            "panel": self,
            "sizes": SIZES.values(),
            "archive_url": reverse("quotes:archive"),
        }


class DigestSubscriptionPanel(Component):
    """On "Your settings": the weekly digest switch, which also undoes a one-click unsubscribe."""

    template_name = "quotes/panels/digest_subscription.html"
    order = 30

    def __init__(self, user):
        self.user = user

    def get_context_data(self, parent_context=None):
        subscription = DigestSubscription.objects.filter(user=self.user).first()
        return {
            "subscribed": subscription.subscribed if subscription else True,
            "has_email": bool(self.user.email),
            "action_url": reverse("quotes:digest_subscription"),
            "csrf_token": (parent_context or {}).get("csrf_token"),
        }
