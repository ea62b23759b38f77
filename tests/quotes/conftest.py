"""Fixtures for the Quote of the Week tests: a frozen clock and quotes around it."""

import datetime
import zoneinfo

import pytest
import time_machine

from culture.quotes.factories import QuoteFactory

LONDON = zoneinfo.ZoneInfo("Europe/London")

# Monday 30 March 2026 is the first Monday of British Summer Time (clocks went forward on
# Sunday 29 March); Monday 26 October 2026 the first back on GMT (clocks went back on 25 October).
MONDAY_AFTER_SPRING_FORWARD = datetime.date(2026, 3, 30)
MONDAY_AFTER_FALL_BACK = datetime.date(2026, 10, 26)
A_MONDAY = datetime.date(2026, 6, 15)


def at(day, hour, minute, second=0, tz=LONDON):
    return datetime.datetime(day.year, day.month, day.day, hour, minute, second, tzinfo=tz)


@pytest.fixture
def frozen():
    """`frozen(moment)` stops the clock at an aware datetime until the test ends."""
    travellers = []

    def freeze(moment):
        if travellers:
            travellers.pop().stop()
        traveller = time_machine.travel(moment, tick=False)
        traveller.start()
        travellers.append(traveller)
        return moment

    yield freeze
    for traveller in travellers:
        traveller.stop()


@pytest.fixture
def week_of_quotes(db):
    """Last week's, this week's (A_MONDAY) and next week's quotes."""
    week = datetime.timedelta(weeks=1)
    return {
        "last": QuoteFactory(
            text="Ever tried. Ever failed. Fail better.",
            author="Samuel Beckett",
            week=A_MONDAY - week,
        ),
        "this": QuoteFactory(
            text="Fall seven times, stand up eight.",
            author="Japanese proverb",
            week=A_MONDAY,
            why_it_matters="Short enough to remember on a bad day.",
            tags=["persistence"],
        ),
        "next": QuoteFactory(
            text="Truth emerges more readily from error than from confusion.",
            author="Francis Bacon",
            week=A_MONDAY + week,
        ),
    }
