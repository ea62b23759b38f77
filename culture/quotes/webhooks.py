"""Announcing the quote that went live: to the JSON webhook of Quote of the Week settings, and to
the chat channels (Teams, Slack) of Site settings through `home.chat.announce`.

Run by the scheduled `announce_quote` command, never by a web request, so a slow or broken
receiver can only delay the command (by the timeout), never a page. A quote is posted once to
each: the success is recorded, and a failure is recorded and tried again on the next run while the
quote is still this week's.
"""

import logging
import urllib.error

from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext
from wagtail.models import Site

from home import chat
from home.models import SiteSettings
from home.site_address import absolute_url

from .models import Quote, QuoteAnnouncement, QuoteSettings
from .schedule import live_week

logger = logging.getLogger(__name__)

DEFAULT_TIMEOUT = 5  # seconds; settings.QUOTES_WEBHOOK_TIMEOUT overrides


def payload(quote, payload_format=QuoteSettings.PayloadFormat.FULL):
    link = absolute_url(quote.get_absolute_url())
    text = f"*Quote of the Week*\n> {quote.text}\n— {quote.attribution}\n{link}"
    if payload_format == QuoteSettings.PayloadFormat.TEXT_ONLY:
        return {"text": text}
    return {
        "text": text,
        "quote": quote.text,
        "author": quote.author,
        "source": quote.source,
        "week": quote.week.isoformat(),
        "link": link,
    }


def chat_message(quote):
    """The quote as a chat announcement (home/chat.py): a card in Teams, blocks in Slack."""
    return chat.ChatMessage(
        key=f"quote:{quote.pk}",
        title=gettext("Quote of the Week"),
        text=f"“{quote.text}” — {quote.attribution}",
        link=absolute_url(quote.get_absolute_url()),
    )


def announce(now=None):
    """Post this week's quote where it is not posted yet, once it is live. Returns a short
    outcome string: "failed" if any receiver failed, "posted" if any got it now."""
    site = Site.objects.filter(is_default_site=True).first()
    if site is None:
        return "no site"
    quote_settings = QuoteSettings.for_site(site)
    site_settings = SiteSettings.for_site(site)
    if not quote_settings.webhook_url and not chat.configured_channels(site_settings):
        return "no webhook"
    now = now or timezone.now()
    quote = Quote.objects.filter(week=live_week(now)).first()
    if quote is None:
        return "no quote this week"
    outcomes = list(chat.announce(chat_message(quote), site_settings).values())
    if quote_settings.webhook_url:
        outcomes.append(post_to_webhook(quote, quote_settings))
    for outcome in ("failed", "posted"):
        if outcome in outcomes:
            return outcome
    return "already posted"


def post_to_webhook(quote, quote_settings):
    """The JSON webhook of Quote of the Week settings, recorded in `QuoteAnnouncement`."""
    announcement, _ = QuoteAnnouncement.objects.get_or_create(quote=quote)
    if announcement.posted_at:
        return "already posted"

    announcement.attempts += 1
    announcement.last_attempt_at = timezone.now()
    timeout = getattr(settings, "QUOTES_WEBHOOK_TIMEOUT", DEFAULT_TIMEOUT)
    try:
        chat.post_json(
            quote_settings.webhook_url, payload(quote, quote_settings.payload_format), timeout
        )
    except (urllib.error.URLError, TimeoutError, OSError, ValueError) as error:
        announcement.last_error = chat.describe(error)[:1000]
        announcement.save()
        logger.warning(
            "Posting the Quote of the Week to the webhook failed (attempt %s): %s; "
            "the next run tries again",
            announcement.attempts,
            announcement.last_error,
        )
        return "failed"
    announcement.posted_at = timezone.now()
    announcement.last_error = ""
    announcement.save()
    return "posted"
