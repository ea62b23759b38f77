"""One search everywhere: the header's search box (/search/) and the stories index's "Words to
find" (/stories/?q=) find the same stories in the same order for the same words."""

import pytest
from django.contrib.auth.models import Group
from wagtail.models import PageViewRestriction

from culture.quotes.factories import QuoteFactory
from culture.quotes.schedule import live_week

from . import search_support
from .search_support import index_search, make_story, site_search, urls_of

pytestmark = pytest.mark.django_db

stories_index = search_support.stories_index


@pytest.fixture
def stories(stories_index):
    """Stories that match the words more or less well (title, summary, body, lessons, tags)."""
    made = [
        make_story(
            stories_index,
            title=f"Refund run {number}",
            summary="A refund was sent twice." if number % 2 else "Payments went out late.",
            what_happened="<p>Refunded customers wrote in.</p>" if number % 3 else "<p>Oops.</p>",
            lessons=["Refunds need a second pair of eyes"] if number % 4 == 0 else [],
            tags=["refunds"] if number % 5 == 0 else ["payments"],
        )
        for number in range(26)
    ]
    made.append(make_story(stories_index, title="Nothing to do with it", summary="A typo."))
    QuoteFactory(text="A refund of trust.", week=live_week())  # a quote: site search only
    return made


@pytest.mark.parametrize(
    "words", ["refund", "refunded", "Refunds twice", "customers refund", "payments late", "typo"]
)
def test_the_header_and_the_index_find_the_same_stories_in_the_same_order(
    employee_client, stories_index, stories, words
):
    site, _, _ = site_search(employee_client, words)
    in_the_index = index_search(employee_client, stories_index, words)
    assert in_the_index, words
    # Stories come first on the site search, so its first page holds the index's first page.
    assert urls_of(site, "Story") == in_the_index
    site_second, _, _ = site_search(employee_client, words, page=2)
    in_the_index_second = employee_client.get(stories_index.url, {"q": words, "page": 2})
    second = search_support.read_story_cards(in_the_index_second.content.decode())
    assert urls_of(site_second, "Story") == second


def test_both_leave_out_the_same_restricted_stories(
    employee_client, employee, stories_index, stories
):
    insiders = Group.objects.create(name="Insiders")
    for story in stories[::3]:
        restriction = PageViewRestriction.objects.create(
            page=story, restriction_type=PageViewRestriction.GROUPS
        )
        restriction.groups.add(insiders)
    hidden = {story.url for story in stories[::3]}
    site, _, _ = site_search(employee_client, "refund")
    in_the_index = index_search(employee_client, stories_index, "refund")
    assert urls_of(site, "Story") == in_the_index
    assert not hidden & set(in_the_index)

    employee.groups.add(insiders)
    site, _, _ = site_search(employee_client, "refund")
    in_the_index = index_search(employee_client, stories_index, "refund")
    assert urls_of(site, "Story") == in_the_index
    assert hidden & set(in_the_index)


def test_the_site_search_links_to_the_index_with_the_same_words(
    employee_client, stories_index, stories
):
    _, html, _ = site_search(employee_client, "refunds twice")
    link = f'<a href="{stories_index.url}?q=refunds+twice">'
    assert (
        f'<p class="search-narrow">{link}Filter these stories by tag, team, size or year</a>'
        in (html)
    )
