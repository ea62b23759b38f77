"""What a site search result shows (kind, title, summary, date, byline, marked words), in which
order (stories first), and that each kind is found only where the reader may see it."""

import datetime
import re

import pytest
from django.contrib.auth.models import Group
from django.test import Client
from django.utils import timezone
from wagtail.models import PageViewRestriction

from culture.campaigns.models import CampaignPage
from culture.meetings.factories import MeetingPackPageFactory, free_item, story_item
from culture.quotes.factories import QuoteFactory
from culture.quotes.schedule import live_week
from home.factories import UserFactory
from home.models import HomePage
from stories.factories import StoryPageFactory

from . import search_support
from .search_support import make_campaign, make_pack, make_story, site_search, story_url, titles_of

pytestmark = pytest.mark.django_db

campaigns_index = search_support.campaigns_index
packs_index = search_support.packs_index
stories_index = search_support.stories_index
team = search_support.team


@pytest.fixture
def one_of_each(home_page, stories_index, campaigns_index, packs_index, team):
    """A story, a quote, a campaign, a meeting pack and a page, all about "feedback"."""
    author = UserFactory(first_name="Priya", last_name="Natarajan")
    today = timezone.localdate()
    return {
        # The page says "feedback" most and in its title, the story least: stories still first.
        "page": home_page.add_child(
            instance=HomePage(
                title="Feedback feedback", slug="feedback", search_description="Feedback!"
            )
        ),
        "pack": make_pack(
            packs_index,
            team,
            title="Feedback round",
            meeting_date=datetime.date(2026, 3, 10),
            agenda=[free_item("Feedback", "Feedback on feedback.")],
        ),
        "campaign": make_campaign(
            campaigns_index,
            "Feedback month",
            today,
            today + datetime.timedelta(days=29),
            search_description="A month of asking for feedback.",
        ),
        "quote": QuoteFactory(
            text="Feedback is a gift.",
            author="Someone wise",
            source="A talk",
            why_it_matters="Asking for feedback early is cheaper.",
            week=live_week(),
        ),
        "story": make_story(
            stories_index,
            title="The survey nobody answered",
            summary="We asked for feedback too late.",
            author=author,
            first_published_at=timezone.make_aware(datetime.datetime(2025, 6, 3, 12)),
        ),
    }


def test_stories_come_first_then_quotes_campaigns_meeting_packs_and_pages(
    employee_client, one_of_each
):
    results, html, _ = site_search(employee_client, "feedback")
    assert [result.kind for result in results] == [
        "Story",
        "Quote",
        "Campaign",
        "Meeting pack",
        "Page",
    ]
    assert "5 results for “feedback”." in html
    assert "1 story, 1 quote, 1 campaign, 1 meeting pack, 1 page." in html


def test_a_result_shows_its_kind_title_summary_date_and_byline(employee_client, one_of_each):
    results, _, _ = site_search(employee_client, "feedback")
    story, quote, campaign, pack, page = results

    assert story.title == "The survey nobody answered"
    assert story.url == story_url(one_of_each["story"])
    assert story.summary == "We asked for <mark>feedback</mark> too late."
    assert "Priya Natarajan" in story.meta
    assert '<time datetime="2025-06-03">3 Jun 2025</time>' in story.meta

    assert quote.title == "Feedback is a gift."
    assert quote.url == one_of_each["quote"].get_absolute_url()
    assert quote.summary == "Asking for <mark>feedback</mark> early is cheaper."
    assert "Someone wise, A talk" in quote.meta
    assert f'<time datetime="{live_week():%Y-%m-%d}">' in quote.meta

    assert campaign.title == "Feedback month"
    assert campaign.summary.startswith("A month of asking for <mark>feedback</mark>.")
    start, end = one_of_each["campaign"].start_date, one_of_each["campaign"].end_date
    assert re.search(
        rf'<time datetime="{start:%Y-%m-%d}">.*</time> – <time datetime="{end:%Y-%m-%d}">',
        campaign.meta,
    )

    assert pack.title == "Feedback round"
    assert "Support" in pack.meta
    assert '<time datetime="2026-03-10">10 Mar 2026</time>' in pack.meta
    assert "<mark>Feedback</mark> on <mark>feedback</mark>." in pack.summary

    assert page.title == "Feedback feedback"
    assert page.summary == "<mark>Feedback</mark>!"


def test_the_page_has_a_heading_for_each_kind_and_announces_the_count(employee_client, one_of_each):
    _, html, _ = site_search(employee_client, "feedback")
    assert re.search(r"<title>\s*Search: feedback \(5 results\)", html)
    assert re.findall(r"<h1>(.*?)</h1>", html) == ["Search"]
    groups = re.findall(
        r'<section class="search-group" aria-labelledby="([^"]+)">\s*<h2 id="\1">([^<]+)</h2>', html
    )
    assert [name for _, name in groups] == [
        "Stories",
        "Quotes",
        "Campaigns",
        "Meeting packs",
        "Pages",
    ]
    assert len(re.findall(r'<h3 class="search-result__title">', html)) == 5
    status = re.search(r'<div class="search-summary" role="status">(.*?)</div>', html, re.S)
    assert "5 results for “feedback”." in status.group(1)
    assert '<label for="search-q">Words to find</label>' in html


def test_marked_words_are_escaped_with_everything_else(employee_client, stories_index):
    make_story(
        stories_index,
        title="<b>Bold</b> refund",
        summary='A <script>alert("x")</script> refund & a "quote"',
    )
    results, html, _ = site_search(employee_client, "refund")
    assert results[0].summary == (
        "A &lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; <mark>refund</mark> &amp; a "
        "&quot;quote&quot;"
    )
    assert "&lt;b&gt;Bold&lt;/b&gt; refund" in html
    assert "<script>alert" not in html


def test_a_story_is_found_only_where_the_reader_may_open_it(
    employee_client,
    employee,
    stories_index,
):
    make_story(stories_index, title="Open zeppelin story")
    locked = make_story(stories_index, title="Locked zeppelin story")
    PageViewRestriction.objects.create(
        page=locked, restriction_type=PageViewRestriction.PASSWORD, password="x"
    )
    # A draft never published, and new words in a published story's unpublished draft.
    StoryPageFactory(parent=stories_index, title="Draft zeppelin story", live=False)
    edited = make_story(stories_index, title="Published story")
    edited.title = "Published zeppelin story, edited"
    edited.save_revision()

    results, _, _ = site_search(employee_client, "zeppelin")
    assert titles_of(results) == ["Open zeppelin story"]

    # A group restriction on the whole section: only its members find the stories.
    PageViewRestriction.objects.all().delete()
    insiders = Group.objects.create(name="Insiders")
    restriction = PageViewRestriction.objects.create(
        page=stories_index, restriction_type=PageViewRestriction.GROUPS
    )
    restriction.groups.add(insiders)
    assert site_search(employee_client, "zeppelin")[0] == []
    employee.groups.add(insiders)
    assert sorted(titles_of(site_search(employee_client, "zeppelin")[0])) == [
        "Locked zeppelin story",
        "Open zeppelin story",
    ]


def test_an_anonymous_author_never_appears(employee_client, stories_index):
    author = UserFactory(first_name="Wilhelmina", last_name="Quarrington")
    make_story(
        stories_index,
        title="The migration that ran twice",
        summary="A migration ran twice.",
        author=author,
        author__anonymous=True,
    )
    make_story(stories_index, title="Named migration story", author=author)
    results, html, _ = site_search(employee_client, "migration")
    bylines = {result.title: result.meta for result in results}
    assert "Anonymous" in bylines["The migration that ran twice"]
    assert "Wilhelmina Quarrington" not in bylines["The migration that ran twice"]
    assert "Wilhelmina Quarrington" in bylines["Named migration story"]
    # An author's name is no search word: it finds neither story.
    assert site_search(employee_client, "Quarrington")[0] == []


def test_quotes_are_found_once_they_are_live(employee_client, culture_member):
    QuoteFactory(text="Live words about mistakes.", week=live_week())
    QuoteFactory(
        text="Future words about mistakes.", week=live_week() + datetime.timedelta(weeks=1)
    )
    QuoteFactory(text="Unscheduled words about mistakes.", week=None)
    for user in (None, culture_member):
        client = employee_client
        if user:
            client = Client()
            client.force_login(user)
        assert titles_of(site_search(client, "words")[0]) == ["Live words about mistakes."]


def test_campaigns_are_found_when_published_and_not_restricted(
    employee_client,
    campaigns_index,
):
    today = timezone.localdate()
    make_campaign(campaigns_index, "Open kindness campaign", today, today)
    later = today + datetime.timedelta(days=5)
    locked = make_campaign(campaigns_index, "Locked kindness campaign", later, later)
    PageViewRestriction.objects.create(
        page=locked, restriction_type=PageViewRestriction.PASSWORD, password="x"
    )
    draft = CampaignPage(
        title="Draft kindness campaign",
        slug="draft",
        start_date=today + datetime.timedelta(days=10),
        end_date=today + datetime.timedelta(days=10),
        live=False,
    )
    campaigns_index.add_child(instance=draft)
    draft.save_revision()
    assert titles_of(site_search(employee_client, "kindness")[0]) == ["Open kindness campaign"]


def test_meeting_packs_are_found_by_what_their_readers_see(
    employee_client,
    stories_index,
    packs_index,
    team,
):
    open_story = make_story(stories_index, title="The walrus outage")
    locked_story = make_story(stories_index, title="The narwhal incident")
    PageViewRestriction.objects.create(
        page=locked_story, restriction_type=PageViewRestriction.PASSWORD, password="x"
    )
    make_pack(
        packs_index,
        team,
        title="Support weekly",
        facilitator_notes="Bring the pangolin slides.",
        agenda=[story_item(open_story), story_item(locked_story), free_item("Quokka quiz")],
        topics=["platypus"],
    )
    MeetingPackPageFactory(parent=packs_index, team=team, title="Quokka draft", live=False)
    locked_pack = make_pack(packs_index, team, title="Quokka secrets")
    PageViewRestriction.objects.create(
        page=locked_pack, restriction_type=PageViewRestriction.PASSWORD, password="x"
    )

    # Its own words: the agenda's, its team's name, its topics.
    for words in ("quokka", "support weekly", "platypus"):
        assert titles_of(site_search(employee_client, words)[0], "Meeting pack") == [
            "Support weekly"
        ], words
    # Never the facilitator notes (its editors' only), nor the stories it discusses.
    assert site_search(employee_client, "pangolin")[0] == []
    assert titles_of(site_search(employee_client, "walrus")[0]) == ["The walrus outage"]
    assert site_search(employee_client, "narwhal")[0] == []
