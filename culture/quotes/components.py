"""Panels this app adds to the home page and to the user's settings page (laces components)."""

from django.urls import reverse
from laces.components import Component

from .models import DigestSubscription, Quote
from .schedule import live_week
from .wallpaper import SIZES


class QuoteOfTheWeekPanel(Component):
    """The quote of the week on the home page; last week's while this week has none."""

    template_name = "quotes/panels/quote_of_the_week.html"
    order = 20

    def __init__(self, quote):
        self.quote = quote

    @classmethod
    def for_request(cls, request):
        quote = Quote.objects.live().prefetch_related("tags").order_by("-week").first()
        return cls(quote) if quote else None

    def get_context_data(self, parent_context=None):
        return {
            "quote": self.quote,
            "is_this_week": self.quote.week == live_week(),
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
