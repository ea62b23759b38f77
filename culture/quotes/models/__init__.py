"""Quote of the Week: the quotes, the weekly digest's records and the webhook announcement."""

from .announcements import QuoteAnnouncement, QuoteSettings
from .digest import DigestDelivery, DigestSubscription
from .quotes import Quote, QuoteQuerySet, QuoteTag

__all__ = [
    "DigestDelivery",
    "DigestSubscription",
    "Quote",
    "QuoteAnnouncement",
    "QuoteQuerySet",
    "QuoteSettings",
    "QuoteTag",
]
