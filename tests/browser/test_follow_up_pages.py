"""The follow-up pages in a real browser, at phone and desktop widths: "Mark done" and "Move the
date" from a reminder (signed out, as from a mail client), a link that does not work, the return
link with open actions, a story whose earlier action did not hold. axe-core finds no serious or
critical violation, and nothing scrolls sideways on a phone."""

import datetime

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.utils import timezone

from home.roles import TEAM_LEADS
from stories import follow_up
from stories.factories import StoriesIndexPageFactory, StoryPageFactory, TeamFactory
from stories.identity import issue_return_link
from stories.models import StoryAuthorship
from tests.browser import layout_support
from tests.browser.layout_support import DESKTOP, PHONE, axe_violations, open_page

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)
viewport = layout_support.viewport


def test_follow_up_pages_are_accessible_on_a_phone_and_a_desktop(
    signed_in_browser, live_server, home_page, viewport
):
    browser = signed_in_browser()
    erin = get_user_model().objects.get(username="erin")
    lead = get_user_model().objects.create_user("lead", "lead@example.com", "x")
    lead.groups.add(Group.objects.get_or_create(name=TEAM_LEADS)[0])
    TeamFactory(name="Support", members=[lead])
    index = StoriesIndexPageFactory(parent=home_page)
    late = timezone.localdate() - datetime.timedelta(days=3)
    earlier = StoryPageFactory(
        parent=index,
        title="A label printed wrong",
        author=erin,
        actions=[
            {"description": "Check the printer template", "owner": "Support", "due_date": late}
        ],
    )
    action = earlier.actions.get()
    StoryPageFactory(
        parent=index,
        title="The label printed wrong again",
        repeat_of=earlier,
        repeat_of_action=action,
    )
    authorship = StoryAuthorship.objects.get(story=earlier)
    authorship.is_anonymous = authorship.erase_when_published = True
    authorship.save()
    secret_path = issue_return_link(authorship)
    follow_up.send_reminders()
    reminder = action.reminders.get()
    token = follow_up.link_token(reminder)
    pages = [
        f"/actions/{action.pk}/done/{token}/",
        f"/actions/{action.pk}/move/{token}/",
        f"/actions/{action.pk}/done/not-a-token/",
        secret_path,
        earlier.url,
    ]
    for width in (PHONE, DESKTOP):
        viewport(width)
        for path in pages:
            open_page(browser, f"{live_server.url}{path}")
            assert browser.execute_script("return document.documentElement.scrollWidth") <= width
            assert axe_violations(browser) == [], (path, width)
    assert "Did not hold" in browser.page_source
