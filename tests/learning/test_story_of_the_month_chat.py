"""The story of the month in Teams and Slack (culture/learning/announcements.py)."""

from io import StringIO

import pytest
from django.core.management import call_command
from wagtail.models import PageViewRestriction

from culture.learning.models import StoryOfTheMonth, first_of_month
from home.models import SiteSettings
from tests.webhook_receiver import Receiver

from .conftest import story

pytestmark = pytest.mark.django_db


@pytest.fixture
def receiver():
    with Receiver() as running:
        yield running


@pytest.fixture
def channels(home_page, receiver, settings):
    settings.CHAT_WEBHOOK_TIMEOUT = 0.5
    site_settings = SiteSettings.for_site(home_page.get_site())
    site_settings.teams_workflow_url = receiver.base + "/teams"
    site_settings.slack_webhook_url = receiver.base + "/slack"
    site_settings.save()


def run():
    out = StringIO()
    call_command("announce_story_of_the_month", stdout=out, stderr=out)
    return out.getvalue()


def test_the_pick_goes_to_teams_and_slack_once_and_keeps_an_anonymous_author(
    channels, receiver, stories_index, author, payroll
):
    assert "No story of the month" in run()
    picked = story(
        parent=stories_index,
        title="We paid a supplier twice",
        summary="A second pair of eyes on payment runs.",
        author=author,
        author__anonymous=True,
        team=payroll,
    )
    StoryOfTheMonth.objects.create(
        month=first_of_month(), story=picked, why="Read it before the quarter's close."
    )
    assert "Posted" in run()
    teams = receiver.at("/teams")[-1]["body"]["attachments"][0]["content"]
    assert teams["body"][0]["text"] == "Story of the month"
    card = " ".join(block.get("text", "") for block in teams["body"])
    assert "We paid a supplier twice" in card and "By Anonymous" in card
    assert "Read it before the quarter" in card
    assert teams["actions"][0]["url"] == f"http://testserver{picked.url}"
    slack = receiver.at("/slack")[-1]["body"]
    posted = str(slack)
    for secret in ("Quiet", "Author", "quietauthor", "Payroll"):
        assert secret not in posted and secret not in card
    assert "already posted" in run()
    assert len(receiver.at("/teams")) == 1 and len(receiver.at("/slack")) == 1


def test_a_restricted_story_is_never_announced(channels, receiver, stories_index, author):
    picked = story(parent=stories_index, title="Only for leads", author=author)
    PageViewRestriction.objects.create(page=picked, restriction_type="login")
    StoryOfTheMonth.objects.create(month=first_of_month(), story=picked)
    assert "not announced" in run()
    assert receiver.at("/teams") == [] and receiver.at("/slack") == []
