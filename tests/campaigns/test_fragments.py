"""The campaign page and the home banner are cached fragments: free when warm, fresh after every
write that changes them, and never shared between readers who may see different pages."""

import datetime

import pytest
import time_machine
from django.contrib.auth.models import Group
from wagtail.models import PageViewRestriction

from culture.campaigns.models import CampaignEvent
from culture.meetings.models import MeetingPackPage
from culture.quotes.factories import QuoteFactory
from culture.quotes.models import Quote
from culture.quotes.schedule import go_live_at
from home import fragment_versions
from stories.models import LearnedFromThis

from ..fragment_support import touching, warm_queries
from .conftest import london, make_campaign, make_pack, make_story

START, END = datetime.date(2026, 4, 1), datetime.date(2026, 4, 30)
TODAY = london(2026, 4, 20, 12, 0)
# What only the fragments read: a warm page must not touch these tables.
GATHERED_TABLES = (
    '"quotes_quote"',
    '"campaigns_campaignevent"',
    '"stories_storypage"',
    '"stories_learnedfromthis"',
    '"stories_team"',
    '"meetings_meetingpackpage"',
)


def gathered_queries(sqls):
    return touching(sqls, GATHERED_TABLES)


@pytest.fixture
def campaign(campaigns_index, stories_index, packs_index, teams, employee, other_employee):
    """A running campaign with 30 stories (two marks each), 12 packs, 12 events and its quotes."""
    campaign = make_campaign(campaigns_index, START, END, goal_stories=40)
    for number in range(30):
        story = make_story(
            stories_index,
            london(2026, 4, 1 + number % 19, 9),
            title=f"Campaign story {number}",
            team=teams[number % 3],
        )
        for user in (employee, other_employee):
            LearnedFromThis.objects.create(story=story, user=user)
    for number in range(12):
        make_pack(packs_index, teams[number % 3], datetime.date(2026, 4, 1 + number))
        CampaignEvent.objects.create(
            page=campaign, title=f"Event {number}", starts_at=london(2026, 4, 1 + number, 10)
        )
    for week in range(4):
        QuoteFactory(
            text=f"Campaign quote {week}",
            week=datetime.date(2026, 3, 30) + datetime.timedelta(weeks=week),
        )
    return campaign


@time_machine.travel(TODAY)
def test_a_warm_campaign_page_asks_nothing_about_what_it_gathers(
    employee_client, campaign, django_assert_max_num_queries
):
    html = employee_client.get(campaign.url).content.decode()
    assert "Campaign story 29" in html and "Campaign quote 3" in html
    assert "<strong>30</strong> of 40 stories shared" in html
    assert gathered_queries(warm_queries(employee_client, campaign.url)) == []
    # Left: the signed-in request, routing, the privacy check, the view restrictions the reader
    # fails and the site header.
    with django_assert_max_num_queries(12):
        employee_client.get(campaign.url)


@time_machine.travel(TODAY)
def test_a_warm_home_banner_asks_only_for_the_readers_restrictions(employee_client, campaign):
    assert "Mistake Management Month" in employee_client.get("/").content.decode()
    sqls = warm_queries(employee_client, "/")
    assert [sql for sql in sqls if '"campaigns_campaignpage"' in sql] == []
    assert [sql for sql in sqls if '"meetings_meetingpackpage"' in sql] == []


@time_machine.travel(TODAY)
def test_a_story_published_in_the_window_shows_at_once(employee_client, campaign, stories_index):
    employee_client.get(campaign.url)
    employee_client.get("/")
    story = make_story(stories_index, london(2026, 4, 19, 18), title="Fresh campaign story")
    story.save_revision().publish()  # as the moderators do: the factory sends no signal
    html = employee_client.get(campaign.url).content.decode()
    assert "Fresh campaign story" in html
    assert "<strong>31</strong> of 40 stories shared" in html
    assert "<strong>31</strong> of 40 stories shared" in employee_client.get("/").content.decode()


@time_machine.travel(TODAY)
def test_a_pack_published_or_deleted_in_the_window_shows_at_once(
    employee_client, campaign, packs_index, teams
):
    html = employee_client.get(campaign.url).content.decode()
    assert "<strong>12</strong> staff meetings held" in html
    make_pack(packs_index, teams[0], datetime.date(2026, 4, 18), title="Fresh staff meeting")
    html = employee_client.get(campaign.url).content.decode()
    assert "Fresh staff meeting" in html
    assert "<strong>13</strong> staff meetings held" in html
    MeetingPackPage.objects.get(title="Fresh staff meeting").delete()
    html = employee_client.get(campaign.url).content.decode()
    assert "Fresh staff meeting" not in html
    assert "<strong>12</strong> staff meetings held" in html


@time_machine.travel(TODAY)
def test_an_edited_campaign_shows_at_once_on_its_page_and_the_banner(employee_client, campaign):
    employee_client.get(campaign.url)
    employee_client.get("/")
    campaign.title = "Learning Out Loud Month"
    campaign.save_revision().publish()
    assert "Learning Out Loud Month" in employee_client.get(campaign.url).content.decode()
    assert "Learning Out Loud Month" in employee_client.get("/").content.decode()
    campaign.unpublish()
    assert "campaign-banner" not in employee_client.get("/").content.decode()


@time_machine.travel(TODAY)
def test_a_campaign_published_today_shows_in_the_banner_at_once(employee_client, campaigns_index):
    assert "campaign-banner" not in employee_client.get("/").content.decode()
    make_campaign(campaigns_index, START, END, title="Brand new month")
    assert "Brand new month" in employee_client.get("/").content.decode()


@pytest.fixture
def insiders(other_employee):
    group = Group.objects.create(name="Insiders")
    other_employee.groups.add(group)
    return group


def restrict(page, group):
    restriction = PageViewRestriction.objects.create(
        page=page, restriction_type=PageViewRestriction.GROUPS
    )
    restriction.groups.add(group)


def in_turn(readers, member_first):
    return readers if member_first else readers[::-1]


@pytest.mark.parametrize("member_first", [True, False])
@time_machine.travel(TODAY)
def test_readers_who_fail_a_restriction_never_share_the_stories(
    client, employee, other_employee, insiders, campaign, stories_index, member_first
):
    restrict(make_story(stories_index, london(2026, 4, 19, 9), title="Insiders only"), insiders)
    for user, is_insider in in_turn([(other_employee, True), (employee, False)], member_first):
        client.force_login(user)
        for _ in range(2):  # cold, then warm
            html = client.get(campaign.url).content.decode()
            assert ("Insiders only" in html) is is_insider, user
            assert "Campaign story 29" in html


@pytest.mark.parametrize("member_first", [True, False])
@time_machine.travel(TODAY)
def test_readers_who_fail_a_restriction_never_share_the_banner(
    client, employee, other_employee, insiders, campaign, member_first
):
    restrict(campaign, insiders)
    for user, is_insider in in_turn([(other_employee, True), (employee, False)], member_first):
        client.force_login(user)
        for _ in range(2):  # cold, then warm
            assert ("campaign-banner" in client.get("/").content.decode()) is is_insider, user


@time_machine.travel(TODAY)
def test_an_author_gone_anonymous_is_hidden_at_once(
    employee_client, campaign, stories_index, other_employee
):
    other_employee.first_name, other_employee.last_name = "Sam", "Secretive"
    other_employee.save()
    story = make_story(
        stories_index, london(2026, 4, 19, 9), title="Told by Sam", author=other_employee
    )
    assert "Sam Secretive" in employee_client.get(campaign.url).content.decode()
    story.authorship.is_anonymous = True
    story.authorship.save()
    html = employee_client.get(campaign.url).content.decode()
    assert "Told by Sam" in html and "Sam Secretive" not in html


@time_machine.travel(TODAY)
def test_a_deleted_quote_leaves_at_once(employee_client, campaign):
    assert "Campaign quote 2" in employee_client.get(campaign.url).content.decode()
    Quote.objects.get(text="Campaign quote 2").delete()
    assert "Campaign quote 2" not in employee_client.get(campaign.url).content.decode()


def test_days_left_and_the_week_quote_move_with_nothing_saved(client, employee, campaign):
    monday = datetime.date(2026, 4, 27)
    QuoteFactory(text="Words for the last week", week=monday)
    # One second apart: well within the fragments' lifetime, so only the keys can tell.
    before, after = go_live_at(monday) - datetime.timedelta(seconds=1), go_live_at(monday)
    with time_machine.travel(before, tick=False):
        client.force_login(employee)
        for _ in range(2):
            assert "Words for the last week" not in client.get(campaign.url).content.decode()
    with time_machine.travel(after, tick=False):
        client.force_login(employee)
        assert "Words for the last week" in client.get(campaign.url).content.decode()
    midnight = london(2026, 4, 28, 0, 0)
    with time_machine.travel(midnight - datetime.timedelta(seconds=1), tick=False):
        client.force_login(employee)
        for _ in range(2):
            assert "4 days left" in client.get("/").content.decode()
            assert "4 days left" in client.get(campaign.url).content.decode()
    with time_machine.travel(midnight, tick=False):
        client.force_login(employee)
        assert "3 days left" in client.get("/").content.decode()
        assert "3 days left" in client.get(campaign.url).content.decode()


def test_a_mark_retires_no_culture_fragment(employee, stories_index):
    story = make_story(stories_index, london(2026, 4, 2, 9))

    def versions():
        return [fragment_versions.version(scope) for scope in ("campaigns", "packs", "quotes")]

    before = versions()
    LearnedFromThis.objects.create(story=story, user=employee)
    assert versions() == before
