"""Dates and times in the site's time zone: campaign windows and when a week's quote goes live.

A campaign runs from the start of its first day to the end of its last day *in the site time
zone* (TIME_ZONE, Europe/London by default), whatever zone the database stores times in. A story
published at 23:59 on the last day counts; one published at 00:00 the next day does not.
"""

import datetime

from django.utils import timezone

ONE_DAY = datetime.timedelta(days=1)
ONE_WEEK = datetime.timedelta(days=7)


def site_timezone():
    return timezone.get_default_timezone()


def start_of_day(day):
    """Midnight at the start of `day`, site time, as an aware datetime."""
    return datetime.datetime.combine(day, datetime.time.min, tzinfo=site_timezone())


def window(first_day, last_day):
    """The half-open range [start of first_day, start of the day after last_day)."""
    return start_of_day(first_day), start_of_day(last_day + ONE_DAY)


def local_today():
    return timezone.localdate(timezone=site_timezone())


def monday_of(day):
    return day - datetime.timedelta(days=day.weekday())


def latest_live_quote_week(now=None):
    """The Monday of the newest quote readers may see: this week's once Monday 08:08 has passed.

    The Quote of the Week's own schedule decides; campaigns never show a quote before it."""
    from culture.quotes.schedule import live_week

    return live_week(now)


def quote_goes_live(week):
    from culture.quotes.schedule import go_live_at

    return go_live_at(week)


def mondays(first_day, last_day):
    """Every Monday of the weeks that touch first_day..last_day."""
    monday = monday_of(first_day)
    weeks = []
    while monday <= last_day:
        weeks.append(monday)
        monday += ONE_WEEK
    return weeks


def months(first_day, last_day):
    """The first day of every month from first_day's month to last_day's."""
    month = first_day.replace(day=1)
    result = []
    while month <= last_day:
        result.append(month)
        month = (month + datetime.timedelta(days=32)).replace(day=1)
    return result
