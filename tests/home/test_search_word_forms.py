"""Search matches words in any of their forms, on SQLite as on PostgreSQL: "refund" finds
"refunded", "cake" finds the campaign and the meeting packs that mention cakes."""

import datetime

import pytest
from django.utils import timezone
from wagtail.search.models import IndexEntry

from culture.meetings.factories import celebration_item, open_round_item
from home.models import HomePage
from home.search import find, search_terms, stem, word_forms
from stories.models import StoryPage

from . import search_support
from .search_support import (
    index_search,
    make_campaign,
    make_pack,
    make_story,
    site_search,
    story_url,
    titles_of,
)

pytestmark = pytest.mark.django_db

campaigns_index = search_support.campaigns_index
packs_index = search_support.packs_index
stories_index = search_support.stories_index
team = search_support.team


def test_words_are_matched_by_their_stem_and_common_words_are_left_out():
    assert {stem(word) for word in ("refund", "refunds", "refunded", "refunding")} == {"refund"}
    assert search_terms("How do I refund the customers?") == [
        ("refund", "refund"),
        ("customers", "custom"),
    ]
    assert search_terms("the of and") == []
    # Quote marks, brackets and the FTS syntax are no words; nor is a NUL byte.
    assert search_terms('"refund" (cake) AND x\x00y*') == [
        ("refund", "refund"),
        ("cake", "cake"),
        ("x", "x"),
        ("y", "y"),
    ]
    assert word_forms(["Refunded twice, refunds late", "cake"]) == "refund"


@pytest.fixture
def refund_stories(stories_index):
    return {
        "refunded": make_story(
            stories_index,
            title="The invoice that was paid twice",
            summary="A customer was charged twice and refunded a week later.",
        ),
        "refunds": make_story(
            stories_index,
            title="Late payouts",
            summary="Payouts went out late.",
            what_happened="<p>Three refunds waited for a signature nobody knew about.</p>",
        ),
        "lesson": make_story(
            stories_index,
            title="A spreadsheet formula",
            summary="A sum counted some rows twice.",
            lessons=["Check who refunds what before the month closes"],
        ),
        "other": make_story(
            stories_index, title="A delivery to the wrong warehouse", summary="Pallets went astray."
        ),
    }


@pytest.mark.parametrize("words", ["refund", "refunds", "refunded", "REFUNDING"])
def test_every_form_of_a_word_finds_the_stories_with_any_form_of_it(
    employee_client,
    stories_index,
    refund_stories,
    words,
):
    expected = {story_url(refund_stories[name]) for name in ("refunded", "refunds", "lesson")}
    results, _, _ = site_search(employee_client, words)
    assert {result.url for result in results} == expected
    assert set(index_search(employee_client, stories_index, words)) == expected


def test_the_word_forms_are_in_the_search_index(refund_stories):
    story = refund_stories["refunded"]
    entry = IndexEntry.objects.get(object_id=str(story.pk))
    assert "refund" in str(entry.body)
    # And the queryset method the stories index uses finds the story through them.
    assert list(StoryPage.objects.live().search_words("refunds")) == list(
        find(StoryPage.objects.live(), "refunds")
    )
    assert story.pk in {found.pk for found in StoryPage.objects.live().search_words("refund")}


def test_every_word_must_match_in_some_form(
    employee_client,
    refund_stories,
):
    results, _, _ = site_search(employee_client, "refunded invoices")
    assert titles_of(results) == ["The invoice that was paid twice"]
    results, html, _ = site_search(employee_client, "refunded pallets")
    assert results == []
    assert "0 results for “refunded pallets”." in html


def test_cake_finds_the_campaign_and_the_meeting_packs_that_mention_it(
    employee_client,
    campaigns_index,
    packs_index,
    team,
):
    today = timezone.localdate()
    make_campaign(
        campaigns_index,
        "Mistake Management Month",
        today,
        today + datetime.timedelta(days=30),
        introduction="<p>A month of learning out loud.</p>",
        ways_to_take_part=[
            {
                "type": "celebrate",
                "value": {
                    "heading": "Bring something joyful",
                    "kind": "recipe",
                    "text": "<p>Bake any <b>cakes</b> that went a little wrong.</p>",
                },
            }
        ],
    )
    make_campaign(
        campaigns_index,
        "Workshops week",
        today + datetime.timedelta(days=60),
        today + datetime.timedelta(days=66),
        events=[
            {
                "title": "Mistake cake afternoon",
                "starts_at": timezone.now() + datetime.timedelta(days=61),
            }
        ],
    )
    make_campaign(
        campaigns_index,
        "Quiet month",
        today + datetime.timedelta(days=90),
        today + datetime.timedelta(days=95),
    )
    make_pack(packs_index, team, title="Support, March", agenda=[celebration_item()])
    make_pack(packs_index, team, title="Support, April", agenda=[open_round_item()])

    for words in ("cake", "cakes", "Cake"):
        results, _, _ = site_search(employee_client, words)
        assert sorted(titles_of(results, "Campaign")) == [
            "Mistake Management Month",
            "Workshops week",
        ]
        assert titles_of(results, "Meeting pack") == ["Support, March"]
    results, _, _ = site_search(employee_client, "cake")
    by_title = {result.title: result for result in results}
    # The summary shows where the word is, marked.
    assert "Bake any <mark>cakes</mark> that went a little wrong." in (
        by_title["Mistake Management Month"].summary
    )
    # An agenda item's parts come in the order the database gives them (PostgreSQL's jsonb
    # orders keys its own way), so each marked part is looked for on its own.
    pack_summary = by_title["Support, March"].summary
    assert "Mistake <mark>cake</mark>" in pack_summary
    assert "<mark>Cake</mark> for the bravest story" in pack_summary


def test_pages_without_word_forms_still_match_the_words_as_written(employee_client, home_page):
    home_page.add_child(instance=HomePage(title="Checklists", slug="checklists"))
    home_page.add_child(instance=HomePage(title="Onboarding checklist", slug="onboarding"))
    results, _, _ = site_search(employee_client, "checklists")
    assert sorted(titles_of(results)) == ["Checklists", "Onboarding checklist"]
    # (PostgreSQL's English configuration also finds "Checklists" for "checklist"; SQLite
    # matches a title without word forms only as written.)
    results, _, _ = site_search(employee_client, "checklist")
    assert "Onboarding checklist" in titles_of(results)


def test_only_common_words_find_nothing_and_say_why(employee_client, refund_stories):
    results, html, _ = site_search(employee_client, "the how")
    assert results == []
    assert "very common words such as “the” or “how”, and punctuation, are left out" in html
