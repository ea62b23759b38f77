"""The campaign page and the dashboard cost the same queries with a handful of rows or hundreds."""

import datetime

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from culture.campaigns.models import CampaignEvent
from culture.quotes.models import Quote
from stories.models import LearnedFromThis

from .conftest import london, make_campaign, make_pack, make_story

START, END = datetime.date(2026, 3, 1), datetime.date(2026, 3, 31)
TODAY = london(2026, 3, 25, 12)


def seed(stories_index, packs_index, campaign, teams, users, count):
    for number in range(count):
        team = teams[number % len(teams)]
        story = make_story(
            stories_index,
            london(2026, 3, 1 + number % 28, 9) + datetime.timedelta(minutes=number),
            team=team,
            tags=[f"tag{number % 7}", "common"],
            author__anonymous=number % 3 == 0,
            actions=[{"description": "Fix", "owner": "Ops", "due_date": datetime.date(2026, 3, 1)}],
        )
        for user in users:
            LearnedFromThis.objects.create(story=story, user=user)
        make_pack(packs_index, team, datetime.date(2026, 3, 1 + number % 28))
        CampaignEvent.objects.create(
            page=campaign, title=f"Event {number}", starts_at=london(2026, 3, 1 + number % 28, 10)
        )
    for week in range(count % 5):
        Quote.objects.get_or_create(
            week=datetime.date(2026, 2, 23) + datetime.timedelta(weeks=week),
            defaults={"text": f"Quote {week}", "author": "Someone"},
        )


def count_queries(client, url, data=None):
    client.get(url, data)  # warm caches that are filled once per process (site root paths)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url, data)
    assert response.status_code == 200
    return len(queries)


@pytest.fixture
def setting(stories_index, packs_index, campaigns_index, teams, employee, other_employee):
    campaign = make_campaign(campaigns_index, START, END)
    return stories_index, packs_index, campaign, teams, [employee, other_employee]


@time_machine.travel(TODAY)
@pytest.mark.django_db
def test_campaign_page_query_count_does_not_grow(setting, client, employee):
    stories_index, packs_index, campaign, teams, users = setting
    client.force_login(employee)
    seed(*setting, count=3)
    small = count_queries(client, campaign.url)
    seed(stories_index, packs_index, campaign, teams, users, count=60)
    large = count_queries(client, campaign.url)
    assert large == small
    assert small <= 30


@time_machine.travel(TODAY)
@pytest.mark.django_db
def test_dashboard_query_count_does_not_grow(setting, client, culture_member):
    stories_index, packs_index, campaign, teams, users = setting
    client.force_login(culture_member)
    url = reverse("campaigns_admin:insights")
    period = {"date_from": "2026-01-01", "date_to": "2026-03-31"}
    seed(*setting, count=3)
    small = count_queries(client, url, period)
    small_csv = count_queries(client, reverse("campaigns_admin:insights_csv"), period)
    seed(stories_index, packs_index, campaign, teams, users, count=60)
    assert count_queries(client, url, period) == small
    assert count_queries(client, reverse("campaigns_admin:insights_csv"), period) == small_csv
    # The same whatever the data; the page also shows the pulse and the follow-up figures.
    assert small <= 34


@time_machine.travel(TODAY)
@pytest.mark.django_db
def test_home_banner_query_count_does_not_grow(setting, client, employee):
    client.force_login(employee)
    seed(*setting, count=3)
    small = count_queries(client, "/")
    seed(*setting, count=25)
    assert count_queries(client, "/") == small
