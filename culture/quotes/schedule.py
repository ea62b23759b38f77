"""When a quote is live: from 08:08 on its week's Monday, in the site time zone.

Everything here takes the site time zone from settings.TIME_ZONE (Django's "default" time zone),
never the zone a request may have activated, so every reader sees the same quote at the same
moment. 08:08 exists exactly once on every day in every zone that moves its clocks at night, so
there is no ambiguity around a daylight-saving change.
"""

import datetime

from django.utils import timezone

GO_LIVE_TIME = datetime.time(8, 8)
DAYS_IN_WEEK = 7


def monday_of(day):
    """The Monday of the week `day` falls in (a Monday is its own Monday)."""
    return day - datetime.timedelta(days=day.weekday())


def go_live_at(week):
    """The aware moment the quote of `week` (a Monday) goes live."""
    return timezone.make_aware(
        datetime.datetime.combine(week, GO_LIVE_TIME), timezone.get_default_timezone()
    )


def site_now(now=None):
    """`now` (or the current time) in the site time zone."""
    return timezone.localtime(now or timezone.now(), timezone.get_default_timezone())


def live_week(now=None):
    """The Monday of the latest week whose quote has gone live.

    On a Monday before 08:08 that is still the previous Monday; from 08:08 on, this Monday.
    """
    local = site_now(now)
    week = monday_of(local.date())
    if local < go_live_at(week):
        week -= datetime.timedelta(days=DAYS_IN_WEEK)
    return week


def weeks_from(first, count):
    """`count` Mondays from the Monday `first`."""
    return [first + datetime.timedelta(days=DAYS_IN_WEEK * n) for n in range(count)]
