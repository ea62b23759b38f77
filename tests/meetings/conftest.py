"""Fixtures for meeting packs: an index, two teams, a lead in one of them, stories and a quote."""

import datetime

import pytest
from django.utils import timezone

from culture.meetings.factories import (
    MeetingPackPageFactory,
    MeetingPacksIndexPageFactory,
    open_round_item,
    quote_item,
    story_item,
)
from culture.quotes.factories import QuoteFactory
from home.factories import UserFactory
from stories.factories import StoriesIndexPageFactory, StoryPageFactory, TeamFactory


@pytest.fixture
def packs_index(home_page):
    return MeetingPacksIndexPageFactory(parent=home_page)


@pytest.fixture
def stories_index(home_page):
    return StoriesIndexPageFactory(parent=home_page)


@pytest.fixture
def support(db):
    return TeamFactory(name="Customer Support")


@pytest.fixture
def engineering(db):
    return TeamFactory(name="Engineering")


@pytest.fixture
def lead(team_lead, support):
    """A team lead who is a member of Customer Support (not of Engineering)."""
    support.members.add(team_lead)
    return team_lead


@pytest.fixture
def quote(db):
    # A live quote (two weeks ago): a quote not live yet is withheld from packs.
    return QuoteFactory(
        text="Mistakes are the portals of discovery.",
        author="James Joyce",
        week=timezone.localdate() - datetime.timedelta(days=14),
    )


@pytest.fixture
def story(stories_index, support):
    return StoryPageFactory(
        parent=stories_index,
        title="The invoice we sent twice",
        summary="We billed a client twice and refunded within the hour.",
        team=support,
        author=UserFactory(username="olga", first_name="Olga", last_name="Secretname"),
        lessons=["Check the batch before sending"],
        questions=["What would you have checked first?"],
        tags=["billing"],
    )


@pytest.fixture
def anonymous_story(stories_index, support):
    return StoryPageFactory(
        parent=stories_index,
        title="The deploy on a Friday",
        summary="A Friday deploy took the site down for ten minutes.",
        team=support,
        author=UserFactory(username="hidden", first_name="Hilda", last_name="Hiddenauthor"),
        author__anonymous=True,
        lessons=["Deploy early in the week"],
        questions=["Why do we deploy on Fridays?"],
    )


@pytest.fixture
def make_pack(packs_index, support):
    def make(**kwargs):
        kwargs.setdefault("team", support)
        return MeetingPackPageFactory(parent=packs_index, **kwargs)

    return make


@pytest.fixture
def pack(make_pack, story, quote):
    """Support's pack for next Tuesday, 09:00: quote (2), story (15), open round (10)."""
    return make_pack(
        title="Support staff meeting",
        meeting_date=timezone.localdate() + datetime.timedelta(days=7),
        start_time=datetime.time(9, 0),
        target_minutes=30,
        agenda=[quote_item(quote), story_item(story), open_round_item()],
    )
