"""Announcing the quote to a chat webhook: against a real HTTP server on 127.0.0.1."""

import logging
import time
from io import StringIO

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from culture.quotes.models import QuoteAnnouncement, QuoteSettings
from tests.webhook_receiver import Receiver

from .conftest import A_MONDAY, at


@pytest.fixture
def receiver():
    with Receiver() as running:
        yield running


@pytest.fixture
def webhook(home_page, receiver, settings):
    settings.QUOTES_WEBHOOK_TIMEOUT = 0.5
    quote_settings = QuoteSettings.for_site(home_page.get_site())
    quote_settings.webhook_url = receiver.url
    quote_settings.save()
    return quote_settings


def announce():
    out, err = StringIO(), StringIO()
    call_command("announce_quote", stdout=out, stderr=err)
    return out.getvalue() + err.getvalue()


@pytest.mark.django_db
def test_the_quote_is_posted_once_when_it_goes_live(webhook, receiver, frozen, week_of_quotes):
    # Last week's quote was posted last Monday; at 08:07 it is still the quote of the week.
    QuoteAnnouncement.objects.create(quote=week_of_quotes["last"], posted_at=timezone.now())
    frozen(at(A_MONDAY, 8, 7))
    assert "already posted" in announce()
    assert receiver.received == []

    frozen(at(A_MONDAY, 8, 8))
    assert "Posted" in announce()
    assert len(receiver.received) == 1
    posted = receiver.received[0]
    assert posted["content_type"] == "application/json"
    body = posted["body"]
    quote = week_of_quotes["this"]
    assert "Fall seven times, stand up eight." in body["text"]
    assert body["quote"] == quote.text
    assert body["author"] == "Japanese proverb"
    assert body["link"] == f"http://testserver{reverse('quotes:detail', args=[quote.pk])}"
    assert body["week"] == "2026-06-15"

    frozen(at(A_MONDAY, 8, 9))
    assert "already posted" in announce()
    assert len(receiver.received) == 1
    assert QuoteAnnouncement.objects.get(quote=quote).posted_at is not None


@pytest.mark.django_db
def test_text_only_payload_for_strict_receivers(webhook, receiver, frozen, week_of_quotes):
    webhook.payload_format = QuoteSettings.PayloadFormat.TEXT_ONLY
    webhook.save()
    frozen(at(A_MONDAY, 9, 0))
    announce()
    assert list(receiver.received[0]["body"]) == ["text"]


@pytest.mark.django_db
def test_a_failing_receiver_is_logged_and_retried_on_the_next_run(
    webhook, receiver, frozen, week_of_quotes, caplog
):
    frozen(at(A_MONDAY, 8, 8))
    receiver.mode = "error"
    with caplog.at_level(logging.WARNING, logger="culture.quotes.webhooks"):
        assert "failed" in announce()
    assert "the receiver answered HTTP 500" in caplog.text
    announcement = QuoteAnnouncement.objects.get()
    assert announcement.posted_at is None
    assert announcement.attempts == 1
    assert "500" in announcement.last_error

    receiver.mode = "ok"
    frozen(at(A_MONDAY, 8, 9))
    assert "Posted" in announce()
    announcement.refresh_from_db()
    assert announcement.posted_at is not None
    assert announcement.attempts == 2
    assert len(receiver.received) == 2


@pytest.mark.django_db
def test_a_slow_receiver_times_out_and_is_retried(
    webhook, receiver, frozen, week_of_quotes, caplog
):
    frozen(at(A_MONDAY, 8, 8))
    receiver.mode = "slow"
    started = time.monotonic()
    with caplog.at_level(logging.WARNING, logger="culture.quotes.webhooks"):
        assert "failed" in announce()
    assert time.monotonic() - started < 1.4  # gave up at the 0.5 s time-out, not after 1.5 s
    assert "timed out" in caplog.text
    assert QuoteAnnouncement.objects.get().posted_at is None

    receiver.mode = "ok"
    assert "Posted" in announce()
    assert QuoteAnnouncement.objects.get().posted_at is not None


@pytest.mark.django_db
def test_a_receiver_that_is_down_never_breaks_a_page(
    webhook, employee_client, frozen, week_of_quotes
):
    webhook.webhook_url = "http://127.0.0.1:9/nothing-listens-here"
    webhook.save()
    frozen(at(A_MONDAY, 8, 8))
    assert "failed" in announce()
    assert employee_client.get("/").status_code == 200
    assert employee_client.get(reverse("quotes:archive")).status_code == 200


@pytest.mark.django_db
def test_no_webhook_set_posts_nothing(home_page, receiver, frozen, week_of_quotes):
    frozen(at(A_MONDAY, 8, 8))
    assert "No webhook URL" in announce()
    assert receiver.received == []
