""" "Start a meeting pack" in one click: from the meeting packs page and a campaign, pre-filled
with the lead's team and its usual slot, to a draft pack in the editor."""

import datetime

import pytest
import time_machine
from django.urls import reverse

from culture.meetings.blocks import default_agenda
from culture.meetings.forms import usual_slot
from culture.meetings.models import MeetingPackPage
from home.roles import sync_roles
from tests.stories.sharing_support import client_for

from .conftest import open_round_item, story_item

pytestmark = pytest.mark.django_db

START = reverse("meetings:start")


@pytest.fixture
def lead_client(lead, packs_index):
    sync_roles()
    return client_for(lead)


def test_the_packs_page_offers_a_start_button_to_leads_only(lead_client, employee, packs_index):
    assert START in lead_client.get(packs_index.url).content.decode()
    employee_view = client_for(employee).get(packs_index.url).content.decode()
    assert START not in employee_view


def test_one_click_starts_a_draft_pack_for_the_leads_team_at_its_usual_slot(
    lead_client, lead, make_pack, support, packs_index
):
    # Support meets on Thursdays at 10:30 (its latest pack); today is Monday 7 December 2026.
    make_pack(meeting_date=datetime.date(2026, 11, 26), start_time=datetime.time(10, 30))
    with time_machine.travel(datetime.datetime(2026, 12, 7, 9), tick=False):
        lead_client.force_login(lead)  # a session of that Monday
        form = lead_client.get(START).content.decode()
        assert 'value="2026-12-10"' in form and 'value="10:30"' in form
        assert f'<option value="{support.pk}" selected>' in form
        response = lead_client.post(
            START,
            {"team": support.pk, "meeting_date": "2026-12-10", "start_time": "10:30", "title": ""},
        )
    pack = MeetingPackPage.objects.get(meeting_date=datetime.date(2026, 12, 10))
    assert response.status_code == 302
    assert response["Location"] == reverse("wagtailadmin_pages:edit", args=[pack.pk])
    assert not pack.live and pack.title == "Customer Support staff meeting, 10 December 2026"
    assert pack.owner == lead
    assert [block.block_type for block in pack.agenda] == [kind for kind, _ in default_agenda()]
    # The editor opens on a saved draft, so the suggestions are there from the start.
    lead_client.force_login(lead)
    assert lead_client.get(response["Location"]).status_code == 200
    suggestions = reverse("meetings_admin:suggestions", args=[pack.pk])
    assert lead_client.get(suggestions).status_code == 200


def test_a_campaign_starts_from_its_suggested_pack(lead_client, make_pack, support, story):
    source = make_pack(agenda=[story_item(story), open_round_item()], target_minutes=45)
    form = lead_client.get(START, {"from": source.pk}).content.decode()
    assert f"The pack starts with the agenda of “{source.title}”" in form
    lead_client.post(
        START,
        {
            "from": source.pk,
            "team": support.pk,
            "meeting_date": (datetime.date.today() + datetime.timedelta(days=3)).isoformat(),
            "start_time": "09:00",
            "title": "Our campaign meeting",
        },
    )
    pack = MeetingPackPage.objects.get(title="Our campaign meeting")
    assert [block.block_type for block in pack.agenda] == ["story", "open_round"]
    assert pack.target_minutes == 45


def test_bad_input_keeps_what_was_typed_and_says_why(lead_client, support, engineering):
    response = lead_client.post(
        START,
        {"team": engineering.pk, "meeting_date": "2020-01-01", "start_time": "9", "title": "Kept"},
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "You can build packs only for the teams you are in" in html
    assert "Choose today or a day to come." in html
    assert 'value="Kept"' in html
    assert not MeetingPackPage.objects.filter(title="Kept").exists()


def test_employees_are_taken_to_the_packs_with_a_word(employee, packs_index):
    sync_roles()
    response = client_for(employee).get(START, follow=True)
    assert response.redirect_chain[-1][0] == packs_index.url
    assert "Team leads start meeting packs" in response.content.decode()
    assert client_for(employee).post(START, {}).status_code == 302
    assert not MeetingPackPage.objects.exists()


def test_the_usual_slot_without_a_pack_is_next_tuesday_at_nine(support):
    monday = datetime.date(2026, 12, 7)
    assert usual_slot(support, today=monday) == (datetime.date(2026, 12, 8), datetime.time(9))
    tuesday = datetime.date(2026, 12, 8)
    assert usual_slot(support, today=tuesday)[0] == datetime.date(2026, 12, 15)


def test_the_usual_slot_kept_on_the_team_wins_over_its_latest_pack(support, make_pack):
    make_pack(meeting_date=datetime.date(2026, 11, 26), start_time=datetime.time(10, 30))
    monday = datetime.date(2026, 12, 7)
    # Only the weekday kept: the time still comes from the latest pack (a Thursday at 10:30).
    support.meeting_weekday = 2  # Wednesday
    support.save()
    assert usual_slot(support, today=monday) == (datetime.date(2026, 12, 9), datetime.time(10, 30))
    support.meeting_time = datetime.time(14)
    support.save()
    assert usual_slot(support, today=monday) == (datetime.date(2026, 12, 9), datetime.time(14))
