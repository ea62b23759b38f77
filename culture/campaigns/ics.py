"""Campaign events as iCalendar (RFC 5545): one event, or the whole campaign as a feed.

Times are written in UTC so every calendar app reads them the same way. An event carries only
what the campaign page shows (no organiser, no attendees), so nothing personal leaves the site.
"""

import datetime

from django.utils import timezone
from icalendar import Calendar, Event

from home import site_address

PRODUCT_ID = "-//Own It//Campaigns//EN"


def _calendar(name):
    calendar = Calendar()
    calendar.add("prodid", PRODUCT_ID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("x-wr-calname", name)
    return calendar


def _event(event, page_url, stamp):
    item = Event()
    item.add("uid", f"campaign-event-{event.pk}@{site_address.hostname()}")
    item.add("dtstamp", stamp)
    item.add("dtstart", event.starts_at.astimezone(datetime.UTC))
    item.add("dtend", event.end.astimezone(datetime.UTC))
    item.add("summary", event.title)
    description = event.description
    if event.link:
        description = f"{description}\n\n{event.link}".strip()
    if description:
        item.add("description", description)
    if event.place:
        item.add("location", event.place)
    elif event.link:
        item.add("location", event.link)
    if event.link:
        item.add("url", event.link)
    else:
        item.add("url", page_url)
    return item


def campaign_calendar(campaign, request):
    calendar = _calendar(campaign.title)
    stamp = timezone.now().astimezone(datetime.UTC)
    page_url = site_address.page_url(campaign, request)
    for event in sorted(campaign.events.all(), key=lambda event: event.starts_at):
        calendar.add_component(_event(event, page_url, stamp))
    return calendar


def event_calendar(event, request):
    page_url = site_address.page_url(event.page, request)
    calendar = _calendar(event.page.title)
    calendar.add_component(_event(event, page_url, timezone.now().astimezone(datetime.UTC)))
    return calendar
