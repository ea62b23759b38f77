"""Sign-in throttling (django-axes): ten failures for one account from one address lock it there.

Every test posts the real sign-in forms: the site's (/accounts/login/), the Wagtail admin's
(/admin/login/) and Wagtail's own front-end form (/_util/login/).
"""

import os
import re
import subprocess
import sys
from datetime import UTC, datetime, timedelta

import pytest
import time_machine
from axes.models import AccessAttempt
from django.conf import settings as django_settings
from django.contrib.auth.models import Group
from django.db import connection
from django.test import Client, RequestFactory
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from home.factories import UserFactory
from home.roles import CULTURE_TEAM, MODERATORS
from home.sign_in_throttling import client_ip_address

LOCKED = "Too many failed sign-ins. Try again in 15 minutes, or ask the Culture team to unlock your account."
FORMS = ["login", "wagtailadmin_login", "wagtailcore_login"]
LOCKOUTS_URL = "/admin/sign-in-lockouts/"

pytestmark = pytest.mark.django_db


def sign_in(client, username, password="wrong", form="login", **extra):
    return client.post(reverse(form), {"username": username, "password": password}, **extra)


def fail(client, username, times, form="login", **extra):
    """`times` wrong passwords; every response but a locking one is the form with its error."""
    responses = [sign_in(client, username, form=form, **extra) for _ in range(times)]
    return responses[-1]


def is_signed_in(client, response):
    return response.status_code == 302 and "_auth_user_id" in client.session


def text(response):
    return response.content.decode()


# The limit, on every form ----------------------------------------------------------------------


@pytest.mark.parametrize("form", FORMS)
def test_nine_failures_are_allowed_the_tenth_locks_and_the_right_password_is_refused(
    client, home_page, employee, form
):
    for attempt in range(9):
        response = sign_in(client, "erin", form=form)
        assert response.status_code == 200, attempt
        assert LOCKED not in text(response)

    locking = sign_in(client, "erin", form=form)
    assert locking.status_code == 429
    assert LOCKED in text(locking)
    assert "Please enter a correct username and password" not in text(locking)

    refused = sign_in(client, "erin", "pass", form=form)
    assert refused.status_code == 429
    assert LOCKED in text(refused)
    assert "_auth_user_id" not in client.session
    # The form is shown again with the username kept; only the password is to be typed again.
    assert 'value="erin"' in text(refused)
    assert refused["Retry-After"] == str(15 * 60)
    assert "no-store" in refused["Cache-Control"]


def test_site_form_shows_the_message_in_the_sites_look(client, home_page, employee):
    fail(client, "erin", 9)
    response = sign_in(client, "erin")
    assert re.search(
        r'<div class="form-errors" role="alert"><p>' + re.escape(LOCKED), text(response)
    )
    assert response.templates[0].name == "registration/login.html"
    assert '<header class="site-header"' in text(response) and "<h1>Sign in</h1>" in text(response)


def test_wagtail_front_end_form_uses_the_sites_form(client, home_page, employee):
    fail(client, "erin", 9, form="wagtailcore_login")
    response = sign_in(client, "erin", form="wagtailcore_login")
    assert response.templates[0].name == "registration/login.html"
    assert re.search(
        r'<div class="form-errors" role="alert"><p>' + re.escape(LOCKED), text(response)
    )


def test_admin_form_shows_the_message_in_the_admins_look(client, home_page, employee):
    fail(client, "erin", 9, form="wagtailadmin_login")
    response = sign_in(client, "erin", form="wagtailadmin_login")
    assert response.templates[0].name == "wagtailadmin/login.html"
    assert f'<li class="error">{LOCKED}</li>' in text(response)


def test_a_lock_from_one_form_holds_on_the_others(client, home_page, employee):
    fail(client, "erin", 10)
    for form in FORMS:
        response = sign_in(client, "erin", "pass", form=form)
        assert response.status_code == 429, form
        assert LOCKED in text(response)


def test_other_accounts_from_the_same_address_still_sign_in(client, home_page, employee):
    UserFactory(username="sam")
    fail(client, "erin", 10)
    assert is_signed_in(client, sign_in(client, "sam", "pass"))


def test_a_smaller_limit_from_the_settings_applies(client, home_page, employee, settings):
    settings.AXES_FAILURE_LIMIT = 3
    assert sign_in(client, "erin").status_code == 200
    assert sign_in(client, "erin").status_code == 200
    assert sign_in(client, "erin").status_code == 429


def test_the_environment_sets_limit_cool_off_and_proxies():
    environment = {
        **os.environ,
        "SIGN_IN_FAILURE_LIMIT": "4",
        "SIGN_IN_COOL_OFF_MINUTES": "30",
        "TRUSTED_PROXY_COUNT": "2",
    }
    code = (
        "from culture.settings import test as s; "
        "print(s.AXES_FAILURE_LIMIT, int(s.AXES_COOLOFF_TIME.total_seconds()), s.TRUSTED_PROXY_COUNT)"
    )
    result = subprocess.run(
        [sys.executable, "-c", code],
        env=environment,
        cwd=django_settings.BASE_DIR,
        capture_output=True,
        text=True,
        check=True,
    )
    assert result.stdout.split() == ["4", "1800", "2"]
    assert django_settings.AXES_FAILURE_LIMIT == 10
    assert django_settings.AXES_COOLOFF_TIME.total_seconds() == 15 * 60
    assert django_settings.TRUSTED_PROXY_COUNT == 0


# No hint of whether an account exists ----------------------------------------------------------


def normalised(response, username):
    """The page with the per-request CSRF tokens (64 characters) and the typed username out."""
    page = re.sub(r"[A-Za-z0-9]{64}", "", text(response))
    return page.replace(username, "USERNAME")


@pytest.mark.parametrize("form", FORMS)
def test_an_unknown_username_is_locked_the_same_way(client, home_page, employee, form):
    for attempt in range(10):
        known = sign_in(client, "erin", form=form)
        unknown = sign_in(client, "nobody", form=form)
        assert known.status_code == unknown.status_code, attempt
        assert normalised(known, "erin") == normalised(unknown, "nobody"), attempt
    assert unknown.status_code == 429
    assert LOCKED in text(unknown)

    known = sign_in(client, "erin", "pass", form=form)
    unknown = sign_in(client, "nobody", "pass", form=form)
    assert (known.status_code, known["Retry-After"]) == (429, unknown["Retry-After"])
    assert normalised(known, "erin") == normalised(unknown, "nobody")


# Success and the cool-off ----------------------------------------------------------------------


def test_a_successful_sign_in_clears_the_failures(client, home_page, employee):
    fail(client, "erin", 9)
    assert is_signed_in(client, sign_in(client, "erin", "pass"))
    client.logout()

    assert fail(client, "erin", 9).status_code == 200
    assert sign_in(client, "erin").status_code == 429


def test_the_lock_ends_after_the_cool_off_and_retrying_does_not_extend_it(
    client, home_page, employee
):
    start = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)
    with time_machine.travel(start, tick=False) as clock:
        fail(client, "erin", 10)

        clock.shift(timedelta(minutes=5))
        refused = sign_in(client, "erin", "pass")
        assert refused.status_code == 429
        assert "Try again in 10 minutes" in text(refused)

        clock.shift(timedelta(minutes=9, seconds=30))
        refused = sign_in(client, "erin", "pass")
        assert "Try again in 1 minute," in text(refused)
        assert refused["Retry-After"] == "30"

        clock.shift(timedelta(seconds=31))
        assert is_signed_in(client, sign_in(client, "erin", "pass"))


# Behind the HTTPS proxy ------------------------------------------------------------------------

PROXY = "10.0.0.2"


def via_proxy(client_address, forwarded_before=""):
    """What a proxy that appends the address it was reached from passes on to the site."""
    forwarded = f"{forwarded_before}, {client_address}" if forwarded_before else client_address
    return {"REMOTE_ADDR": PROXY, "HTTP_X_FORWARDED_FOR": forwarded}


def test_behind_a_proxy_a_colleague_is_not_locked_out(client, home_page, employee, settings):
    settings.TRUSTED_PROXY_COUNT = 1
    UserFactory(username="sam")
    fail(client, "erin", 10, **via_proxy("192.0.2.10"))
    assert sign_in(client, "erin", "pass", **via_proxy("192.0.2.10")).status_code == 429

    # Erin at another desk, and Sam at Erin's desk or his own: all behind the same proxy.
    assert is_signed_in(client, sign_in(client, "erin", "pass", **via_proxy("192.0.2.20")))
    client.logout()
    assert is_signed_in(client, sign_in(client, "sam", "pass", **via_proxy("192.0.2.10")))
    client.logout()
    assert is_signed_in(client, sign_in(client, "sam", "pass", **via_proxy("192.0.2.30")))
    assert AccessAttempt.objects.get().ip_address == "192.0.2.10"


def test_behind_a_proxy_an_address_written_by_the_client_is_not_believed(
    client, home_page, employee, settings
):
    settings.TRUSTED_PROXY_COUNT = 1
    fail(client, "erin", 10, **via_proxy("192.0.2.10"))
    spoofed = via_proxy("192.0.2.10", forwarded_before="198.51.100.7")
    assert sign_in(client, "erin", "pass", **spoofed).status_code == 429


def test_without_trusted_proxies_x_forwarded_for_is_ignored(client, home_page, employee):
    address = {"REMOTE_ADDR": "192.0.2.40"}
    for attempt in range(10):
        # A different made-up client address each time: it must not give fresh attempts.
        sign_in(client, "erin", **address, HTTP_X_FORWARDED_FOR=f"203.0.113.{attempt}")
    assert set(AccessAttempt.objects.values_list("ip_address", flat=True)) == {"192.0.2.40"}
    response = sign_in(client, "erin", "pass", **address, HTTP_X_FORWARDED_FOR="203.0.113.99")
    assert response.status_code == 429


@pytest.mark.parametrize(
    ("proxies", "forwarded", "expected"),
    [
        (0, "203.0.113.1", "10.0.0.2"),
        (1, "203.0.113.1", "203.0.113.1"),
        (1, "198.51.100.7, 203.0.113.1", "203.0.113.1"),
        (2, "198.51.100.7, 203.0.113.1, 10.0.0.1", "203.0.113.1"),
        (2, "203.0.113.1", "10.0.0.2"),  # did not pass through both proxies
        (1, "", "10.0.0.2"),
        (1, "not-an-address", "10.0.0.2"),
        (1, "2001:DB8::1", "2001:db8::1"),
    ],
)
def test_client_address_counts_trusted_proxies_from_the_right(
    settings, proxies, forwarded, expected
):
    settings.TRUSTED_PROXY_COUNT = proxies
    request = RequestFactory().post(
        "/accounts/login/", REMOTE_ADDR="10.0.0.2", HTTP_X_FORWARDED_FOR=forwarded
    )
    assert client_ip_address(request) == expected


# Unlocking in the admin ------------------------------------------------------------------------


def test_culture_team_sees_the_lockouts_and_unlocks_an_account(
    client, home_page, employee, culture_member
):
    fail(client, "erin", 10)
    fail(client, "nobody", 10)
    fail(client, "sam", 3)  # not locked: not listed

    client.force_login(culture_member)
    page = client.get(LOCKOUTS_URL)
    assert page.status_code == 200
    listed = [lockout.username for lockout in page.context["lockouts"]]
    assert sorted(listed) == ["erin", "nobody"]
    assert "Erin Walsh" in text(page)
    assert "No such account" in text(page)
    assert "127.0.0.1" not in text(page)

    response = client.post(LOCKOUTS_URL, {"username": "erin"})
    assert response.status_code == 302
    assert response["Location"] == LOCKOUTS_URL
    assert "erin can sign in again." in text(client.get(LOCKOUTS_URL))
    client.logout()

    assert is_signed_in(client, sign_in(client, "erin", "pass"))
    assert not AccessAttempt.objects.filter(username="erin").exists()
    client.logout()
    assert sign_in(client, "nobody", "pass").status_code == 429


def test_unlocking_needs_the_csrf_token(client, home_page, employee, culture_member):
    fail(client, "erin", 10)
    browser = Client(enforce_csrf_checks=True)
    browser.force_login(culture_member)
    assert browser.post(LOCKOUTS_URL, {"username": "erin"}).status_code == 403
    assert AccessAttempt.objects.filter(username="erin").exists()

    token = re.search(
        r'name="csrfmiddlewaretoken" value="([^"]+)"', text(browser.get(LOCKOUTS_URL))
    )
    unlocked = browser.post(
        LOCKOUTS_URL, {"username": "erin", "csrfmiddlewaretoken": token.group(1)}
    )
    assert unlocked.status_code == 302
    assert not AccessAttempt.objects.filter(username="erin").exists()


def test_a_superuser_can_unlock_too(client, home_page, employee, superuser):
    fail(client, "erin", 10)
    client.force_login(superuser)
    assert client.get(LOCKOUTS_URL).status_code == 200
    client.post(LOCKOUTS_URL, {"username": "erin"})
    client.logout()
    assert is_signed_in(client, sign_in(client, "erin", "pass"))


def test_moderators_are_refused(client, home_page, employee, moderator):
    fail(client, "erin", 10)
    client.force_login(moderator)
    page = client.get(LOCKOUTS_URL)
    assert page.status_code == 403
    assert "erin" not in text(page)
    assert client.post(LOCKOUTS_URL, {"username": "erin"}).status_code == 403
    client.logout()
    assert sign_in(client, "erin", "pass").status_code == 429


def test_employees_never_reach_the_admin_screen(client, home_page, employee, other_employee):
    fail(client, "erin", 10)
    client.force_login(other_employee)
    # Like every admin URL, Wagtail sends someone without admin access to its sign-in page.
    for response in (client.get(LOCKOUTS_URL), client.post(LOCKOUTS_URL, {"username": "erin"})):
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("wagtailadmin_login"))
    client.logout()
    assert sign_in(client, "erin", "pass").status_code == 429


def test_the_permission_is_decided_on_every_request(client, home_page):
    member = UserFactory(username="casey", roles=[CULTURE_TEAM, MODERATORS])
    client.force_login(member)
    assert client.get(LOCKOUTS_URL).status_code == 200
    member.groups.remove(Group.objects.get(name=CULTURE_TEAM))
    assert client.get(LOCKOUTS_URL).status_code == 403


def test_the_menu_item_is_under_settings_for_the_culture_team_only(
    client, home_page, culture_member, moderator
):
    client.force_login(culture_member)
    assert LOCKOUTS_URL in text(client.get("/admin/"))
    client.force_login(moderator)
    assert LOCKOUTS_URL not in text(client.get("/admin/"))


def locked_attempt(username, address):
    return AccessAttempt.objects.create(
        username=username,
        ip_address=address,
        user_agent="test",
        failures_since_start=10,
        get_data="",
        post_data="",
        http_accept="*/*",
        path_info="/accounts/login/",
    )


def test_the_list_takes_the_same_queries_for_one_lockout_or_thirty(
    client, home_page, culture_member
):
    client.force_login(culture_member)
    client.get(LOCKOUTS_URL)  # the session's first save is not the list's doing

    def queries():
        with CaptureQueriesContext(connection) as captured:
            page = client.get(LOCKOUTS_URL)
        return len(captured), len(page.context["lockouts"])

    locked_attempt(UserFactory(username="person0").username, "192.0.2.100")
    one = queries()
    for number in range(1, 30):
        locked_attempt(UserFactory(username=f"person{number}").username, f"192.0.2.{number}")
    thirty = queries()
    assert (one[1], thirty[1]) == (1, 30)
    assert thirty[0] == one[0]
