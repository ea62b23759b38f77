"""The weekly digest email: the quote of the week, last week's stories, and other apps' sections.

Other apps add a section through the `own_it_digest_sections` hook, without this app importing
them (campaigns build on quotes, not the other way round):

    from wagtail import hooks
    from culture.quotes.digest import DIGEST_SECTIONS_HOOK, DigestSection

    @hooks.register(DIGEST_SECTIONS_HOOK)
    def campaign_section(digest):       # digest: DigestContext (user, week, now, base_url)
        return DigestSection(title="…", text="…", html="…", url="https://…")  # or None

A hook may also return a dict with the same keys. `html` is optional (the text is escaped and
used instead); `url` must be absolute (use `digest.absolute(path)`). A hook that fails is logged
and left out; it never stops the digest.

Sections of the `own_it_digest_leads` hook come first, before the quote (the story of the month,
then what the reader follows). They may choose among the week's new stories (`digest.stories`)
and name the ones they showed in `story_ids`: "New stories this week" then lists the rest.
"""

import datetime
import inspect
import logging
from dataclasses import dataclass, field

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import EmailMultiAlternatives
from django.db.models import F, Q
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.html import escape, linebreaks
from django.utils.translation import gettext as _
from wagtail import hooks
from wagtail.models import Site

from home import site_address
from home.languages import speaking_to
from home.models import SiteSettings
from home.roles import EMPLOYEES
from stories.models import StoryPage
from stories.models.authorship import ANONYMOUS_USERNAME

from .models import DigestDelivery, DigestSubscription, Quote
from .schedule import live_week

logger = logging.getLogger(__name__)

DIGEST_SECTIONS_HOOK = "own_it_digest_sections"
DIGEST_LEADS_HOOK = "own_it_digest_leads"
STORY_DAYS = 7
MAX_STORIES = 30


@dataclass
class DigestSection:
    title: str
    text: str
    html: str = ""
    url: str = ""
    # The week's new stories this section shows: the digest's list of new stories leaves them out.
    story_ids: tuple = ()

    def __post_init__(self):
        if not self.html:
            self.html = linebreaks(escape(self.text))


@dataclass
class DigestContext:
    """What a section hook is told about the digest being built."""

    user: object
    week: datetime.date
    now: datetime.datetime
    base_url: str = field(default_factory=site_address.base_url)
    # The week's new stories (open to every employee), for sections that pick among them.
    stories: list = field(default_factory=list)

    def absolute(self, url):
        return url if url.startswith(("http://", "https://")) else f"{self.base_url}{url}"


def recipients():
    """Active employees with an email address who have not opted out."""
    return (
        get_user_model()
        .objects.filter(is_active=True, groups__name=EMPLOYEES)
        .exclude(email="")
        .exclude(username=ANONYMOUS_USERNAME)
        .exclude(digest_subscription__subscribed=False)
        .order_by("pk")
    )


def _default_site():
    return Site.objects.filter(is_default_site=True).first() or Site.objects.first()


def _coerce_section(value):
    if value is None or isinstance(value, DigestSection):
        return value
    if isinstance(value, dict):
        fields = {k: value.get(k, "") for k in ("title", "text", "html", "url")}
        return DigestSection(**fields, story_ids=tuple(value.get("story_ids", ())))
    return DigestSection(
        title=getattr(value, "title", ""),
        text=getattr(value, "text", ""),
        html=getattr(value, "html", ""),
        url=getattr(value, "url", ""),
        story_ids=tuple(getattr(value, "story_ids", ())),
    )


def hook_sections(context, hook_name=DIGEST_SECTIONS_HOOK):
    sections = []
    for fn in hooks.get_hooks(hook_name):
        try:
            takes_argument = bool(inspect.signature(fn).parameters)
            section = _coerce_section(fn(context) if takes_argument else fn())
        except Exception:
            logger.exception("Digest section %r failed; left out of the digest", fn)
            continue
        if section is not None and section.title:
            sections.append(section)
    return sections


def recent_stories(now):
    """Stories first published in the seven days before `now`, open to every employee."""
    return list(
        StoryPage.objects.live()
        .public()
        .filter(first_published_at__gt=now - datetime.timedelta(days=STORY_DAYS))
        .filter(first_published_at__lte=now)
        .select_related("authorship__author")
        .order_by("-first_published_at")[:MAX_STORIES]
    )


def build_message(user, week, now=None):
    """The digest email for `user`, or None when there is nothing to say this week."""
    now = now or timezone.now()
    stories = recent_stories(now)
    context = DigestContext(user=user, week=week, now=now, stories=stories)
    quote = Quote.objects.filter(week=week).prefetch_related("tags").first()
    if quote is not None and not quote.is_live(now):
        quote = None
    leads = hook_sections(context, DIGEST_LEADS_HOOK)
    led = {pk for section in leads for pk in section.story_ids}
    more_stories = bool(led) and any(story.pk in led for story in stories)
    stories = [story for story in stories if story.pk not in led]
    sections = hook_sections(context)
    if quote is None and not stories and not sections and not leads:
        return None

    site = _default_site()
    site_settings = SiteSettings.for_site(site) if site else SiteSettings()
    subscription = DigestSubscription.objects.for_user(user)
    unsubscribe_url = context.absolute(subscription.get_unsubscribe_url())
    template_context = {
        "user": user,
        "site_name": site_settings.site_name,
        "primary_colour": site_settings.primary_colour,
        "on_primary": site_settings.primary_text_colour,
        "week": week,
        "quote": quote,
        "quote_url": context.absolute(quote.get_absolute_url()) if quote else "",
        "stories": [
            {
                "title": story.title,
                "summary": story.summary,
                "byline": story.byline,
                "url": context.absolute(story.get_url() or story.url_path),
            }
            for story in stories
        ],
        "leads": leads,
        "more_stories": more_stories,
        "sections": sections,
        "home_url": context.absolute("/"),
        "settings_url": context.absolute(reverse("account")),
        "unsubscribe_url": unsubscribe_url,
    }
    subject = _("%(site)s weekly: the week of %(week)s") % {
        "site": site_settings.site_name,
        "week": date_format(week, _("j F Y")),
    }
    message = EmailMultiAlternatives(
        subject=subject,
        body=render_to_string("quotes/email/digest.txt", template_context),
        to=[user.email],
        headers={
            # RFC 2369 and RFC 8058: mail clients offer their own one-click "unsubscribe".
            "List-Unsubscribe": f"<{unsubscribe_url}>",
            "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
        },
    )
    message.attach_alternative(
        render_to_string("quotes/email/digest.html", template_context), "text/html"
    )
    return message


def deliver(delivery_id):
    """Send one queued digest. Failures are recorded and logged, never raised.

    The worker first claims the row (queued -> sending, in its own committed update), so that
    of two tasks for one row (a retry queued while the first still waited) only one sends.
    """
    claimed = DigestDelivery.objects.filter(
        pk=delivery_id, status=DigestDelivery.Status.QUEUED
    ).update(
        status=DigestDelivery.Status.SENDING,
        attempts=F("attempts") + 1,
        updated_at=timezone.now(),
    )
    if not claimed:
        return "skipped"
    delivery = DigestDelivery.objects.select_related("user").get(pk=delivery_id)
    try:
        with speaking_to(delivery.user):
            message = build_message(delivery.user, delivery.week)
        if message is None:
            delivery.status = DigestDelivery.Status.SENT
            delivery.error = "Nothing to send this week."
            delivery.save(update_fields=["status", "error", "updated_at"])
            return "empty"
        message.extra_headers["Message-ID"] = delivery.message_id(site_address.hostname())
        message.send(fail_silently=False)
    except Exception as error:
        logger.exception(
            "Weekly digest to user %s <%s> failed", delivery.user_id, delivery.user.email
        )
        delivery.status = DigestDelivery.Status.FAILED
        delivery.error = f"{type(error).__name__}: {error}"[:1000]
        delivery.save(update_fields=["status", "error", "updated_at"])
        return "failed"
    delivery.status = DigestDelivery.Status.SENT
    delivery.error = ""
    delivery.sent_at = timezone.now()
    delivery.save(update_fields=["status", "error", "sent_at", "updated_at"])
    return "sent"


def retry_after():
    """How long a queued or sending row may wait before the command queues it again: a worker
    that was stopped or killed never finishes it (DIGEST_RETRY_AFTER_SECONDS, default an hour;
    the command runs hourly on Mondays)."""
    return datetime.timedelta(seconds=settings.DIGEST_RETRY_AFTER_SECONDS)


def queue_week(now=None):
    """Record and queue a digest for every recipient not yet sent this week's.

    Returns (week, [delivery ids queued]). Failed deliveries, and queued or sending ones no
    worker finished within `retry_after()`, are queued again; sent ones never are.
    """
    from .tasks import send_digest

    now = now or timezone.now()
    week = live_week(now)
    queued = []
    stale = now - retry_after()
    for user in recipients().only("pk"):
        delivery, created = DigestDelivery.objects.get_or_create(user=user, week=week)
        if not created:
            retry = DigestDelivery.objects.filter(pk=delivery.pk).filter(
                Q(status=DigestDelivery.Status.FAILED)
                | Q(
                    status__in=[DigestDelivery.Status.QUEUED, DigestDelivery.Status.SENDING],
                    updated_at__lt=stale,
                )
            )
            # The update is the claim: of two runs at once, only one gets a row back.
            if not retry.update(status=DigestDelivery.Status.QUEUED, updated_at=now):
                continue
        queued.append(delivery.pk)
        send_digest.enqueue(delivery.pk)
    return week, queued
