"""When an approved story goes live, and the publication date readers see.

An anonymous story that went live the minute a reviewer approved it would say when its author and
a reviewer were online. So approval schedules it instead (Wagtail's `go_live_at`) for the next
daily publication time (`SiteSettings.daily_publication_time`, site time zone); the
`publish_scheduled` cron line puts it live then. Named stories go live at approval, as before.

Readers see only the date of publication, for every story: pages and cards, search results and
feeds (stamped at midnight of that date, site time zone), never the clock time.
"""

import datetime

from django.contrib.contenttypes.models import ContentType
from django.utils import timezone
from wagtail.models import Page, Revision, Site

from home.models import SiteSettings

UTC = datetime.UTC


def site_timezone():
    # The site's zone (settings.TIME_ZONE), never one a request activated: everyone shares one
    # publication time.
    return timezone.get_default_timezone()


def daily_time(page=None):
    """The daily publication time of the site `page` is on (or of the default site)."""
    site = page.get_site() if page is not None else None
    site = site or Site.objects.filter(is_default_site=True).first()
    if site is None:
        return SiteSettings._meta.get_field("daily_publication_time").get_default()
    return SiteSettings.for_site(site).daily_publication_time


def next_publication_time(at, after=None):
    """The first moment strictly after `after` (default now) when the clocks of the site time
    zone show `at`, as an aware UTC datetime.

    Built from the local date and wall-clock time, so it stays at `at` across a clock change.
    A time skipped when the clocks go forward is read as the same wall time after the jump
    (zoneinfo's rule); one that happens twice when they go back is its first occurrence.
    """
    after = (after or timezone.now()).astimezone(UTC)
    day = after.astimezone(site_timezone()).date()
    while True:
        # Compared in UTC: two datetimes in the same zone compare by wall time alone.
        candidate = publication_time_on(day, at)
        if candidate > after:
            return candidate
        day += datetime.timedelta(days=1)


def publication_time_on(day, at):
    """`at` on the site's clocks on `day`, as an aware UTC datetime."""
    return datetime.datetime.combine(day, at, tzinfo=site_timezone()).astimezone(UTC)


def publication_date(moment):
    """The date (site time zone) of an aware `moment`, or None."""
    return timezone.localtime(moment, site_timezone()).date() if moment else None


def start_of_date(moment):
    """Midnight, site time zone, of the day of `moment`: what feeds show as its timestamp."""
    day = publication_date(moment)
    if day is None:
        return None
    return datetime.datetime.combine(day, datetime.time.min, tzinfo=site_timezone())


def is_anonymous(page_id):
    from .models import StoryAuthorship

    return StoryAuthorship.objects.filter(story_id=page_id, is_anonymous=True).exists()


def scheduled_dates(page_ids):
    """{page id: the date (site time zone) its approved revision goes live} for the pages among
    `page_ids` that have one waiting: one query."""
    if not page_ids:
        return {}
    rows = Revision.objects.filter(
        base_content_type_id=ContentType.objects.get_for_model(Page).pk,
        object_id__in=[str(pk) for pk in page_ids],
        approved_go_live_at__isnull=False,
    ).values_list("object_id", "approved_go_live_at")
    return {int(object_id): publication_date(moment) for object_id, moment in rows}


def scheduled_date(page):
    return scheduled_dates([page.pk]).get(page.pk)


def cancel_schedule(story):
    """Take back the approved revision of `story` that waits to go live; True if there was one."""
    waiting = Revision.objects.filter(
        base_content_type_id=ContentType.objects.get_for_model(Page).pk,
        object_id=str(story.pk),
        approved_go_live_at__isnull=False,
    )
    if not waiting.update(approved_go_live_at=None):
        return False
    story.go_live_at = None
    Page.objects.filter(pk=story.pk).update(go_live_at=None)
    return True


def schedule_or_publish(revision, page, user=None):
    """Publish an approved `revision` of `page`: an anonymous story at the next daily
    publication time (strictly after now, never earlier than a time a reviewer set), anything else
    at once. True when it was scheduled."""
    from .models import StoryPage

    if not isinstance(page.specific_deferred, StoryPage) or not is_anonymous(page.pk):
        revision.publish(user=user)
        return False
    now = timezone.now()
    chosen = revision.as_object().go_live_at
    go_live_at = next_publication_time(daily_time(page), after=max(chosen or now, now))
    # Wagtail publishes what the revision holds: a `go_live_at` in the future makes `publish`
    # schedule it (`approved_go_live_at`) instead of putting it live.
    revision.content["go_live_at"] = go_live_at.isoformat()
    revision.save(update_fields=["content"])
    revision.publish(user=user)
    return True
