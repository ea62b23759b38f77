"""History: packs whose date has passed count their stories as discussed; index by team."""

import datetime

from django.core.cache import cache
from django.test import RequestFactory
from django.utils import timezone

from culture.meetings.components import DiscussedInPanel
from culture.meetings.factories import story_item
from culture.meetings.history import times_discussed, times_discussed_by_story

DAY = datetime.timedelta(days=1)


def render_discussed(story):
    return DiscussedInPanel(story, RequestFactory().get(story.url)).render_html()


def test_only_published_packs_in_the_past_count(make_pack, story, engineering):
    today = timezone.localdate()
    make_pack(meeting_date=today - 30 * DAY, agenda=[story_item(story)])
    make_pack(team=engineering, meeting_date=today - DAY, agenda=[story_item(story)])
    make_pack(meeting_date=today, agenda=[story_item(story)])  # today: not passed yet
    make_pack(meeting_date=today + 7 * DAY, agenda=[story_item(story)])
    make_pack(meeting_date=today - 2 * DAY, agenda=[story_item(story)]).unpublish()
    assert times_discussed(story) == 2
    assert times_discussed_by_story([story.pk]) == {story.pk: 2}
    assert times_discussed(story, today=today + 8 * DAY) == 4


def test_tag_says_discussed_in_n_team_meetings(make_pack, story, engineering):
    cache.clear()
    assert render_discussed(story).strip() == ""
    make_pack(meeting_date=timezone.localdate() - DAY, agenda=[story_item(story)])
    assert "Discussed in 1 team meeting<" in render_discussed(story)
    make_pack(team=engineering, meeting_date=timezone.localdate() - DAY, agenda=[story_item(story)])
    assert "Discussed in 2 team meetings" in render_discussed(story)


def test_tag_is_cached_and_forgets_when_a_pack_changes(make_pack, story, django_assert_num_queries):
    cache.clear()
    pack = make_pack(meeting_date=timezone.localdate() - DAY, agenda=[story_item(story)])
    render_discussed(story)
    with django_assert_num_queries(0):
        assert "Discussed in 1 team meeting" in render_discussed(story)
    pack.unpublish()
    assert render_discussed(story).strip() == ""


def test_story_page_shows_the_count(employee_client, make_pack, story):
    cache.clear()
    make_pack(meeting_date=timezone.localdate() - DAY, agenda=[story_item(story)])
    response = employee_client.get(story.url)
    assert response.status_code == 200
    assert "Discussed in 1 team meeting" in response.content.decode()


def test_story_links_follow_the_published_agenda(make_pack, story, anonymous_story):
    pack = make_pack(agenda=[story_item(story), story_item(story)])
    assert list(pack.story_links.values_list("story_id", flat=True)) == [story.pk]
    pack.agenda = [story_item(anonymous_story)]
    pack.save()
    assert list(pack.story_links.values_list("story_id", flat=True)) == [anonymous_story.pk]


def test_index_lists_coming_up_soonest_first_then_held_and_filters_by_team(
    employee_client, make_pack, engineering
):
    today = timezone.localdate()
    make_pack(title="Old support", meeting_date=today - 60 * DAY)
    make_pack(title="Later support", meeting_date=today + 21 * DAY)
    make_pack(title="Recent support", meeting_date=today - 2 * DAY)
    make_pack(title="New support", meeting_date=today + 7 * DAY)
    make_pack(title="Engineering pack", team=engineering, meeting_date=today)
    index_url = make_pack(title="Draft pack", meeting_date=today).get_parent().url
    from culture.meetings.models import MeetingPackPage

    MeetingPackPage.objects.get(title="Draft pack").unpublish()

    html = employee_client.get(index_url).content.decode()
    order = ["Engineering pack", "New support", "Later support", "Recent support", "Old support"]
    assert sorted(order, key=html.index) == order
    assert html.index("Coming up") < html.index("Engineering pack")
    assert html.index("Later support") < html.index(">Held<") < html.index("Recent support")
    assert "Draft pack" not in html
    assert "Held" in html and "Coming up" in html

    html = employee_client.get(index_url + "?team=customer-support").content.decode()
    assert "New support" in html and "Old support" in html
    assert "Engineering pack" not in html
    assert "Packs of Customer Support" in html

    html = employee_client.get(index_url + "?team=nobody").content.decode()
    assert "No packs for this team yet" in html


def test_index_costs_a_fixed_number_of_queries(
    employee_client, make_pack, packs_index, engineering, django_assert_max_num_queries
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    for number in range(3):
        make_pack(title=f"Few {number}")
    employee_client.get(packs_index.url)
    with CaptureQueriesContext(connection) as few:
        employee_client.get(packs_index.url)
    for number in range(40):
        make_pack(title=f"Many {number}", **({"team": engineering} if number % 2 else {}))
    with django_assert_max_num_queries(len(few.captured_queries)):
        response = employee_client.get(packs_index.url)
    assert response.context["page_obj"].paginator.count == 43


def test_menu_has_meeting_packs(employee_client, packs_index):
    cache.clear()
    html = employee_client.get("/").content.decode()
    assert f'<a href="{packs_index.url}">Meeting packs</a>' in html
