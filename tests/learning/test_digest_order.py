"""The weekly digest leads with the story of the month, then the new stories and lessons from
what the reader follows, then the quote and the rest; a followed small team mails no anonymous
story of its own."""

import datetime

import pytest

from culture.learning.models import Follow, StoryOfTheMonth, first_of_month
from culture.quotes.digest import build_message
from culture.quotes.factories import QuoteFactory
from culture.quotes.schedule import live_week
from home.factories import UserFactory
from stories.models import StoryPage

from .conftest import story

pytestmark = pytest.mark.django_db


@pytest.fixture
def week(db):
    return live_week()


@pytest.fixture
def news(stories_index, author, payroll, helpdesk, week):
    QuoteFactory(text="Fall seven times, stand up eight.", author="Proverb", week=week)
    older = story(
        parent=stories_index,
        title="Last year's classic",
        good_for_meetings=True,
        questions=["What would you check first?"],
    )
    StoryPage.objects.filter(pk=older.pk).update(
        first_published_at=datetime.datetime(2025, 1, 6, tzinfo=datetime.UTC)
    )
    return {
        "older": older,
        "tagged": story(
            parent=stories_index,
            title="An invoice went to the wrong client",
            tags=["invoices"],
            lessons=["Check the client on the PDF"],
        ),
        "payroll_secret": story(
            parent=stories_index,
            title="The payslips went out twice",
            author=author,
            author__anonymous=True,
            team=payroll,
        ),
        "payroll_named": story(
            parent=stories_index, title="A payroll export missed a column", team=payroll
        ),
        "other": story(parent=stories_index, title="A meeting room was double booked"),
    }


def test_digest_order_story_of_the_month_then_followed_then_the_rest(news, employee, payroll, week):
    from taggit.models import Tag

    StoryOfTheMonth.objects.create(month=first_of_month(), story=news["older"], why="Why.")
    Follow.objects.create(user=employee, tag=Tag.objects.get(slug="invoices"))
    Follow.objects.create(user=employee, team=payroll)
    message = build_message(employee, week)
    text = message.body
    order = [
        "STORY OF THE MONTH: LAST YEAR'S CLASSIC",
        "NEW IN WHAT YOU FOLLOW",
        "QUOTE OF THE WEEK",
        "MORE NEW STORIES THIS WEEK",
    ]
    assert all(heading in text for heading in order), text
    positions = [text.index(heading) for heading in order]
    assert positions == sorted(positions), text
    followed = text[positions[1] : positions[2]]
    assert "An invoice went to the wrong client" in followed
    assert "Lesson 1: Check the client on the PDF" in followed
    assert "A payroll export missed a column" in followed
    # The small team's anonymous story is not mailed as the team's: it is in "the rest".
    assert "The payslips went out twice" not in followed
    rest = text[positions[3] :]
    assert "The payslips went out twice" in rest and "A meeting room was double booked" in rest
    # Each story once.
    assert text.count("An invoice went to the wrong client") == 1
    assert "What would you check first?" in text[positions[0] : positions[1]]
    html = message.alternatives[0][0]
    assert html.index("Story of the month") < html.index("New in what you follow")
    assert html.index("New in what you follow") < html.index("Quote of the Week")


def test_digest_without_follows_or_pick_is_as_before(news, week):
    reader = UserFactory(username="reader")
    text = build_message(reader, week).body
    assert "NEW IN WHAT YOU FOLLOW" not in text and "STORY OF THE MONTH" not in text
    assert "NEW STORIES THIS WEEK" in text and "MORE NEW STORIES" not in text
    assert text.index("QUOTE OF THE WEEK") < text.index("NEW STORIES THIS WEEK")
