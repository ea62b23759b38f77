"""The pack editor's suggestions, for a pack saved or not: what the server answers the editor's
JavaScript (the browser side is in test_editor_suggestions_browser.py)."""

import datetime
import json
import re

import pytest
from django.urls import reverse

from home.roles import sync_roles
from stories.factories import StoryPageFactory
from tests.stories.sharing_support import client_for

pytestmark = pytest.mark.django_db

URL = reverse("meetings_admin:editor_suggestions")


@pytest.fixture
def lead_client(lead, packs_index):
    sync_roles()
    return client_for(lead)


def suggested(response):
    return re.findall(r'data-add-story="(\d+)"', response.content.decode())


def test_suggestions_follow_the_team_topics_and_agenda_of_the_form(
    lead_client, support, stories_index, story
):
    email = StoryPageFactory(parent=stories_index, title="Mail merge", tags=["email"])
    response = lead_client.get(URL, {"team": support.pk})
    assert suggested(response) == [str(story.pk), str(email.pk)]  # the team's own first
    # Topics as typed narrow them; a story already on the agenda is left out.
    assert suggested(lead_client.get(URL, {"team": support.pk, "tag": "billing"})) == [
        str(story.pk)
    ]
    assert suggested(lead_client.get(URL, {"team": support.pk, "story": story.pk})) == [
        str(email.pk)
    ]
    # Each carries the agenda item the editor inserts: the story, 15 minutes, no own questions.
    html = response.content.decode()
    state = json.loads(
        re.search(rf'data-add-story="{story.pk}"[^>]*data-item-state="([^"]+)"', html)
        .group(1)
        .replace("&quot;", '"')
    )
    assert state["story"]["id"] == story.pk and state["minutes"] == "15"
    assert state["questions"] == []


def test_no_team_or_another_team_gets_a_prompt_not_stories(lead_client, engineering, story):
    for params in ({}, {"team": engineering.pk}, {"team": "9" * 30}, {"team": "x"}):
        response = lead_client.get(URL, params)
        assert response.status_code == 200
        assert suggested(response) == []
        assert "Choose the team" in response.content.decode()


def test_anonymous_authors_stay_anonymous_in_suggestions(lead_client, support, anonymous_story):
    html = lead_client.get(URL, {"team": support.pk}).content.decode()
    assert anonymous_story.title in html
    assert "Hiddenauthor" not in html and "hidden" not in html.lower().split("w-sr-only")[0]


def test_only_those_who_build_packs_get_suggestions(client, employee, moderator, packs_index):
    sync_roles()
    for user in (employee, moderator):
        client.force_login(user)
        assert client.get(URL).status_code in (302, 403)


def test_a_fixed_number_of_queries_whatever_the_stories(
    lead_client, support, stories_index, django_assert_max_num_queries
):
    for number in range(30):
        StoryPageFactory(parent=stories_index, title=f"Story {number}", team=support, tags=["x"])
    with django_assert_max_num_queries(40):
        response = lead_client.get(URL, {"team": support.pk})
    assert len(suggested(response)) == 6


def test_a_new_pack_starts_with_the_leads_team_at_its_usual_slot(lead_client, support, packs_index):
    support.meeting_weekday = 3  # Thursday
    support.meeting_time = datetime.time(10, 30)
    support.save()
    url = reverse("wagtailadmin_pages:add", args=["meetings", "meetingpackpage", packs_index.pk])
    html = lead_client.get(url).content.decode()
    assert re.search(rf'<option value="{support.pk}" selected>', html)
    assert 'value="10:30"' in html
    # The panel is there before any save, with where to ask.
    assert f'data-url="{URL}"' in html
