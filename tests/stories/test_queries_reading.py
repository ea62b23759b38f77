"""Speed: every reading page issues a fixed number of SQL queries, whatever the data size.

Each page is measured twice: cold (empty cache, as after a publish) and warm (the shared fragments
cached; the reader's own state still read live). A handful of stories and a few hundred give the
same counts. A warm page stays within MAX_QUERIES, the whole request included, all of it what
is asked live on every request: the user and their permissions (the header's admin link), the
Site and Wagtail's routing (home page, section, story), the view restrictions (Wagtail's check
and the listing's), the site settings, the "I learned from this" counts, and on a story page
the author's anonymity and the meetings it was discussed in.
"""

import pytest
from django.core.cache import cache

from . import reading_support
from .reading_support import count_queries, seed

empty_cache = reading_support.empty_cache
stories_index = reading_support.stories_index

pytestmark = pytest.mark.django_db

MAX_QUERIES = 14


def reading_urls(index, story):
    return {
        "index": index.url,
        "index page 2": index.url + "?page=2",
        "filtered index": index.url + "?team=seed-team-1&size=medium&year=2021",
        "search": index.url + "?q=seeded",
        "search with filters": index.url + "?q=seeded&size=large&tag=seed-1",
        "tag page": index.url + "tag/seed-1/",
        "story page": story.url,
    }


def measure(client, urls):
    counts = {}
    for url in urls.values():
        client.get(url)  # warm what lives in the process (content types, templates)
    for name, url in urls.items():
        cache.clear()
        cold, _ = count_queries(client, url)
        warm, _ = count_queries(client, url)
        again, _ = count_queries(client, url)
        assert warm == again, name
        counts[name] = (cold, warm)
    return counts


def test_reading_pages_issue_the_same_queries_for_5_or_300_stories(
    employee_client, employee, stories_index
):
    few = seed(stories_index, 5)
    urls = reading_urls(stories_index, few[0])
    small = measure(employee_client, urls)

    seed(stories_index, 295)
    large = measure(employee_client, urls)

    print("\nQuery counts (cold, warm):", large)
    assert large == small, f"query counts grew with the data: {small} -> {large}"
    for name, (cold, warm) in large.items():
        assert warm <= MAX_QUERIES, f"{name}: {warm} queries when warm"
        assert cold <= 30, f"{name}: {cold} queries when cold"


def test_feeds_and_home_panel_issue_fixed_queries(employee_client, employee, stories_index):
    from stories.feeds import feed_urls
    from stories.views.feed_tokens import token_for

    token = token_for(employee).token
    urls = {
        "home": "/",
        "atom": feed_urls(token)["atom"].removeprefix("http://testserver"),
        "rss for a tag": feed_urls(token, "seed-1")["rss"].removeprefix("http://testserver"),
    }
    seed(stories_index, 5)
    small = measure(employee_client, urls)
    seed(stories_index, 120)
    large = measure(employee_client, urls)
    assert large == small


def test_cached_pages_change_at_once_on_publish_unpublish_and_edits(
    employee_client, stories_index, moderator
):
    from .reading_support import publish, story

    first = story(parent=stories_index, title="First story", tags=["email"])
    second = story(parent=stories_index, title="Second story", tags=["email"])
    urls = [stories_index.url, stories_index.url + "tag/email/", "/", first.url]
    for url in urls:  # warm every cache
        employee_client.get(url)

    third = story(parent=stories_index, title="Third story", tags=["email"])
    for url in urls:
        assert "Third story" in employee_client.get(url).content.decode(), url

    third.unpublish()
    for url in urls:
        assert "Third story" not in employee_client.get(url).content.decode(), url
    assert employee_client.get(third.url).status_code == 404

    second.title = "Second story, retold"
    publish(second, user=moderator)
    assert "Second story, retold" in employee_client.get(second.url).content.decode()
    for url in urls:
        assert "Second story, retold" in employee_client.get(url).content.decode(), url

    # A draft change is never shown, cached or not.
    first.title = "Unpublished new title"
    first.save_revision(user=moderator)
    assert "Unpublished new title" not in employee_client.get(first.url).content.decode()
    assert "Unpublished new title" not in employee_client.get(stories_index.url).content.decode()
