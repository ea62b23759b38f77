"""A campaign gathers by itself what falls inside its dates, in the site time zone."""

import datetime

import pytest
import time_machine

from culture.campaigns.gathering import quote_calendar
from culture.campaigns.timeframes import latest_live_quote_week
from culture.quotes.models import Quote

from .conftest import london, make_campaign, make_pack, make_story

# 1–30 April 2026 in London is BST (UTC+1): midnight local is 23:00 UTC the day before.
START, END = datetime.date(2026, 4, 1), datetime.date(2026, 4, 30)


@pytest.fixture
def april(campaigns_index):
    return make_campaign(campaigns_index, START, END)


@time_machine.travel(datetime.datetime(2026, 5, 10, 12, 0, tzinfo=datetime.UTC))
@pytest.mark.django_db
def test_stories_count_by_the_site_time_zone_to_the_minute(april, stories_index, employee_client):
    inside = [
        make_story(stories_index, london(2026, 4, 1, 0, 0), title="First minute"),
        make_story(stories_index, london(2026, 4, 30, 23, 59, 59), title="Last second"),
    ]
    outside = [
        make_story(stories_index, london(2026, 3, 31, 23, 59, 59), title="Night before"),
        make_story(stories_index, london(2026, 5, 1, 0, 0), title="Morning after"),
    ]
    # In UTC the first minute is still 31 March and the morning after is still 30 April.
    assert inside[0].first_published_at.astimezone(datetime.UTC).day == 31
    assert outside[1].first_published_at.astimezone(datetime.UTC).day == 30

    html = employee_client.get(april.url).content.decode()
    for story in inside:
        assert story.title in html
    for story in outside:
        assert story.title not in html
    assert "<strong>2</strong> of 50 stories shared" in html


@time_machine.travel(datetime.datetime(2026, 5, 10, 12, 0, tzinfo=datetime.UTC))
@pytest.mark.django_db
def test_unpublished_stories_are_left_out(april, stories_index, employee_client):
    story = make_story(stories_index, london(2026, 4, 10, 9), title="Taken down later")
    story.unpublish()
    html = employee_client.get(april.url).content.decode()
    assert "Taken down later" not in html
    assert "<strong>0</strong> of 50" in html


@time_machine.travel(datetime.datetime(2026, 5, 10, 12, 0, tzinfo=datetime.UTC))
@pytest.mark.django_db
def test_meeting_packs_held_in_the_window(april, packs_index, teams, employee_client):
    finance, support, web = teams
    make_pack(packs_index, finance, START, title="Finance on the first day")
    make_pack(packs_index, support, END, title="Support on the last day")
    make_pack(packs_index, web, START - datetime.timedelta(days=1), title="Web the day before")
    make_pack(packs_index, web, END + datetime.timedelta(days=1), title="Web the day after")
    html = employee_client.get(april.url).content.decode()
    assert "Finance on the first day" in html
    assert "Support on the last day" in html
    assert "Web the day before" not in html
    assert "Web the day after" not in html
    assert "<strong>2</strong> staff meetings held" in html


def test_quote_goes_live_on_monday_at_0808_site_time():
    monday = datetime.date(2026, 4, 6)
    before = london(2026, 4, 6, 8, 7, 59)
    after = london(2026, 4, 6, 8, 8)
    assert latest_live_quote_week(before) == monday - datetime.timedelta(days=7)
    assert latest_live_quote_week(after) == monday
    # 07:30 UTC on a summer Monday is already 08:30 in London.
    assert (
        latest_live_quote_week(datetime.datetime(2026, 4, 6, 7, 30, tzinfo=datetime.UTC)) == monday
    )
    assert latest_live_quote_week(london(2026, 4, 12, 23, 59)) == monday


@pytest.mark.django_db
def test_quote_calendar_shows_each_week_and_never_a_future_quote(april, employee_client):
    weeks = [datetime.date(2026, 3, 30) + datetime.timedelta(weeks=n) for n in range(5)]
    for number, week in enumerate(weeks):
        Quote.objects.create(text=f"Quote number {number}", author="Someone", week=week)
    Quote.objects.create(
        text="Quote of another month", author="Someone", week=datetime.date(2026, 5, 4)
    )

    with time_machine.travel(london(2026, 4, 13, 8, 7)):
        rows = quote_calendar(april)
        html = employee_client.get(april.url).content.decode()
    assert [row["week"] for row in rows] == weeks  # the week of 1 April starts on 30 March
    assert [row["quote"].text if row["quote"] else None for row in rows] == [
        "Quote number 0",
        "Quote number 1",
        None,
        None,
        None,
    ]
    assert "Quote number 1" in html
    assert "Quote number 2" not in html  # its Monday 08:08 has not come yet
    assert "goes live on Monday 13 April, 08:08" in html
    assert "Quote of another month" not in html

    with time_machine.travel(london(2026, 4, 13, 8, 8)):
        html = employee_client.get(april.url).content.decode()
    assert "Quote number 2" in html
    assert "Quote number 3" not in html
