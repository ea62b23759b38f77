"""A pack's page and "discussed in N meetings" are cached fragments: free when warm, fresh after
every write that changes them, and never shared between readers who may see different stories."""

import datetime

import pytest
import time_machine
from django.contrib.auth.models import Group
from django.utils import timezone
from wagtail.models import PageViewRestriction

from culture.meetings.factories import open_round_item, quote_item, story_item
from culture.quotes.factories import QuoteFactory
from culture.quotes.schedule import go_live_at, live_week
from home import fragment_versions
from stories.factories import StoryPageFactory
from stories.models import LearnedFromThis, StoryAuthorship

from ..fragment_support import touching, warm_queries

DAY = datetime.timedelta(days=1)
WEEK = datetime.timedelta(weeks=1)
# What only the agenda and the count read: a warm page must not touch these tables.
AGENDA_TABLES = (
    '"quotes_quote"',
    '"stories_storylesson"',
    '"stories_discussionquestion"',
    '"stories_team"',
    '"meetings_packstory"',
    '"stories_storyauthorship"',
)


def agenda_queries(sqls):
    return touching(sqls, AGENDA_TABLES)


@pytest.fixture
def big_pack(make_pack, stories_index, support):
    """Twelve items: four live quotes, four stories with lessons and questions, four rounds."""
    items = []
    for number in range(4):
        items.append(
            quote_item(QuoteFactory(text=f"Quote {number}", week=live_week() - number * WEEK))
        )
        story = StoryPageFactory(
            parent=stories_index,
            title=f"Story {number}",
            team=support,
            lessons=[f"Lesson {number}a", f"Lesson {number}b"],
            questions=[f"Question {number}?"],
        )
        items.append(story_item(story))
        items.append(open_round_item(minutes=5))
    return make_pack(title="Big pack", agenda=items)


def test_a_warm_pack_page_asks_nothing_about_its_agenda(
    employee_client, big_pack, django_assert_max_num_queries
):
    html = employee_client.get(big_pack.url).content.decode()
    assert "Lesson 3b" in html and "Quote 3" in html and "All packs of Customer Support" in html
    assert agenda_queries(warm_queries(employee_client, big_pack.url)) == []
    # Left: the signed-in request, routing, the privacy check, the view restrictions the reader
    # fails, whether they may edit the pack (two) and the site's header.
    with django_assert_max_num_queries(14):
        employee_client.get(big_pack.url)


def test_an_edited_quote_shows_at_once(employee_client, pack, quote):
    assert (
        "Mistakes are the portals of discovery." in employee_client.get(pack.url).content.decode()
    )
    quote.text = "Mistakes are portals."
    quote.save()
    html = employee_client.get(pack.url).content.decode()
    assert "Mistakes are portals." in html and "the portals of discovery" not in html


def test_a_published_change_to_the_pack_shows_at_once(employee_client, pack, anonymous_story):
    assert "The invoice we sent twice" in employee_client.get(pack.url).content.decode()
    pack.agenda = [story_item(anonymous_story)]
    pack.save_revision().publish()
    html = employee_client.get(pack.url).content.decode()
    assert "The deploy on a Friday" in html and "The invoice we sent twice" not in html


def test_an_unpublished_story_drops_out_at_once(employee_client, pack, story):
    assert "The invoice we sent twice" in employee_client.get(pack.url).content.decode()
    story.unpublish()
    assert "The invoice we sent twice" not in employee_client.get(pack.url).content.decode()


def test_an_author_who_becomes_anonymous_is_hidden_at_once(employee_client, pack, story):
    assert "Olga Secretname" in employee_client.get(pack.url).content.decode()
    authorship = StoryAuthorship.objects.get(story=story)
    authorship.is_anonymous = True
    authorship.save()
    html = employee_client.get(pack.url).content.decode()
    assert "Olga Secretname" not in html and "By Anonymous" in html


@pytest.mark.parametrize("member_first", [True, False])
def test_readers_who_fail_a_restriction_never_share_the_agenda(
    client, employee, other_employee, pack, story, member_first
):
    insiders = Group.objects.create(name="Insiders")
    other_employee.groups.add(insiders)
    restriction = PageViewRestriction.objects.create(
        page=story, restriction_type=PageViewRestriction.GROUPS
    )
    restriction.groups.add(insiders)
    readers = [(other_employee, True), (employee, False)]
    for user, sees_it in readers if member_first else readers[::-1]:
        client.force_login(user)
        for _ in range(2):  # cold, then warm
            html = client.get(pack.url).content.decode()
            assert ("The invoice we sent twice" in html) is sees_it, user
            assert "Open round" in html


def test_editors_and_readers_never_share_the_edit_link_or_notes(
    client, employee, lead, make_pack, story
):
    pack = make_pack(agenda=[story_item(story)], facilitator_notes="Ask Olga to start.")
    for user, is_editor in [(lead, True), (employee, False), (lead, True)]:
        client.force_login(user)
        html = client.get(pack.url).content.decode()
        assert ("Ask Olga to start." in html) is is_editor
        assert ("Edit pack" in html) is is_editor


def test_a_quote_not_live_yet_appears_at_08_08_with_nothing_saved(
    employee_client, employee, make_pack
):
    monday = live_week() + WEEK
    make_pack(title="Next week", meeting_date=monday + DAY)
    upcoming = QuoteFactory(text="Words for next Monday", week=monday)
    pack = make_pack(title="Opening", agenda=[quote_item(upcoming), open_round_item()])
    # One second apart: well within the fragments' lifetime, so only the key can tell.
    with time_machine.travel(go_live_at(monday) - datetime.timedelta(seconds=1), tick=False):
        employee_client.force_login(employee)
        for _ in range(2):
            assert "Words for next Monday" not in employee_client.get(pack.url).content.decode()
    with time_machine.travel(go_live_at(monday), tick=False):
        employee_client.force_login(employee)
        assert "Words for next Monday" in employee_client.get(pack.url).content.decode()


# "Discussed in N team meetings" on a story page


def test_a_warm_story_page_asks_nothing_about_its_meetings(employee_client, make_pack, story):
    make_pack(meeting_date=timezone.localdate() - DAY, agenda=[story_item(story)])
    assert "Discussed in 1 team meeting" in employee_client.get(story.url).content.decode()
    sqls = warm_queries(employee_client, story.url)
    assert [sql for sql in sqls if '"meetings_packstory"' in sql] == []


def test_a_pack_published_or_deleted_changes_the_count_at_once(
    employee_client, make_pack, story, engineering
):
    make_pack(meeting_date=timezone.localdate() - DAY, agenda=[story_item(story)])
    assert "Discussed in 1 team meeting<" in employee_client.get(story.url).content.decode()
    other = make_pack(team=engineering, meeting_date=timezone.localdate() - DAY, agenda=[])
    assert "Discussed in 1 team meeting<" in employee_client.get(story.url).content.decode()
    other.agenda = [story_item(story)]
    other.save_revision().publish()
    assert "Discussed in 2 team meetings" in employee_client.get(story.url).content.decode()
    other.delete()
    assert "Discussed in 1 team meeting<" in employee_client.get(story.url).content.decode()


def test_a_meeting_counts_from_the_next_day_with_nothing_saved(
    employee_client, employee, make_pack, story
):
    today = timezone.localdate()
    make_pack(meeting_date=today, agenda=[story_item(story)])
    midnight = timezone.make_aware(datetime.datetime.combine(today + DAY, datetime.time()))
    # One second apart: well within the fragments' lifetime, so only the key can tell.
    with time_machine.travel(midnight - datetime.timedelta(seconds=1), tick=False):
        employee_client.force_login(employee)
        for _ in range(2):
            assert "Discussed in" not in employee_client.get(story.url).content.decode()
    with time_machine.travel(midnight, tick=False):
        employee_client.force_login(employee)
        assert "Discussed in 1 team meeting" in employee_client.get(story.url).content.decode()


def test_a_mark_retires_no_pack_fragment(employee, story):
    before = fragment_versions.version("packs")
    LearnedFromThis.objects.create(story=story, user=employee)
    assert fragment_versions.version("packs") == before
