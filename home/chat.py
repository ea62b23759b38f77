"""Announcing something to the company's chat: Microsoft Teams and Slack, as chosen in Site
settings → Chat announcements.

Any program calls `announce(ChatMessage(key, title, text, link))`: the Quote of the Week when it
goes live (culture/quotes/webhooks.py), the story of the month. Each channel with an address set
gets the message once (a `ChatAnnouncement` row per key and channel records it); a channel that
fails is tried again by the next call with the same key, and the others are not posted twice.

- Teams: a Workflows webhook ("Post to a channel when a webhook request is received"), sent an
  Adaptive Card in a message envelope. (Teams' older Office 365 connector webhooks, which took
  MessageCards, are being retired.)
- Slack: an incoming webhook, sent Block Kit blocks with a plain-text fallback.

Call it from a command or a task, never in a web request: a slow receiver costs up to the
time-out (CHAT_WEBHOOK_TIMEOUT seconds, default 5) per channel.
"""

import json
import logging
import urllib.error
import urllib.request
from dataclasses import dataclass

from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

logger = logging.getLogger(__name__)

DEFAULT_TIMEOUT = 5  # seconds
USER_AGENT = "OwnIt-Announcements/1"


@dataclass(frozen=True)
class ChatMessage:
    """What to announce. `key` names it for "once only" (e.g. "quote:42", "story-of-the-month:
    2026-12"); `link` is an absolute address (`home.site_address.absolute_url`)."""

    key: str
    title: str
    text: str
    link: str
    link_label: str = _("Open in Own It")


def post_json(url, data, timeout):
    """POST `data` as JSON; returns the status. Raises for an HTTP error, a refused or slow
    connection, or an address that is not http(s)."""
    if not url.startswith(("http://", "https://")):
        raise ValueError(f"not an http(s) address: {url[:40]}")
    request = urllib.request.Request(
        url,
        data=json.dumps(data).encode(),
        method="POST",
        headers={"Content-Type": "application/json", "User-Agent": USER_AGENT},
    )
    with urllib.request.urlopen(request, timeout=timeout) as response:  # noqa: S310 (staff-set, http/https checked)
        return response.status


def teams_payload(message):
    """An Adaptive Card (schema 1.4, what Teams renders) in the envelope a workflow expects."""
    card = {
        "$schema": "http://adaptivecards.io/schemas/adaptive-card.json",
        "type": "AdaptiveCard",
        "version": "1.4",
        "body": [
            {
                "type": "TextBlock",
                "text": str(message.title),
                "weight": "Bolder",
                "size": "Medium",
                "wrap": True,
            },
            {"type": "TextBlock", "text": str(message.text), "wrap": True},
        ],
        "actions": [
            {"type": "Action.OpenUrl", "title": str(message.link_label), "url": message.link}
        ],
    }
    return {
        "type": "message",
        "attachments": [
            {
                "contentType": "application/vnd.microsoft.card.adaptive",
                "contentUrl": None,
                "content": card,
            }
        ],
    }


def slack_escape(text):
    """Slack reads &, < and > as markup (links, mentions such as <!channel>): escape them."""
    return str(text).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def slack_payload(message):
    title, text = slack_escape(message.title), slack_escape(message.text)
    return {
        # The notification and the fallback for clients without blocks.
        "text": f"{title}: {text} <{message.link}|{slack_escape(message.link_label)}>",
        "blocks": [
            {"type": "header", "text": {"type": "plain_text", "text": str(message.title)[:150]}},
            {"type": "section", "text": {"type": "mrkdwn", "text": text[:3000]}},
            {
                "type": "actions",
                "elements": [
                    {
                        "type": "button",
                        "text": {"type": "plain_text", "text": str(message.link_label)[:75]},
                        "url": message.link,
                    }
                ],
            },
        ],
        "unfurl_links": False,
    }


# channel name → (its address in SiteSettings, the payload it takes)
CHANNELS = {
    "teams": ("teams_workflow_url", teams_payload),
    "slack": ("slack_webhook_url", slack_payload),
}


def default_site_settings():
    from wagtail.models import Site

    from .models import SiteSettings

    site = Site.objects.filter(is_default_site=True).first()
    return SiteSettings.for_site(site) if site else None


def configured_channels(site_settings=None):
    """{channel: address} of the channels with an address set in the default site's settings."""
    site_settings = site_settings or default_site_settings()
    if site_settings is None:
        return {}
    channels = {}
    for name, (field, _payload) in CHANNELS.items():
        if url := getattr(site_settings, field):
            channels[name] = url
    return channels


def announce(message, site_settings=None):
    """Post `message` to every configured channel that has not had it yet.

    Returns {channel: "posted" | "already posted" | "failed"}; empty when no channel is set.
    Failures are logged and recorded (`ChatAnnouncement.last_error`), never raised."""
    from .models import ChatAnnouncement

    timeout = getattr(settings, "CHAT_WEBHOOK_TIMEOUT", DEFAULT_TIMEOUT)
    outcomes = {}
    for channel, url in configured_channels(site_settings).items():
        record, _created = ChatAnnouncement.objects.get_or_create(key=message.key, channel=channel)
        if record.posted_at:
            outcomes[channel] = "already posted"
            continue
        record.attempts += 1
        record.last_attempt_at = timezone.now()
        try:
            post_json(url, CHANNELS[channel][1](message), timeout)
        except (urllib.error.URLError, TimeoutError, OSError, ValueError) as error:
            record.last_error = describe(error)[:1000]
            record.save()
            logger.warning(
                "Announcing %s to %s failed (attempt %s): %s; the next run tries again",
                message.key,
                channel,
                record.attempts,
                record.last_error,
            )
            outcomes[channel] = "failed"
            continue
        record.posted_at = timezone.now()
        record.last_error = ""
        record.save()
        outcomes[channel] = "posted"
    return outcomes


def describe(error):
    if isinstance(error, urllib.error.HTTPError):
        return f"the receiver answered HTTP {error.code} {error.reason}"
    return f"{type(error).__name__}: {getattr(error, 'reason', None) or error}"
