"""Odd input to campaign views found by the robustness review: each one used to be a 500."""

import datetime

import pytest
from django.urls import reverse

from culture.campaigns.models import CampaignPage

from .conftest import make_campaign
from .test_admin_forms import add_url, campaign_post

pytestmark = pytest.mark.django_db

# Bigger than any integer SQLite stores: looking a page subclass up by pk=this raised
# OverflowError there instead of matching nothing.
TOO_BIG = 2**64
INSIGHTS = "campaigns_admin:insights"
CSV = "campaigns_admin:insights_csv"


@pytest.fixture
def campaign(campaigns_index):
    return make_campaign(campaigns_index, datetime.date(2025, 3, 1), datetime.date(2025, 3, 31))


def test_huge_campaign_and_event_ids_are_404s(employee_client, campaign):
    assert employee_client.get(reverse("campaigns:calendar", args=[TOO_BIG])).status_code == 404
    response = employee_client.get(reverse("campaigns:event", args=[campaign.pk, TOO_BIG]))
    assert response.status_code == 404


@pytest.mark.parametrize(
    "dates",
    [
        {"date_to": "9999-12-31"},
        {"date_from": "9999-12-01", "date_to": "9999-12-31"},
        {"date_from": "0001-01-01", "date_to": "0001-12-31"},
    ],
)
def test_absurd_insights_dates_get_a_message_next_to_the_field(client, culture_member, dates):
    client.force_login(culture_member)
    response = client.get(reverse(INSIGHTS), dates)
    assert response.status_code == 200
    form = response.context["form"]
    for name, value in dates.items():
        assert form.errors[name] == [
            f"Choose a date between 1 Jan 1990 and 31 Dec {datetime.date.today().year + 10}."
        ]
        assert f'value="{value}"' in response.content.decode()


def test_absurd_csv_dates_go_back_to_the_dashboard(client, culture_member):
    client.force_login(culture_member)
    response = client.get(reverse(CSV), {"date_to": "9999-12-31"})
    assert response.status_code == 302
    assert response["Location"].startswith(reverse(INSIGHTS))


def test_a_huge_campaign_id_in_insights_is_an_invalid_choice(client, culture_member, campaign):
    client.force_login(culture_member)
    response = client.get(reverse(INSIGHTS), {"campaign": str(TOO_BIG)})
    assert response.status_code == 200
    assert "Select a valid choice" in response.context["form"].errors["campaign"][0]
    assert client.get(reverse(CSV), {"campaign": str(TOO_BIG)}).status_code == 302


def test_insights_still_accept_a_real_campaign(client, culture_member, campaign):
    client.force_login(culture_member)
    response = client.get(reverse(INSIGHTS), {"campaign": campaign.pk})
    assert response.context["form"].cleaned_data["campaign"] == campaign


def test_copying_to_a_date_at_the_end_of_time_gets_a_message(client, culture_member, campaign):
    client.force_login(culture_member)
    url = reverse("campaigns_admin:copy", args=[campaign.pk])
    response = client.post(url, {"title": "Far future", "start_date": "9999-12-31", "slug": ""})
    assert response.status_code == 200
    assert response.context["form"].errors["start_date"][0].startswith("Choose a date between")
    assert 'value="Far future"' in response.content.decode()
    assert CampaignPage.objects.count() == 1


def test_copying_a_huge_campaign_id_is_a_404(client, culture_member, campaign):
    client.force_login(culture_member)
    assert client.get(reverse("campaigns_admin:copy", args=[TOO_BIG])).status_code == 404


@pytest.mark.parametrize(
    "dates", [("0001-01-01", "0001-01-31"), ("9999-12-01", "9999-12-31")], ids=["first", "last"]
)
def test_a_campaign_at_the_edge_of_the_calendar_is_refused(
    client, culture_member, campaigns_index, dates
):
    """Such a campaign used to save, and then the dashboard's "days before it" overflowed."""
    client.force_login(culture_member)
    response = client.post(add_url(campaigns_index), campaign_post(start=dates[0], end=dates[1]))
    assert response.status_code == 200
    form = response.context["form"]
    assert form.errors["start_date"][0].startswith("Choose a date between")
    assert form.errors["end_date"][0].startswith("Choose a date between")
    assert 'value="Spring month"' in response.content.decode()
    assert not CampaignPage.objects.exists()
