"""Sessions end after eight idle hours, and reading pages does not write the session each time.

Each test signs in through the real sign-in form and then reads the real home page on a frozen
clock (time_machine), moving it forward between requests.
"""

import os
import subprocess
import sys
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
import time_machine
from django.contrib.sessions.models import Session
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from django.utils.http import http_date

ROOT = Path(__file__).resolve().parents[2]
SIGNED_IN_AT = datetime(2025, 3, 3, 9, 0, tzinfo=UTC)
IDLE_TIMEOUT = timedelta(hours=8)


@pytest.fixture
def clock():
    with time_machine.travel(SIGNED_IN_AT, tick=False) as traveller:
        yield traveller


@pytest.fixture
def signed_in(client, employee, home_page, clock):
    """The employee signed in through the sign-in form at SIGNED_IN_AT and, like a browser,
    followed it to the home page (whose first view after a sign-in stores a flag in the
    session); returns the session key."""
    response = client.post(
        "/accounts/login/", {"username": "erin", "password": "pass"}, follow=True
    )
    assert response.redirect_chain == [("/", 302)]
    assert response.status_code == 200
    return client.cookies["sessionid"].value


def session_writes(queries):
    return [
        query["sql"]
        for query in queries
        if "django_session" in query["sql"]
        and query["sql"].lstrip().upper().startswith(("INSERT", "UPDATE", "DELETE"))
    ]


def expiry_in_database(session_key):
    return Session.objects.get(session_key=session_key).expire_date


def assert_cookie_expires(response, session_key, at):
    cookie = response.cookies["sessionid"]
    assert cookie.value == session_key
    assert cookie["max-age"] == int(IDLE_TIMEOUT.total_seconds())
    assert cookie["expires"] == http_date(at.timestamp())


@pytest.mark.django_db
def test_sign_in_sets_cookie_and_database_row_to_expire_together(
    client, employee, home_page, clock
):
    response = client.post("/accounts/login/", {"username": "erin", "password": "pass"})
    session_key = response.cookies["sessionid"].value

    assert_cookie_expires(response, session_key, SIGNED_IN_AT + IDLE_TIMEOUT)
    assert expiry_in_database(session_key) == SIGNED_IN_AT + IDLE_TIMEOUT


@pytest.mark.django_db
def test_a_request_within_the_refresh_interval_writes_nothing(client, signed_in, clock):
    clock.shift(timedelta(minutes=4))
    with CaptureQueriesContext(connection) as queries:
        response = client.get("/")

    assert response.status_code == 200
    assert "sessionid" not in response.cookies
    assert session_writes(queries) == []
    assert expiry_in_database(signed_in) == SIGNED_IN_AT + IDLE_TIMEOUT


@pytest.mark.django_db
def test_a_request_after_the_refresh_interval_moves_the_expiry(client, signed_in, clock):
    clock.shift(timedelta(minutes=6))
    with CaptureQueriesContext(connection) as queries:
        response = client.get("/")

    refreshed_at = SIGNED_IN_AT + timedelta(minutes=6)
    assert response.status_code == 200
    assert_cookie_expires(response, signed_in, refreshed_at + IDLE_TIMEOUT)
    assert len(session_writes(queries)) == 1
    assert expiry_in_database(signed_in) == refreshed_at + IDLE_TIMEOUT


@pytest.mark.django_db
def test_just_under_eight_idle_hours_the_user_is_still_signed_in(client, signed_in, clock):
    clock.shift(IDLE_TIMEOUT - timedelta(minutes=1))
    assert client.get("/").status_code == 200


@pytest.mark.django_db
def test_eight_idle_hours_sign_the_user_out(client, signed_in, clock):
    clock.shift(IDLE_TIMEOUT + timedelta(seconds=1))
    response = client.get("/")

    assert response.status_code == 302
    assert response.url == "/accounts/login/?next=/"
    # The old cookie alone does not sign anyone in: its database row has expired too, and the
    # response clears the cookie.
    assert expiry_in_database(signed_in) < timezone.now()
    assert response.cookies["sessionid"].value == ""


@pytest.mark.django_db
def test_activity_every_few_minutes_keeps_the_user_signed_in_past_eight_hours(
    client, signed_in, clock
):
    requests = refreshes = 0
    while timezone.now() < SIGNED_IN_AT + timedelta(hours=7, minutes=59):
        clock.shift(timedelta(minutes=4))
        response = client.get("/")
        assert response.status_code == 200
        requests += 1
        refreshes += "sessionid" in response.cookies

    # Every second read refreshes (4 minutes is under the 5-minute interval, 8 is over it).
    assert refreshes == requests // 2
    # Half an hour after the last read, 8.5 hours after signing in: still signed in.
    clock.move_to(SIGNED_IN_AT + timedelta(hours=8, minutes=30))
    assert client.get("/").status_code == 200


def test_the_idle_timeout_comes_from_session_idle_hours():
    result = subprocess.run(
        [
            sys.executable,
            "manage.py",
            "shell",
            "--no-imports",
            "--command",
            "from django.conf import settings; print(settings.SESSION_COOKIE_AGE)",
        ],
        cwd=ROOT,
        env={
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "culture.settings.test",
            "SESSION_IDLE_HOURS": "1.5",
        },
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == str(90 * 60)
