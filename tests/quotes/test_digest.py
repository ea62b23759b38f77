"""The weekly digest: who gets it, what it says, once a week, and the unsubscribe link."""

import datetime
import logging
from io import StringIO

import pytest
from django.core import mail
from django.core.management import call_command
from django.urls import reverse
from wagtail import hooks

from culture.quotes.digest import DIGEST_SECTIONS_HOOK, DigestSection, recipients
from culture.quotes.models import DigestDelivery, DigestSubscription
from home.factories import UserFactory
from stories.factories import StoriesIndexPageFactory, StoryPageFactory
from stories.models.authorship import anonymous_author

from .backends import REFUSED
from .conftest import A_MONDAY, at

WEEK = datetime.timedelta(weeks=1)


@pytest.fixture
def digest_world(home_page, frozen, employee, other_employee, week_of_quotes):
    """Monday 08:08 of A_MONDAY, two stories from the past week (one anonymous), one older."""
    frozen(at(A_MONDAY - datetime.timedelta(days=10), 10, 0))
    index = StoriesIndexPageFactory(parent=home_page)
    StoryPageFactory(parent=index, title="Old story", author=employee)
    frozen(at(A_MONDAY - datetime.timedelta(days=2), 10, 0))
    priya = UserFactory(username="priya", first_name="Priya", last_name="Natarajan")
    named = StoryPageFactory(
        parent=index,
        title="We emailed the wrong client",
        summary="A second check before sending.",
        author=employee,
    )
    secret = StoryPageFactory(
        parent=index,
        title="I deleted the backup",
        summary="Backups are now tested every week.",
        author=priya,
        author__anonymous=True,
    )
    frozen(at(A_MONDAY, 8, 8))
    return {"named": named, "secret": secret, "index": index, "priya": priya}


def run():
    out = StringIO()
    call_command("send_weekly_digest", stdout=out, stderr=StringIO())
    return out.getvalue()


@pytest.mark.django_db
def test_recipients_are_active_employees_who_did_not_opt_out(employee, other_employee):
    inactive = UserFactory(username="gone", is_active=False)
    no_email = UserFactory(username="noemail", email="")
    opted_out = UserFactory(username="quiet")
    DigestSubscription.objects.create(user=opted_out, subscribed=False)
    placeholder = anonymous_author()
    placeholder.groups.add(*employee.groups.all())  # even if someone put it in Employees
    people = set(recipients())
    assert people == {employee, other_employee}
    assert not people & {inactive, no_email, opted_out, placeholder}


@pytest.mark.django_db
def test_digest_content_links_and_anonymity(digest_world, employee, other_employee):
    output = run()
    assert "3 queued (3 sent, 0 failed" in output
    assert sorted(m.to[0] for m in mail.outbox) == [
        employee.email,
        "priya@example.com",
        other_employee.email,
    ]
    message = next(m for m in mail.outbox if m.to == [employee.email])
    text = message.body
    html = message.alternatives[0][0]
    assert message.alternatives[0][1] == "text/html"
    assert "the week of 15 June 2026" in message.subject

    for part in (text, html):
        assert "Fall seven times, stand up eight." in part
        assert "Japanese proverb" in part
        assert "Short enough to remember on a bad day." in part
        assert "We emailed the wrong client" in part
        assert "A second check before sending." in part
        assert "I deleted the backup" in part
        assert "Anonymous" in part
        assert "Priya" not in part and "Natarajan" not in part and "priya" not in part
        assert "Old story" not in part
        # Last week's and next week's quotes are not this week's.
        assert "Ever tried" not in part and "Truth emerges" not in part
        assert f"http://testserver{digest_world['named'].url}" in part
        assert (
            f"http://testserver{reverse('quotes:detail', args=[digest_world_quote_pk()])}" in part
        )
        assert "http://testserver/quotes/digest/unsubscribe/" in part
    assert "Erin Walsh" in text  # a named author's byline
    unsubscribe = message.extra_headers["List-Unsubscribe"]
    assert unsubscribe.startswith("<http://testserver/quotes/digest/unsubscribe/")
    assert message.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"


def digest_world_quote_pk():
    from culture.quotes.models import Quote

    return Quote.objects.get(week=A_MONDAY).pk


@pytest.mark.django_db
def test_running_twice_in_a_week_sends_nothing_the_second_time(digest_world, frozen):
    run()
    assert len(mail.outbox) == 3
    frozen(at(A_MONDAY + datetime.timedelta(days=2), 15, 0))
    output = run()
    assert len(mail.outbox) == 3
    assert "0 queued" in output
    assert DigestDelivery.objects.filter(week=A_MONDAY, status="sent").count() == 3
    # The next week is a new digest.
    frozen(at(A_MONDAY + WEEK, 8, 8))
    run()
    assert len(mail.outbox) == 6


@pytest.mark.django_db
def test_before_0808_on_monday_it_is_still_last_weeks_digest(digest_world, frozen):
    frozen(at(A_MONDAY, 8, 7))
    run()
    assert DigestDelivery.objects.get(user__username="erin").week == A_MONDAY - WEEK
    assert "Fall seven times" not in mail.outbox[0].body


@pytest.mark.django_db
def test_one_failing_address_is_logged_and_does_not_stop_the_others(digest_world, settings, caplog):
    settings.EMAIL_BACKEND = "tests.quotes.backends.RefusingBackend"
    broken = UserFactory(username="broken", email=REFUSED)
    late = UserFactory(username="zed")  # after the broken one in the sending order
    with caplog.at_level(logging.ERROR, logger="culture.quotes.digest"):
        output = run()
    assert "1 failed" in output
    delivered = sorted(m.to[0] for m in mail.outbox)
    assert delivered == sorted(
        ["erin@example.com", "sam@example.com", "priya@example.com", late.email]
    )
    assert REFUSED in caplog.text
    failed = DigestDelivery.objects.get(user=broken)
    assert failed.status == "failed" and "SMTPRecipientsRefused" in failed.error

    # The next run retries only the failed one.
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    run()
    assert [m.to for m in mail.outbox[4:]] == [[REFUSED]]
    failed.refresh_from_db()
    assert failed.status == "sent" and failed.attempts == 2


@pytest.mark.django_db
def test_other_apps_add_sections_through_the_hook(digest_world):
    def campaign(digest):
        assert digest.week == A_MONDAY
        return DigestSection(
            title="Mistake Management Month",
            text="Four weeks of stories <and> workshops.",
            url=digest.absolute("/campaigns/mmm/"),
        )

    def nothing(digest):
        return None

    def broken(digest):
        raise RuntimeError("campaign app bug")

    with (
        hooks.register_temporarily(DIGEST_SECTIONS_HOOK, campaign),
        hooks.register_temporarily(DIGEST_SECTIONS_HOOK, nothing),
        hooks.register_temporarily(DIGEST_SECTIONS_HOOK, broken),
    ):
        run()
    message = mail.outbox[0]
    assert len(mail.outbox) == 3
    html = message.alternatives[0][0]
    assert "MISTAKE MANAGEMENT MONTH" in message.body
    assert "Four weeks of stories <and> workshops." in message.body
    assert "Mistake Management Month" in html
    assert "http://testserver/campaigns/mmm/" in message.body
    assert "Four weeks of stories &lt;and&gt; workshops." in html
    assert "http://testserver/campaigns/mmm/" in html


@pytest.mark.django_db
def test_nothing_to_say_sends_nothing(home_page, employee, frozen):
    frozen(at(A_MONDAY, 8, 8))
    run()
    assert mail.outbox == []


# Unsubscribing


def _token_for(user):
    return DigestSubscription.objects.for_user(user).token


@pytest.mark.django_db
def test_unsubscribe_link_works_signed_out_and_get_changes_nothing(client, digest_world, employee):
    run()
    address = reverse("quotes:digest_unsubscribe", args=[_token_for(employee)])
    assert any(address in m.body and m.to == [employee.email] for m in mail.outbox)

    page = client.get(address)
    assert page.status_code == 200
    assert b"Unsubscribe</button>" in page.content
    assert DigestSubscription.objects.get(user=employee).subscribed  # a GET never unsubscribes

    done = client.post(address, {"action": "unsubscribe"})
    assert done.status_code == 200
    assert b"You're unsubscribed" in done.content
    assert not DigestSubscription.objects.get(user=employee).subscribed
    assert employee not in recipients()


@pytest.mark.django_db
def test_one_click_unsubscribe_by_mail_clients(client, employee, home_page):
    """RFC 8058: the mail client POSTs List-Unsubscribe=One-Click, without a CSRF token."""
    csrf_client = client.__class__(enforce_csrf_checks=True)
    address = reverse("quotes:digest_unsubscribe", args=[_token_for(employee)])
    response = csrf_client.post(
        address, "List-Unsubscribe=One-Click", content_type="application/x-www-form-urlencoded"
    )
    assert response.status_code == 200
    assert not DigestSubscription.objects.get(user=employee).subscribed


@pytest.mark.django_db
def test_a_wrong_token_is_a_404(client, home_page):
    assert client.get(reverse("quotes:digest_unsubscribe", args=["nope"])).status_code == 404
    assert client.post(reverse("quotes:digest_unsubscribe", args=["nope"])).status_code == 404


@pytest.mark.django_db
def test_unsubscribing_is_undone_on_the_users_own_settings_page(
    client, employee_client, employee, home_page
):
    client.post(reverse("quotes:digest_unsubscribe", args=[_token_for(employee)]))
    page = employee_client.get(reverse("account")).content.decode()
    assert "Weekly digest" in page
    assert "Subscribe to the weekly digest" in page
    panel = page[page.index('id="weekly-digest"') :]
    assert 'name="csrfmiddlewaretoken"' in panel[: panel.index("</form>")]

    response = employee_client.post(reverse("quotes:digest_subscription"), {"action": "subscribe"})
    assert response.status_code == 302
    assert DigestSubscription.objects.get(user=employee).subscribed
    page = employee_client.get(reverse("account")).content.decode()
    assert "Unsubscribe from the weekly digest" in page

    employee_client.post(reverse("quotes:digest_subscription"), {"action": "unsubscribe"})
    assert not DigestSubscription.objects.get(user=employee).subscribed


@pytest.mark.django_db
def test_the_subscription_switch_needs_sign_in_and_post(client, employee_client, home_page):
    assert client.post(reverse("quotes:digest_subscription")).status_code == 302
    assert employee_client.get(reverse("quotes:digest_subscription")).status_code == 405


# A worker that dies mid-send (issue 14's drill: bench/drills/worker_killed.py)


@pytest.mark.django_db
def test_a_digest_left_mid_send_by_a_dead_worker_is_sent_again_once(
    digest_world, employee, frozen, settings
):
    settings.DIGEST_RETRY_AFTER_SECONDS = 10 * 60
    run()
    first = {m.to[0]: m.message()["Message-ID"] for m in mail.outbox}
    assert len(set(first.values())) == 3
    # A worker claimed Erin's digest, handed it to the mail server and was killed before the
    # row said "sent".
    DigestDelivery.objects.filter(user=employee).update(status="sending")
    mail.outbox.clear()

    frozen(at(A_MONDAY, 8, 15))  # the worker may still be busy with it: leave it
    assert "0 queued" in run()
    assert mail.outbox == []

    frozen(at(A_MONDAY, 9, 8))  # the next hourly run: no worker finished it, send it again
    assert "1 queued (1 sent" in run()
    assert [m.to for m in mail.outbox] == [[employee.email]]
    # The same message as before, so the mailbox shows it once.
    assert mail.outbox[0].message()["Message-ID"] == first[employee.email]
    delivery = DigestDelivery.objects.get(user=employee)
    assert delivery.status == "sent" and delivery.attempts == 2

    frozen(at(A_MONDAY, 10, 8))
    run()
    assert len(mail.outbox) == 1


@pytest.mark.django_db
def test_two_tasks_for_one_digest_send_it_once(digest_world, employee, settings):
    from culture.quotes.digest import deliver

    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
    run()  # queued, not sent: no worker yet
    assert mail.outbox == []
    delivery = DigestDelivery.objects.get(user=employee)
    assert delivery.status == "queued"
    # The row was queued twice (a retry while the first task still waited): the first task to
    # claim it sends it, the other finds it taken.
    assert deliver(delivery.pk) == "sent"
    assert deliver(delivery.pk) == "skipped"
    assert [m.to for m in mail.outbox] == [[employee.email]]
