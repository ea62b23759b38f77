"""Chat announcements to Microsoft Teams (a Workflows webhook) and Slack (an incoming webhook),
posted to a real HTTP server on 127.0.0.1."""

import logging
import time

import pytest

from home import chat
from home.models import ChatAnnouncement, SiteSettings
from tests.webhook_receiver import Receiver

pytestmark = pytest.mark.django_db

MESSAGE = chat.ChatMessage(
    key="story-of-the-month:2026-12",
    title="Story of the month",
    text="The payslips went out twice <!channel> & what we changed",
    link="http://testserver/stories/the-payslips-went-out-twice/",
)


@pytest.fixture
def receiver():
    # A Teams workflow answers 202 Accepted; anything 2xx is a success.
    with Receiver(ok_status=202) as running:
        yield running


@pytest.fixture
def channels(home_page, receiver, settings):
    settings.CHAT_WEBHOOK_TIMEOUT = 0.5
    site_settings = SiteSettings.for_site(home_page.get_site())
    site_settings.teams_workflow_url = receiver.base + "/teams"
    site_settings.slack_webhook_url = receiver.base + "/slack"
    site_settings.save()
    return site_settings


def test_teams_gets_an_adaptive_card_in_a_message(channels, receiver):
    assert chat.announce(MESSAGE) == {"teams": "posted", "slack": "posted"}
    [posted] = receiver.at("/teams")
    assert posted["content_type"] == "application/json"
    body = posted["body"]
    assert body["type"] == "message"
    [attachment] = body["attachments"]
    assert attachment["contentType"] == "application/vnd.microsoft.card.adaptive"
    card = attachment["content"]
    assert card["type"] == "AdaptiveCard" and card["version"] == "1.4"
    assert [block["text"] for block in card["body"]] == [MESSAGE.title, MESSAGE.text]
    assert all(block["wrap"] for block in card["body"])
    assert card["actions"] == [
        {"type": "Action.OpenUrl", "title": "Open in Own It", "url": MESSAGE.link}
    ]


def test_slack_gets_blocks_with_an_escaped_fallback(channels, receiver):
    chat.announce(MESSAGE)
    [posted] = receiver.at("/slack")
    body = posted["body"]
    escaped = "The payslips went out twice &lt;!channel&gt; &amp; what we changed"
    assert body["text"] == f"Story of the month: {escaped} <{MESSAGE.link}|Open in Own It>"
    header, section, actions = body["blocks"]
    assert header == {"type": "header", "text": {"type": "plain_text", "text": MESSAGE.title}}
    assert section == {"type": "section", "text": {"type": "mrkdwn", "text": escaped}}
    assert actions["elements"][0]["url"] == MESSAGE.link
    assert body["unfurl_links"] is False


def test_each_channel_gets_a_message_once(channels, receiver):
    chat.announce(MESSAGE)
    assert chat.announce(MESSAGE) == {"teams": "already posted", "slack": "already posted"}
    assert len(receiver.received) == 2
    assert ChatAnnouncement.objects.filter(posted_at__isnull=False).count() == 2
    # Another message is another announcement.
    other = chat.ChatMessage(key="quote:7", title="Quote of the Week", text="“…”", link="/q/7/")
    assert chat.announce(other) == {"teams": "posted", "slack": "posted"}


def test_a_failing_channel_is_retried_and_the_other_not_posted_twice(channels, receiver, caplog):
    channels.slack_webhook_url = "http://127.0.0.1:9/nothing-listens-here"
    channels.save()
    with caplog.at_level(logging.WARNING, logger="home.chat"):
        assert chat.announce(MESSAGE) == {"teams": "posted", "slack": "failed"}
    assert "Announcing story-of-the-month:2026-12 to slack failed (attempt 1)" in caplog.text
    failed = ChatAnnouncement.objects.get(channel="slack")
    assert failed.posted_at is None and failed.attempts == 1 and failed.last_error

    channels.slack_webhook_url = receiver.base + "/slack"
    channels.save()
    assert chat.announce(MESSAGE) == {"teams": "already posted", "slack": "posted"}
    assert len(receiver.at("/teams")) == 1 and len(receiver.at("/slack")) == 1
    failed.refresh_from_db()
    assert failed.posted_at is not None and failed.attempts == 2 and failed.last_error == ""


def test_an_http_error_and_a_slow_receiver_are_failures(channels, receiver):
    receiver.mode = "error"
    assert chat.announce(MESSAGE) == {"teams": "failed", "slack": "failed"}
    assert "HTTP 500" in ChatAnnouncement.objects.get(channel="teams").last_error
    receiver.mode = "slow"
    started = time.monotonic()
    assert chat.announce(MESSAGE) == {"teams": "failed", "slack": "failed"}
    assert time.monotonic() - started < 2.5  # two 0.5 s time-outs, not two 1.5 s waits
    receiver.mode = "ok"
    assert chat.announce(MESSAGE) == {"teams": "posted", "slack": "posted"}


def test_only_the_channels_with_an_address_are_used(channels, receiver):
    channels.teams_workflow_url = ""
    channels.save()
    assert chat.announce(MESSAGE) == {"slack": "posted"}
    assert [item["path"] for item in receiver.received] == ["/slack"]
    channels.slack_webhook_url = ""
    channels.save()
    assert chat.announce(MESSAGE) == {}


def test_without_a_site_nothing_is_posted(db):
    assert chat.announce(MESSAGE) == {}


def test_the_culture_team_sets_the_channels_in_site_settings(client, home_page, culture_member):
    from django.urls import reverse

    client.force_login(culture_member)
    url = reverse("wagtailsettings:edit", args=["home", "sitesettings", home_page.get_site().pk])
    form = {
        "site_name": "Own It",
        "tagline": "",
        "primary_colour": "#1f5f8b",
        "anonymity_min_group": 5,
        "daily_publication_time": "09:00",
        "teams_workflow_url": "the flow in Teams",
        "slack_webhook_url": "https://hooks.slack.com/services/T000/B000/XXXX",
    }
    refused = client.post(url, form)
    assert refused.status_code == 200
    page = refused.content.decode()
    assert "Enter a valid URL." in page
    # What was typed is kept, the other address too.
    assert "https://hooks.slack.com/services/T000/B000/XXXX" in page
    assert 'value="the flow in Teams"' in page
    form["teams_workflow_url"] = "https://prod-42.westeurope.logic.azure.com/workflows/abc"
    assert client.post(url, form).status_code == 302
    assert chat.configured_channels() == {
        "teams": "https://prod-42.westeurope.logic.azure.com/workflows/abc",
        "slack": "https://hooks.slack.com/services/T000/B000/XXXX",
    }


def test_the_test_command_posts_to_each_channel_and_says_so(channels, receiver):
    from io import StringIO

    from django.core.management import CommandError, call_command

    out = StringIO()
    call_command("send_test_announcement", stdout=out)
    assert out.getvalue().splitlines() == ["teams: posted", "slack: posted"]
    assert len(receiver.received) == 2
    # Each run is a new message.
    call_command("send_test_announcement", stdout=StringIO())
    assert len(receiver.received) == 4

    receiver.mode = "error"
    with pytest.raises(CommandError, match="did not take the message"):
        call_command("send_test_announcement", stdout=StringIO(), stderr=StringIO())
    channels.teams_workflow_url = channels.slack_webhook_url = ""
    channels.save()
    with pytest.raises(CommandError, match="No chat channel is set"):
        call_command("send_test_announcement")
