"""The story of the month: the suggestion, the home page, the admin, and the one-click meeting
pack that opens with it."""

import datetime

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone

from culture.learning.models import StoryOfTheMonth, first_of_month
from culture.learning.suggestions import suggested_stories, suggestion
from culture.meetings.factories import MeetingPacksIndexPageFactory
from culture.meetings.models import MeetingPackPage
from home.roles import sync_roles
from stories.factories import TeamFactory
from stories.models import LearnedFromThis, StoryPage
from tests.stories.reading_support import seed
from tests.stories.sharing_support import client_for

from .conftest import mark, story

pytestmark = pytest.mark.django_db
DECEMBER = datetime.date(2026, 12, 1)


@pytest.fixture
def candidates(stories_index):
    old_favourite = story(
        parent=stories_index,
        title="An old favourite",
        good_for_meetings=True,
        questions=["What would you have done?"],
    )
    this_month = story(
        parent=stories_index,
        title="Marked most this month",
        good_for_meetings=True,
        questions=["Who should have been told first?", "What check would have caught it?"],
    )
    not_for_meetings = story(parent=stories_index, title="Not for meetings")
    # Many marks, but in November: they do not count for December.
    mark(old_favourite, 5)
    LearnedFromThis.objects.filter(story=old_favourite).update(
        created_at=timezone.make_aware(datetime.datetime(2026, 11, 20, 12))
    )
    mark(this_month, 2)
    mark(not_for_meetings, 9)
    LearnedFromThis.objects.filter(story=this_month).update(
        created_at=timezone.make_aware(datetime.datetime(2026, 12, 3, 12))
    )
    LearnedFromThis.objects.filter(story=not_for_meetings).update(
        created_at=timezone.make_aware(datetime.datetime(2026, 12, 3, 12))
    )
    return {"old": old_favourite, "month": this_month, "other": not_for_meetings}


def test_suggestion_is_the_most_marked_in_the_month_among_stories_good_for_meetings(candidates):
    assert suggestion(DECEMBER) == candidates["month"]
    assert [s.title for s in suggested_stories(DECEMBER)] == [
        "Marked most this month",
        "An old favourite",
    ]
    assert suggestion(datetime.date(2026, 11, 1)) == candidates["old"]


def test_the_culture_team_picks_it_in_the_admin_with_the_suggestion_shown(
    candidates, culture_member, employee
):
    sync_roles()
    client = client_for(culture_member)
    add_url = reverse("wagtailsnippets_learning_storyofthemonth:add")
    with time_machine.travel(datetime.datetime(2026, 12, 6, 12), tick=False):
        client.force_login(culture_member)
        html = client.get(add_url).content.decode()
        assert "Marked most this month" in html and "(suggested)" in html
        response = client.post(
            add_url, {"month": "2026-12-17", "story": candidates["month"].pk, "why": "Short."}
        )
    assert response.status_code == 302
    pick = StoryOfTheMonth.objects.get()
    assert pick.month == DECEMBER and pick.story == candidates["month"]
    # An employee may not open it.
    assert client_for(employee).get(add_url).status_code in (302, 403)


def test_home_page_shows_the_pick_with_its_questions_and_a_pack_button_for_leads(
    candidates, home_page, team_lead, employee
):
    sync_roles()
    packs = MeetingPacksIndexPageFactory(parent=home_page)
    packs.save_revision().publish()
    TeamFactory(name="Customer Support").members.add(team_lead)
    StoryOfTheMonth.objects.create(
        month=first_of_month(), story=candidates["month"], why="Owned within the hour."
    )
    start = reverse("meetings:start") + f"?story={candidates['month'].pk}"
    html = client_for(employee).get(home_page.url).content.decode()
    assert "Story of the month" in html and "Marked most this month" in html
    assert "Who should have been told first?" in html and "Owned within the hour." in html
    assert start not in html.replace("&amp;", "&")
    lead_html = client_for(team_lead).get(home_page.url).content.decode()
    assert start in lead_html.replace("&amp;", "&")
    # Unpublished, it is gone from the home page.
    candidates["month"].unpublish()
    assert "Story of the month" not in client_for(employee).get(home_page.url).content.decode()


def test_start_a_pack_with_it_opens_the_agenda_with_the_story(candidates, home_page, team_lead):
    sync_roles()
    MeetingPacksIndexPageFactory(parent=home_page).save_revision().publish()
    support = TeamFactory(name="Customer Support")
    support.members.add(team_lead)
    client = client_for(team_lead)
    url = reverse("meetings:start")
    chosen = candidates["month"]
    form = client.get(url, {"story": chosen.pk}).content.decode()
    assert f"It opens with “{chosen.title}”" in form
    client.post(
        url,
        {
            "story": chosen.pk,
            "team": support.pk,
            "meeting_date": (timezone.localdate() + datetime.timedelta(days=3)).isoformat(),
            "start_time": "09:00",
            "title": "Reading club",
        },
    )
    pack = MeetingPackPage.objects.get(title="Reading club")
    first = pack.agenda[0]
    assert first.block_type == "story" and first.value["story"].pk == chosen.pk
    assert first.value.discussion_questions == [
        "Who should have been told first?",
        "What check would have caught it?",
    ]


def test_home_page_queries_do_not_grow(
    employee_client, home_page, stories_index, django_assert_max_num_queries
):
    seed(stories_index, 5)
    picked = StoryPage.objects.first()
    StoryPage.objects.update(good_for_meetings=True)
    StoryOfTheMonth.objects.create(month=first_of_month(), story=picked)
    employee_client.get(home_page.url)
    with django_assert_max_num_queries(1000) as captured:
        employee_client.get(home_page.url)
    few = len(captured.captured_queries)
    seed(stories_index, 40)
    employee_client.get(home_page.url)
    with django_assert_max_num_queries(few):
        html = employee_client.get(home_page.url).content.decode()
    assert "Story of the month" in html


def test_a_pack_started_from_another_opens_with_the_story_too(candidates, home_page):
    from culture.meetings.factories import MeetingPackPageFactory, open_round_item
    from culture.meetings.start import starting_agenda

    packs = MeetingPacksIndexPageFactory(parent=home_page)
    source = MeetingPackPageFactory(parent=packs, agenda=[open_round_item()])
    copy = MeetingPackPageFactory(parent=packs, agenda=[])
    copy.agenda = starting_agenda(
        source, source.team, datetime.date(2026, 12, 15), story=candidates["month"]
    )
    copy.save()
    copy.refresh_from_db()
    assert [block.block_type for block in copy.agenda] == ["story", "open_round"]
    assert copy.agenda[0].value["story"].pk == candidates["month"].pk
