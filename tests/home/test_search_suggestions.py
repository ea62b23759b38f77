"""When nothing is found: "Did you mean …" for a misspelt word, from what the reader may see
only, and what to try next (other words, browsing the stories and their tags)."""

import html
import re

import pytest
from wagtail.models import PageViewRestriction

from home.search import corrections, vocabulary
from stories.factories import StoryPageFactory

from . import search_support
from .search_support import make_story, site_search, titles_of

pytestmark = pytest.mark.django_db

stories_index = search_support.stories_index


def suggestion_of(page):
    """(the suggested words, their link) of "Did you mean", or None."""
    found = re.search(r'Did you mean <a href="([^"]+)">(.*?)</a>\?', page)
    if not found:
        return None
    return html.unescape(re.sub(r"<[^>]+>", "", found.group(2))), html.unescape(found.group(1))


def test_a_misspelt_word_is_replaced_by_the_closest_known_word():
    known = vocabulary(["Refund sent twice", "The refund was late", "Invoices and refunds"])
    assert known[0] == "refund"  # the most frequent first
    assert corrections("refnud", known) == [("refund", True)]
    assert corrections("the refnud invoices", known) == [
        ("the", False),
        ("refund", True),
        ("invoices", False),
    ]
    # Known words, other forms of known words and words with nothing close are left alone.
    assert corrections("refunds invoice", known) is None
    assert corrections("refunding", known) is None
    assert corrections("zebra", known) is None


@pytest.fixture
def stories(stories_index):
    return [
        make_story(
            stories_index,
            title="The refund sent twice",
            summary="A customer refund.",
            tags=["payments"],
        ),
        make_story(
            stories_index,
            title="Invoice numbers reused",
            summary="Two invoices, one number.",
            tags=["payments", "billing"],
        ),
    ]


def test_did_you_mean_suggests_words_that_find_something(employee_client, stories):
    results, page, _ = site_search(employee_client, "refnud")
    assert results == []
    words, link = suggestion_of(page)
    assert words == "refund"
    assert link == "/search/?q=refund"
    assert "<strong>refund</strong>" in page  # the corrected word stands out
    found, _, _ = site_search(employee_client, "refund")
    assert titles_of(found) == ["The refund sent twice"]

    # Only the misspelt word changes.
    words, link = suggestion_of(site_search(employee_client, "customer refnud")[1])
    assert (words, link) == ("customer refund", "/search/?q=customer+refund")


def test_no_suggestion_when_something_is_found_or_nothing_is_close(employee_client, stories):
    assert suggestion_of(site_search(employee_client, "refund")[1]) is None
    assert suggestion_of(site_search(employee_client, "xylophone")[1]) is None
    # Both words are known, but no story has both: no suggestion, only what to try.
    _, page, _ = site_search(employee_client, "refund invoices")
    assert suggestion_of(page) is None
    assert "Use fewer words: a result has every word you type." in page


def test_words_only_hidden_pages_have_are_never_suggested(employee_client, stories_index, stories):
    StoryPageFactory(parent=stories_index, title="Zanzibar merger draft", live=False)
    locked = make_story(stories_index, title="Quixotic locked plan", summary="Quixotic.")
    PageViewRestriction.objects.create(
        page=locked, restriction_type=PageViewRestriction.PASSWORD, password="x"
    )
    for misspelt in ("zanzibat", "quixotix"):
        results, page, _ = site_search(employee_client, misspelt)
        assert results == [] and suggestion_of(page) is None, misspelt
        assert "Zanzibar" not in page and "Quixotic" not in page


def test_the_empty_state_says_what_to_try_and_where_to_browse(
    employee_client, stories_index, stories
):
    StoryPageFactory(parent=stories_index, title="Draft", tags=["secret-merger"], live=False)
    results, page, _ = site_search(employee_client, "xylophone")
    assert results == []
    assert "0 results for “xylophone”." in page
    assert '<h2 id="search-empty-heading">What to try</h2>' in page
    assert "Check the spelling of each word." in page
    assert f'<a href="{stories_index.url}">Browse all stories</a>' in page
    tags = re.findall(r'<a class="tag" href="([^"]+)">([^<]+)</a>', page)
    # The most used tags of the stories the reader may see, each to its tag page.
    assert tags == [
        (f"{stories_index.url}tag/payments/", "payments"),
        (f"{stories_index.url}tag/billing/", "billing"),
    ]
