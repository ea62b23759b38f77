"""The Quote of the Week in Teams and Slack (home/chat.py), besides the JSON webhook."""

import pytest
from django.urls import reverse

from home.models import ChatAnnouncement, SiteSettings
from tests.webhook_receiver import Receiver

from .conftest import A_MONDAY, at
from .test_webhook import announce

pytestmark = pytest.mark.django_db


@pytest.fixture
def receiver():
    with Receiver() as running:
        yield running


@pytest.fixture
def chat_channels(home_page, receiver, settings):
    settings.CHAT_WEBHOOK_TIMEOUT = 0.5
    site_settings = SiteSettings.for_site(home_page.get_site())
    site_settings.teams_workflow_url = receiver.base + "/teams"
    site_settings.slack_webhook_url = receiver.base + "/slack"
    site_settings.save()
    return site_settings


def test_the_live_quote_goes_to_teams_and_slack_once(
    chat_channels, receiver, frozen, week_of_quotes
):
    frozen(at(A_MONDAY, 8, 7))
    # Last week's quote is still live at 08:07: it is announced if it never was.
    assert "Posted" in announce()
    frozen(at(A_MONDAY, 8, 8))
    assert "Posted" in announce()
    link = f"http://testserver{reverse('quotes:detail', args=[week_of_quotes['this'].pk])}"
    teams = receiver.at("/teams")[-1]["body"]["attachments"][0]["content"]
    assert teams["body"][0]["text"] == "Quote of the Week"
    assert teams["body"][1]["text"] == "“Fall seven times, stand up eight.” — Japanese proverb"
    assert teams["actions"][0]["url"] == link
    slack = receiver.at("/slack")[-1]["body"]
    assert slack["blocks"][2]["elements"][0]["url"] == link
    assert "Fall seven times" in slack["text"]

    frozen(at(A_MONDAY, 8, 9))
    assert "already posted" in announce()
    assert len(receiver.at("/teams")) == 2 and len(receiver.at("/slack")) == 2
    assert ChatAnnouncement.objects.filter(key=f"quote:{week_of_quotes['this'].pk}").count() == 2


def test_a_chat_failure_is_retried_without_posting_the_webhook_again(
    chat_channels, receiver, frozen, week_of_quotes, home_page
):
    from culture.quotes.models import QuoteSettings

    quote_settings = QuoteSettings.for_site(home_page.get_site())
    quote_settings.webhook_url = receiver.url
    quote_settings.save()
    chat_channels.teams_workflow_url = "http://127.0.0.1:9/nothing-listens-here"
    chat_channels.save()
    frozen(at(A_MONDAY, 9, 0))
    assert "failed" in announce()
    assert len(receiver.at("/hooks/quote")) == 1 and len(receiver.at("/slack")) == 1

    chat_channels.teams_workflow_url = receiver.base + "/teams"
    chat_channels.save()
    assert "Posted" in announce()
    assert len(receiver.at("/hooks/quote")) == 1
    assert len(receiver.at("/slack")) == 1
    assert len(receiver.at("/teams")) == 1


def test_the_command_explains_when_nothing_is_set(home_page, frozen, week_of_quotes):
    frozen(at(A_MONDAY, 9, 0))
    output = announce()
    assert "No webhook URL" in output and "no chat channel" in output
