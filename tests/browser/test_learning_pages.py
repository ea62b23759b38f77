"""The learning-loop pages in a real browser, at phone and desktop widths: a tag's lessons, a
tag page and a team page with "Follow", "Your settings" with what you follow, and the home page
with the story of the month and "New in what you follow". axe-core finds no serious or critical
violation, and nothing scrolls sideways on a phone."""

import pytest
from django.contrib.auth import get_user_model

from culture.learning.models import Follow, StoryOfTheMonth, first_of_month
from stories.factories import StoriesIndexPageFactory, StoryPageFactory, TeamFactory
from tests.browser import layout_support
from tests.browser.layout_support import DESKTOP, PHONE, axe_violations, open_page

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)
viewport = layout_support.viewport


def test_learning_pages_are_accessible_on_a_phone_and_a_desktop(
    signed_in_browser, live_server, home_page, viewport
):
    browser = signed_in_browser()
    erin = get_user_model().objects.get(username="erin")
    index = StoriesIndexPageFactory(parent=home_page)
    support = TeamFactory(name="Support", members=6)
    picked = StoryPageFactory(
        parent=index,
        title="A support macro greeted customers by the wrong name",
        team=support,
        tags=["email"],
        lessons=["Templates should be written as templates", "A second reader helps"],
        questions=["Which of our templates were written for one person?"],
        good_for_meetings=True,
    )
    StoryPageFactory(parent=index, title="A test email went out", tags=["email"], lessons=["Test"])
    StoryOfTheMonth.objects.create(month=first_of_month(), story=picked, why="Owned at once.")
    Follow.objects.create(user=erin, team=support)

    pages = {
        "/": "Story of the month",
        "/stories/tag/email/": "Follow “email”",
        "/stories/tag/email/lessons/": "Templates should be written as templates",
        "/stories/team/support/": "✓ Following “Support”",
        "/account/": "What you follow",
    }
    for width in (PHONE, DESKTOP):
        viewport(width)
        for path, expected in pages.items():
            open_page(browser, f"{live_server.url}{path}")
            assert expected in browser.page_source, path
            assert browser.execute_script("return document.documentElement.scrollWidth") <= width
            assert axe_violations(browser) == [], (path, width)
