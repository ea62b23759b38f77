"""Campaigns in the weekly digest, the "Happened again" links, and the demo content."""

import datetime
from io import StringIO

import pytest
import time_machine
from django.core.cache import cache
from django.core.management import call_command

from culture.campaigns.models import CampaignPage

from .conftest import london, make_campaign, make_story


@pytest.mark.django_db
def test_weekly_digest_has_the_running_campaign(campaigns_index, stories_index, employee):
    from culture.quotes.digest import DigestContext, hook_sections

    campaign = make_campaign(
        campaigns_index,
        datetime.date(2026, 4, 1),
        datetime.date(2026, 4, 30),
        goal_stories=20,
        events=[{"title": "Cake afternoon", "starts_at": london(2026, 4, 24, 15)}],
    )
    make_story(stories_index, london(2026, 4, 2, 9))
    now = london(2026, 4, 20, 8, 8)
    sections = hook_sections(DigestContext(user=employee, week=datetime.date(2026, 4, 20), now=now))
    (section,) = [s for s in sections if s.title.startswith(campaign.title)]
    assert section.title == "Mistake Management Month: 11 days left"
    assert "1 of 20 stories shared so far" in section.text
    assert "Next: Cake afternoon, Friday 24 April at 15:00." in section.text
    assert section.url == f"http://testserver{campaign.url}"

    after = DigestContext(
        user=employee, week=datetime.date(2026, 5, 4), now=london(2026, 5, 4, 8, 8)
    )
    assert not [s for s in hook_sections(after) if s.title.startswith(campaign.title)]


@pytest.mark.parametrize(
    ("teams", "meetings", "words"),
    [
        (1, 1, "1 team and 1 staff meeting have taken part."),
        (3, 1, "3 teams and 1 staff meeting have taken part."),
        (1, 2, "1 team and 2 staff meetings have taken part."),
        (0, 0, "no team has taken part yet."),
    ],
)
def test_the_digest_counts_teams_and_meetings_in_plain_words(teams, meetings, words):
    from culture.campaigns.digest import taken_part

    assert taken_part(teams, meetings) == words


@pytest.mark.django_db
def test_happened_again_links_both_ways(client, stories_index, employee, other_employee):
    """The dashboard counts repeats; the story pages link them, live ones only, both ways."""
    first = make_story(stories_index, london(2026, 1, 5, 9), title="Wrong invoice sent")
    again = make_story(
        stories_index,
        london(2026, 3, 5, 9),
        title="Wrong invoice sent again",
        repeat_of=first,
        author=other_employee,
        author__anonymous=True,
    )
    hidden = make_story(stories_index, london(2026, 3, 6, 9), title="Draft repeat", repeat_of=first)
    hidden.unpublish()
    client.force_login(employee)

    on_first = client.get(first.url).content.decode()
    assert "Happened again" in on_first
    assert f'href="{again.url}"' in on_first and "Wrong invoice sent again" in on_first
    assert "Draft repeat" not in on_first
    assert other_employee.last_name not in on_first

    on_again = client.get(again.url).content.decode()
    assert "This mistake happened before" in on_again and f'href="{first.url}"' in on_again

    lonely = make_story(stories_index, london(2026, 3, 7, 9), title="Alone")
    assert "Happened again" not in client.get(lonely.url).content.decode()


@pytest.mark.django_db
def test_demo_adds_a_running_and_a_past_campaign_idempotently(settings):
    settings.DEBUG = False  # no demo accounts: campaigns must not need them
    cache.clear()  # site root paths cached by earlier tests point at rolled-back sites
    with time_machine.travel(london(2026, 6, 15, 12)):
        call_command("load_demo", stdout=StringIO())
        call_command("load_demo", stdout=StringIO())
        running = CampaignPage.current()
    assert CampaignPage.objects.count() == 2
    assert running.title == "Mistake Management Month"
    assert running.live and running.events.count() == 3
    past = CampaignPage.objects.exclude(pk=running.pk).get()
    assert past.live and past.end_date < datetime.date(2026, 6, 15)
    assert past.events.count() == 2
    for campaign in (running, past):
        for event in campaign.events.all():
            local_day = event.starts_at.astimezone(london(2026, 1, 1).tzinfo).date()
            assert campaign.start_date <= local_day <= campaign.end_date
