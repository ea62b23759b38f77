"""Starting a new campaign from an earlier one, and events as .ics."""

import datetime

import pytest
import time_machine
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from icalendar import Calendar

from culture.campaigns.models import CampaignPage

from .conftest import london, make_campaign

EVENTS = [
    {
        "title": "Kick-off",
        "starts_at": london(2026, 3, 2, 10, 0),  # GMT
        "ends_at": london(2026, 3, 2, 11, 0),
        "place": "Town hall",
    },
    {
        "title": "Cake afternoon",
        "starts_at": london(2026, 3, 20, 15, 0),
        "link": "https://meet.example.com/cake",
        "description": "Bring a cake that went wrong.",
    },
]


@pytest.fixture
def march(campaigns_index):
    campaign = make_campaign(
        campaigns_index,
        datetime.date(2026, 3, 1),
        datetime.date(2026, 3, 31),
        title="March month",
        slug="march-month",
        events=EVENTS,
        goal_stories=40,
        ways_to_take_part=[("free_text", "<p>Join in.</p>")],
    )
    return campaign


def local(moment):
    return timezone.localtime(moment)


@pytest.mark.django_db
def test_copy_to_new_dates_keeps_structure_and_shifts_events(march, culture_member):
    copy = march.copy_to_dates(datetime.date(2026, 6, 1), title="June month", user=culture_member)
    copy = CampaignPage.objects.get(pk=copy.pk)
    assert (copy.start_date, copy.end_date) == (
        datetime.date(2026, 6, 1),
        datetime.date(2026, 7, 1),
    )
    assert copy.length_in_days == march.length_in_days
    assert not copy.live
    assert copy.goal_stories == 40
    assert copy.ways_to_take_part[0].block_type == "free_text"
    events = sorted(copy.events.all(), key=lambda event: event.starts_at)
    # 92 days later on the wall clock: 10:00 stays 10:00 although June is on summer time.
    assert [(local(e.starts_at).date(), local(e.starts_at).time()) for e in events] == [
        (datetime.date(2026, 6, 2), datetime.time(10, 0)),
        (datetime.date(2026, 6, 20), datetime.time(15, 0)),
    ]
    assert local(events[0].ends_at).time() == datetime.time(11, 0)
    assert events[1].link == "https://meet.example.com/cake"
    # The draft an editor opens carries the new dates too.
    draft = copy.get_latest_revision_as_object()
    assert draft.start_date == datetime.date(2026, 6, 1)
    assert sorted(local(e.starts_at).date() for e in draft.events.all()) == [
        datetime.date(2026, 6, 2),
        datetime.date(2026, 6, 20),
    ]
    # The original is untouched.
    march.refresh_from_db()
    assert sorted(local(e.starts_at).date() for e in march.events.all()) == [
        datetime.date(2026, 3, 2),
        datetime.date(2026, 3, 20),
    ]
    # Publishing the copy keeps the moved events.
    draft.save_revision().publish()
    published = CampaignPage.objects.get(pk=copy.pk)
    assert published.live
    assert sorted(local(e.starts_at).date() for e in published.events.all())[0] == datetime.date(
        2026, 6, 2
    )


@pytest.mark.django_db
def test_wagtails_copy_opens_the_new_dates_form(march, client, culture_member):
    client.force_login(culture_member)
    response = client.get(reverse("wagtailadmin_pages:copy", args=[march.pk]))
    assert response.status_code == 302
    assert response["Location"] == reverse("campaigns_admin:copy", args=[march.pk])

    form_url = response["Location"]
    page = client.get(form_url)
    assert page.status_code == 200
    assert b"Kick-off" in page.content
    assert b'value="2027-03-01"' in page.content  # same day next year, suggested

    overlapping = client.post(form_url, {"title": "Again", "start_date": "2026-03-15"})
    assert overlapping.status_code == 200
    assert "overlap “March month”" in overlapping.context["form"].errors["start_date"][0]
    assert b'value="Again"' in overlapping.content

    response = client.post(form_url, {"title": "March month", "start_date": "2027-03-01"})
    copy = CampaignPage.objects.exclude(pk=march.pk).get()
    assert response["Location"] == reverse("wagtailadmin_pages:edit", args=[copy.pk])
    assert copy.slug == "march-month-2027-03"
    assert copy.end_date == datetime.date(2027, 3, 31)


@pytest.mark.django_db
def test_copy_is_refused_to_people_outside_the_culture_team(march, client, moderator, team_lead):
    for user in (moderator, team_lead):
        client.force_login(user)
        response = client.post(
            reverse("campaigns_admin:copy", args=[march.pk]),
            {"title": "Sneaky", "start_date": "2027-03-01"},
        )
        assert response.status_code in (302, 403)
        assert CampaignPage.objects.count() == 1


@pytest.mark.django_db
def test_one_event_downloads_as_ics(march, employee_client):
    event = march.events.get(title="Cake afternoon")
    response = employee_client.get(reverse("campaigns:event", args=[march.pk, event.pk]))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/calendar")
    assert "attachment" in response["Content-Disposition"]
    calendar = Calendar.from_ical(response.content)
    (item,) = calendar.walk("VEVENT")
    assert str(item["SUMMARY"]) == "Cake afternoon"
    assert item.decoded("DTSTART") == london(2026, 3, 20, 15, 0)
    assert item.decoded("DTEND") == london(2026, 3, 20, 16, 0)  # an hour when no end is given
    assert str(item["LOCATION"]) == "https://meet.example.com/cake"
    assert "Bring a cake" in str(item["DESCRIPTION"])
    assert str(item["UID"]).startswith(f"campaign-event-{event.pk}@")


@pytest.mark.django_db
def test_campaign_calendar_feed_has_every_event(march, employee_client, employee):
    url = reverse("campaigns:calendar", args=[march.pk])
    response = employee_client.get(url)
    calendar = Calendar.from_ical(response.content)
    assert str(calendar["X-WR-CALNAME"]) == "March month"
    events = calendar.walk("VEVENT")
    assert [str(e["SUMMARY"]) for e in events] == ["Kick-off", "Cake afternoon"]
    assert str(events[0]["LOCATION"]) == "Town hall"
    assert events[0].decoded("DTSTART") == london(2026, 3, 2, 10, 0)
    # Before the campaign, the page links the feed and each event (signed in again: the
    # session of the present has not begun yet in February).
    with time_machine.travel(london(2026, 2, 20, 9), tick=False):
        employee_client.force_login(employee)
        html = employee_client.get(march.url).content.decode()
    assert f'href="{url}"' in html
    assert f'href="{reverse("campaigns:event", args=[march.pk, march.events.first().pk])}"' in html


@pytest.mark.django_db
def test_past_events_are_marked_and_offer_no_calendar_link(march, employee_client, employee):
    kick_off, cake = sorted(march.events.all(), key=lambda event: event.starts_at)
    # After the campaign: every event is past, and there is nothing to add to a calendar.
    html = employee_client.get(march.url).content.decode()
    assert html.count(">Past</span>") == 2
    assert "Add all events to your calendar" not in html
    assert reverse("campaigns:event", args=[march.pk, kick_off.pk]) not in html
    # The day after the kick-off: it is past, the cake afternoon is still to come.
    with time_machine.travel(kick_off.starts_at + datetime.timedelta(days=1), tick=False):
        employee_client.force_login(employee)
        html = employee_client.get(march.url).content.decode()
    assert f'href="{reverse("campaigns:event", args=[march.pk, kick_off.pk])}"' not in html
    assert f'href="{reverse("campaigns:event", args=[march.pk, cake.pk])}"' in html
    assert html.count(">Past</span>") == 1
    assert f'href="{reverse("campaigns:calendar", args=[march.pk])}"' in html


@pytest.mark.django_db
def test_calendar_needs_sign_in_and_unknown_events_are_404(march, employee_client):
    assert Client().get(reverse("campaigns:calendar", args=[march.pk])).status_code == 302
    assert (
        employee_client.get(reverse("campaigns:event", args=[march.pk, 999999])).status_code == 404
    )
    march.unpublish()
    assert employee_client.get(reverse("campaigns:calendar", args=[march.pk])).status_code == 404
