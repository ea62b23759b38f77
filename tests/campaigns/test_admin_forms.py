"""The campaign form in the admin: dates, overlaps and events get clear messages, nothing lost."""

import datetime

import pytest
from django.urls import reverse
from django.utils.text import slugify
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield

from culture.campaigns.models import CampaignPage

from .conftest import make_campaign


def campaign_post(title="Spring month", start="2026-04-01", end="2026-04-30", events=()):
    return nested_form_data(
        {
            "title": title,
            "slug": slugify(title),
            "start_date": start,
            "end_date": end,
            "introduction": rich_text("<p>Come and learn.</p>"),
            "goal_stories": 50,
            "goal_label": "stories shared",
            "ways_to_take_part": streamfield([]),
            "events": inline_formset(list(events)),
            "comment_notifications": "",
            "comments": inline_formset([]),
            "action-publish": "action-publish",
        }
    )


def add_url(index):
    return reverse("wagtailadmin_pages:add", args=["campaigns", "campaignpage", index.pk])


@pytest.fixture
def culture_client(client, culture_member):
    client.force_login(culture_member)
    return client


@pytest.mark.django_db
def test_culture_team_creates_and_publishes_a_campaign(culture_client, campaigns_index):
    response = culture_client.post(
        add_url(campaigns_index),
        campaign_post(
            events=[
                {
                    "title": "Cake afternoon",
                    "starts_at": "2026-04-10 15:00",
                    "ends_at": "2026-04-10 16:00",
                    "place": "Canteen",
                    "link": "",
                    "description": "",
                }
            ]
        ),
    )
    assert response.status_code == 302, response.context["form"].errors
    campaign = CampaignPage.objects.get(title="Spring month")
    assert campaign.live
    assert campaign.events.get().title == "Cake afternoon"


@pytest.mark.django_db
def test_end_before_start_is_refused_next_to_the_field(culture_client, campaigns_index):
    response = culture_client.post(
        add_url(campaigns_index), campaign_post(start="2026-04-30", end="2026-04-01")
    )
    assert response.status_code == 200
    form = response.context["form"]
    assert form.errors["end_date"] == [
        "The end date is before the start date. Choose a later end date."
    ]
    html = response.content.decode()
    assert 'value="Spring month"' in html  # what was typed is kept
    assert not CampaignPage.objects.exists()


@pytest.mark.django_db
def test_overlapping_campaigns_are_refused(culture_client, campaigns_index):
    make_campaign(
        campaigns_index, datetime.date(2026, 4, 1), datetime.date(2026, 4, 30), title="April month"
    )
    response = culture_client.post(
        add_url(campaigns_index), campaign_post(start="2026-04-30", end="2026-05-20")
    )
    assert response.status_code == 200
    (message,) = response.context["form"].errors["start_date"]
    assert "overlap “April month” (1 Apr – 30 Apr 2026)" in message
    # Touching is not overlapping.
    response = culture_client.post(
        add_url(campaigns_index), campaign_post(start="2026-05-01", end="2026-05-20")
    )
    assert response.status_code == 302


@pytest.mark.django_db
def test_an_edited_campaign_does_not_overlap_itself(culture_client, campaigns_index):
    campaign = make_campaign(campaigns_index, datetime.date(2026, 4, 1), datetime.date(2026, 4, 30))
    data = campaign_post(title="Renamed month")
    data["slug"] = campaign.slug
    response = culture_client.post(reverse("wagtailadmin_pages:edit", args=[campaign.pk]), data)
    assert response.status_code == 302
    campaign.refresh_from_db()
    assert campaign.title == "Renamed month"


@pytest.mark.django_db
def test_events_outside_the_dates_are_refused(culture_client, campaigns_index):
    response = culture_client.post(
        add_url(campaigns_index),
        campaign_post(
            events=[
                {
                    "title": "Too early",
                    "starts_at": "2026-03-31 23:30",
                    "ends_at": "",
                    "place": "",
                    "link": "",
                    "description": "",
                },
                {
                    "title": "Backwards",
                    "starts_at": "2026-04-10 15:00",
                    "ends_at": "2026-04-10 14:00",
                    "place": "",
                    "link": "",
                    "description": "",
                },
            ]
        ),
    )
    assert response.status_code == 200
    formset = response.context["form"].formsets["events"]
    assert formset.forms[0].errors["starts_at"] == [
        "This is outside the campaign (1 Apr – 30 Apr 2026). Move the event or the campaign's dates."
    ]
    assert "The end is before the start" in formset.forms[1].errors["ends_at"][0]
    assert "Some events fall outside the campaign" in str(
        response.context["form"].non_field_errors()
    )
    assert not CampaignPage.objects.exists()
