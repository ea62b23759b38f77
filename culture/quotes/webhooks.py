"""Announcing the quote that went live to a chat tool's incoming webhook.

Run by the scheduled `announce_quote` command, never by a web request, so a slow or broken
receiver can only delay the command (by the timeout), never a page. A quote is posted once: the
success is recorded, and a failure is recorded and tried again on the next run while the quote is
still this week's.
"""

import json
import logging
import urllib.error
import urllib.request

from django.conf import settings
from django.utils import timezone
from wagtail.models import Site

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


def post_json(url, data, timeout):
    body = json.dumps(data).encode()
    request = urllib.request.Request(
        url,
        data=body,
        method="POST",
        headers={"Content-Type": "application/json", "User-Agent": "OwnIt-QuoteOfTheWeek/1"},
    )
    with urllib.request.urlopen(request, timeout=timeout) as response:  # noqa: S310 (URL is staff-set, http/https only)
        return response.status


def announce(now=None):
    """Post this week's quote if it is live and not posted yet. Returns a short outcome string."""
    site = Site.objects.filter(is_default_site=True).first()
    if site is None:
        return "no site"
    quote_settings = QuoteSettings.for_site(site)
    if not quote_settings.webhook_url:
        return "no webhook"
    now = now or timezone.now()
    quote = Quote.objects.filter(week=live_week(now)).first()
    if quote is None:
        return "no quote this week"
    announcement, _ = QuoteAnnouncement.objects.get_or_create(quote=quote)
    if announcement.posted_at:
        return "already posted"

    announcement.attempts += 1
    announcement.last_attempt_at = timezone.now()
    timeout = getattr(settings, "QUOTES_WEBHOOK_TIMEOUT", DEFAULT_TIMEOUT)
    try:
        post_json(
            quote_settings.webhook_url, payload(quote, quote_settings.payload_format), timeout
        )
    except (urllib.error.URLError, TimeoutError, OSError, ValueError) as error:
        if isinstance(error, urllib.error.HTTPError):
            reason = f"the receiver answered HTTP {error.code} {error.reason}"
        else:
            reason = f"{type(error).__name__}: {getattr(error, 'reason', None) or error}"
        announcement.last_error = reason[:1000]
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
