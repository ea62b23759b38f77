"""Fixtures and helpers for the reading, feeds, query-count and reading-anonymity tests.

Test modules import the fixtures they use by name (pytest finds them in the module's namespace).
"""

import datetime

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from taggit.models import Tag

from home.factories import UserFactory
from stories.factories import StoriesIndexPageFactory, StoryPageFactory, TeamFactory
from stories.models import (
    CorrectiveAction,
    DiscussionQuestion,
    LearnedFromThis,
    StoryLesson,
    StoryPage,
    StoryTag,
)


@pytest.fixture(autouse=True)
def empty_cache():
    """Each test starts with an empty cache, as a freshly started server would."""
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def stories_index(home_page):
    return StoriesIndexPageFactory(parent=home_page)


def publish(page, user=None):
    """Publish the page's current state through Wagtail, as a moderator would (signals fire)."""
    revision = page.save_revision(user=user)
    revision.publish(user=user)
    return StoryPage.objects.get(pk=page.pk) if isinstance(page, StoryPage) else page


def story(**kwargs):
    """A published story (pass parent=index), published through Wagtail so that search has its
    lessons and tags and the reading caches hear about it."""
    return publish(StoryPageFactory(**kwargs))


def count_queries(client, url):
    with CaptureQueriesContext(connection) as context:
        response = client.get(url)
    assert response.status_code == 200, (url, response.status_code)
    return len(context.captured_queries), response


def seed(index, count, authors=None, tags=6, lessons=3, marks=2):
    """`count` published stories with tags, lessons, actions, questions and reactions.

    Pages go through the factory (the page tree needs it); their parts are bulk-created, which
    keeps a few hundred stories to seconds.
    """
    authors = authors or [UserFactory() for _ in range(3)]
    teams = [TeamFactory(name=f"Seed team {n}") for n in range(3)]
    tag_objects = [
        Tag.objects.get_or_create(name=f"seed-{n}", slug=f"seed-{n}")[0] for n in range(tags)
    ]
    readers = [UserFactory() for _ in range(marks)]
    stories = []
    base = datetime.datetime(2024, 1, 1, tzinfo=datetime.UTC)
    start = StoryPage.objects.count()
    for number in range(start, start + count):
        stories.append(
            StoryPageFactory(
                parent=index,
                title=f"Seeded story {number}",
                slug=f"seeded-story-{number}",
                author=authors[number % len(authors)],
                author__anonymous=number % 3 == 0,
                team=teams[number % len(teams)],
                size=StoryPage.Size.values[number % 4],
                happened_on=datetime.date(2020 + number % 5, 1 + number % 12, 1),
                first_published_at=base + datetime.timedelta(hours=number),
            )
        )
    StoryTag.objects.bulk_create(
        StoryTag(content_object=page, tag=tag) for page in stories for tag in tag_objects[:3]
    )
    StoryLesson.objects.bulk_create(
        StoryLesson(page=page, text=f"Lesson {n} of {page.title}", sort_order=n)
        for page in stories
        for n in range(lessons)
    )
    CorrectiveAction.objects.bulk_create(
        CorrectiveAction(page=page, description="Add a check", owner_role="Ops", sort_order=n)
        for page in stories
        for n in range(2)
    )
    DiscussionQuestion.objects.bulk_create(
        DiscussionQuestion(page=page, text="What would you do?", sort_order=0) for page in stories
    )
    LearnedFromThis.objects.bulk_create(
        LearnedFromThis(story=page, user=reader) for page in stories for reader in readers
    )
    cache.clear()
    return stories
