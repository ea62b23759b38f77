"""Front-end downloads of campaigns: the calendar feed and single events as .ics.

They need a signed-in user like every page (the site's privacy middleware), and only serve
campaigns the reader may open: live, and not behind a view restriction they fail.
"""

from django.http import HttpResponse
from django.shortcuts import get_object_or_404

from home.visibility import visible_to

from .ics import campaign_calendar, event_calendar
from .models import CampaignPage


def _visible_campaign(request, pk):
    # `id`, not `pk`: on SQLite a huge pk of a page subclass overflows instead of matching nothing.
    return get_object_or_404(visible_to(CampaignPage.objects.all(), request), id=pk)


def _ics_response(calendar, filename):
    response = HttpResponse(calendar.to_ical(), content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["Cache-Control"] = "private, no-cache"
    return response


def calendar_feed(request, pk):
    campaign = _visible_campaign(request, pk)
    return _ics_response(campaign_calendar(campaign, request), f"{campaign.slug}.ics")


def event_ics(request, pk, event_id):
    campaign = _visible_campaign(request, pk)
    event = get_object_or_404(campaign.events.all(), pk=event_id)
    return _ics_response(event_calendar(event, request), f"{campaign.slug}-event-{event.pk}.ics")
