"""A campaign's case stories and meeting-pack link take published pages only (issue 10).

Campaigns are the Culture team's, but the rule is the packs' rule: a page id posted by hand for a
draft is refused next to the item, without its title, exactly like an id never used.
"""

import pytest
from django.urls import reverse
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield

from culture.campaigns.models import CampaignPage
from culture.meetings.models import MeetingPackPage
from stories.models import StoryPage
from tests.stories.sharing_support import client_for, story_form

from .conftest import make_pack

pytestmark = pytest.mark.django_db

SECRET_TITLE = "The merger nobody may know about yet"
STORY_REFUSED = "This story is not published. Choose a published story."
PAGE_REFUSED = "This page is not published. Choose a published page."


def campaign_post(ways):
    return nested_form_data(
        {
            "title": "Spring month",
            "slug": "spring-month",
            "start_date": "2026-04-01",
            "end_date": "2026-04-30",
            "introduction": rich_text("<p>Come and learn.</p>"),
            "goal_stories": 50,
            "goal_label": "stories shared",
            "ways_to_take_part": streamfield(ways),
            "events": inline_formset([]),
            "comment_notifications": "",
            "comments": inline_formset([]),
            "action-publish": "action-publish",
        }
    )


def case_stories(*story_ids):
    items = {str(n): {"value": pk, "deleted": "", "order": n} for n, pk in enumerate(story_ids)}
    return (
        "case_stories",
        {"heading": "Read these", "text": rich_text(""), "stories": {"count": len(items), **items}},
    )


def meeting_agenda(page_id):
    return (
        "meeting_agenda",
        {"heading": "On your agenda", "text": rich_text(""), "page": page_id, "link_label": "Go"},
    )


@pytest.fixture
def culture_client(culture_member):
    return client_for(culture_member)


@pytest.fixture
def add_url(campaigns_index):
    return reverse("wagtailadmin_pages:add", args=["campaigns", "campaignpage", campaigns_index.pk])


@pytest.fixture
def draft_story(stories_index, employee):
    client_for(employee).post(reverse("stories:share"), story_form(title=SECRET_TITLE))
    return StoryPage.objects.get(title=SECRET_TITLE)


@pytest.mark.parametrize("state", ["draft", "never used"])
def test_a_case_story_must_be_published(culture_client, add_url, draft_story, state):
    story_id = draft_story.pk if state == "draft" else 987654
    response = culture_client.post(add_url, campaign_post([case_stories(story_id)]))
    assert response.status_code == 200
    html = response.content.decode()
    assert STORY_REFUSED in html
    assert SECRET_TITLE not in html
    assert not CampaignPage.objects.exists()


def test_a_published_case_story_is_accepted(culture_client, add_url, draft_story):
    draft_story.save_revision().publish()
    response = culture_client.post(add_url, campaign_post([case_stories(draft_story.pk)]))
    assert response.status_code == 302, response.content.decode()[:2000]
    campaign = CampaignPage.objects.get()
    assert [story.pk for story in campaign.ways_to_take_part[0].value["stories"]] == [
        draft_story.pk
    ]


def test_the_meeting_pack_link_must_be_published(culture_client, add_url, packs_index, teams):
    pack = make_pack(packs_index, teams[0], "2026-04-14", title="Finance pack in the making")
    MeetingPackPage.objects.get(pk=pack.pk).unpublish()
    response = culture_client.post(add_url, campaign_post([meeting_agenda(pack.pk)]))
    assert response.status_code == 200
    html = response.content.decode()
    assert PAGE_REFUSED in html
    assert not CampaignPage.objects.exists()
    pack.save_revision().publish()
    response = culture_client.post(add_url, campaign_post([meeting_agenda(pack.pk)]))
    assert response.status_code == 302, response.content.decode()[:2000]


def test_the_meeting_pack_link_takes_no_other_page_type(
    culture_client, add_url, draft_story, stories_index
):
    response = culture_client.post(add_url, campaign_post([meeting_agenda(stories_index.pk)]))
    assert PAGE_REFUSED in response.content.decode()
