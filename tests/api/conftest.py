"""A small real site for the API tests: stories of every kind of anonymity and visibility, a
meeting pack, quotes live and not yet, and API tokens."""

import datetime

import pytest
from django.contrib.auth.models import Group
from django.test import Client
from django.utils import timezone
from wagtail.models import APIToken, PageViewRestriction

from culture.meetings.factories import (
    MeetingPackPageFactory,
    MeetingPacksIndexPageFactory,
    open_round_item,
    story_item,
)
from culture.quotes.factories import QuoteFactory
from home.factories import UserFactory
from stories.factories import SeriesFactory, StoriesIndexPageFactory, StoryPageFactory, TeamFactory
from tests.stories.reading_support import story


@pytest.fixture
def stories_index(home_page):
    return StoriesIndexPageFactory(parent=home_page)


@pytest.fixture
def quiet_author(db):
    return UserFactory(username="quietauthor", first_name="Quentin", last_name="Quiet")


@pytest.fixture
def world(stories_index, quiet_author):
    """Named, anonymous (small and large team), draft and restricted stories."""
    payroll = TeamFactory(name="Payroll", members=[quiet_author, UserFactory()])
    helpdesk = TeamFactory(name="Helpdesk", members=6)
    named_author = UserFactory(username="nadia", first_name="Nadia", last_name="Named")
    named = story(
        parent=stories_index,
        title="The newsletter went to the wrong list",
        author=named_author,
        team=payroll,
        series=SeriesFactory(name="Email mishaps"),
        tags=["email"],
        lessons=["Check the list before sending"],
        actions=[{"description": "Add a second check", "owner": "Marketing", "status": "open"}],
        questions=["Who checks our lists?"],
    )
    small = story(
        parent=stories_index,
        title="The payslips went out twice",
        author=quiet_author,
        author__anonymous=True,
        team=payroll,
        tags=["payslips"],
    )
    large = story(
        parent=stories_index,
        title="The helpdesk queue lost its tickets",
        author=UserFactory(),
        author__anonymous=True,
        team=helpdesk,
        tags=["payslips"],
    )
    # Published at a telling time of day: the API must say the date only.
    type(large).objects.filter(pk=large.pk).update(
        first_published_at=timezone.make_aware(datetime.datetime(2026, 12, 1, 9, 7, 31))
    )
    draft = StoryPageFactory(
        parent=stories_index, title="A draft nobody else may read", live=False, tags=["drafty"]
    )
    restricted = story(parent=stories_index, title="Only for the board", tags=["boardroom"])
    restriction = PageViewRestriction.objects.create(
        page=restricted, restriction_type=PageViewRestriction.GROUPS
    )
    restriction.groups.add(Group.objects.get_or_create(name="Board")[0])
    return {
        "index": stories_index,
        "named": named,
        "small": small,
        "large": large,
        "draft": draft,
        "restricted": restricted,
        "payroll": payroll,
        "helpdesk": helpdesk,
        "named_author": named_author,
    }


@pytest.fixture
def pack(home_page, world):
    index = MeetingPacksIndexPageFactory(parent=home_page)
    return MeetingPackPageFactory(
        parent=index,
        title="Helpdesk staff meeting",
        team=world["helpdesk"],
        facilitator_notes="Ask Sam about the outage first.",
        agenda=[
            story_item(world["named"]),
            story_item(world["restricted"]),
            open_round_item(),
        ],
    )


@pytest.fixture
def quotes(db):
    today = timezone.localdate()
    return {
        "live": QuoteFactory(
            text="Fall seven times, stand up eight.",
            week=today - datetime.timedelta(days=14),
            tags=["persistence"],
        ),
        "future": QuoteFactory(
            text="Not yet for your eyes.", week=today + datetime.timedelta(days=14), tags=["soon"]
        ),
    }


@pytest.fixture
def token(other_employee):
    """(APIToken, secret) of an ordinary employee who wrote none of the stories."""
    return APIToken.create_token(user=other_employee, name="Dashboard")


@pytest.fixture
def api(token):
    """A client with no session that sends the token."""
    return Client(headers={"Authorization": f"Bearer {token[1]}"})
