"""The story page tree and the byline rule every later feature relies on."""

import pytest

from home.models import HomePage
from stories.factories import StoriesIndexPageFactory, StoryPageFactory
from stories.models import StoriesIndexPage, StoryPage


@pytest.fixture
def stories_index(home_page):
    return StoriesIndexPageFactory(parent=home_page)


def test_page_tree_rules():
    assert StoriesIndexPage.parent_page_types == ["home.HomePage"]
    assert StoryPage.subpage_types == []
    assert StoryPage.allowed_parent_page_models() == [StoriesIndexPage]
    assert StoriesIndexPage in HomePage.allowed_subpage_models()


@pytest.mark.django_db
def test_byline_names_the_author_or_says_anonymous(stories_index, employee):
    named = StoryPageFactory(parent=stories_index, author=employee)
    hidden = StoryPageFactory(parent=stories_index, author=employee, author__anonymous=True)
    assert named.byline == "Erin Walsh"
    assert hidden.byline == "Anonymous"


@pytest.mark.django_db
def test_factory_builds_lessons_in_order_and_tags(stories_index):
    story = StoryPageFactory(
        parent=stories_index, lessons=["First", "Second"], tags=["email", "clients"]
    )
    story = StoryPage.objects.get(pk=story.pk)
    assert [lesson.text for lesson in story.lessons.all()] == ["First", "Second"]
    assert sorted(story.tags.names()) == ["clients", "email"]
