"""Fixtures for the learning-loop tests: a stories index, a big team and a small one, and
stories about invoices and outages."""

import pytest

from home.factories import UserFactory
from stories.factories import TeamFactory
from tests.stories.reading_support import empty_cache, stories_index, story  # noqa: F401


@pytest.fixture
def author(db):
    return UserFactory(username="quietauthor", first_name="Quiet", last_name="Author")


@pytest.fixture
def payroll(author):
    """Two people: too small to show with an anonymous story (stories/small_groups.py)."""
    return TeamFactory(name="Payroll", members=[author, UserFactory()])


@pytest.fixture
def helpdesk(db):
    return TeamFactory(name="Helpdesk", members=6)


def mark(story_page, count):
    """`count` readers say they learned from `story_page`."""
    from stories.models import LearnedFromThis

    for reader in UserFactory.create_batch(count):
        LearnedFromThis.objects.create(story=story_page, user=reader)
