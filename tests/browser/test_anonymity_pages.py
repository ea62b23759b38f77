"""The pages of the anonymity work in a real browser, at phone and desktop widths: My stories
with identity choices and messages, a message thread, the private return link, the report form.
axe-core finds no serious or critical violation, and nothing scrolls sideways on a phone."""

import pytest
from django.contrib.auth import get_user_model

from stories.factories import StoriesIndexPageFactory, StoryPageFactory
from stories.identity import issue_return_link
from stories.models import StoryAuthorship, StoryMessage
from tests.browser import layout_support
from tests.browser.layout_support import DESKTOP, PHONE, axe_violations, open_page

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)
viewport = layout_support.viewport


def test_anonymity_pages_are_accessible_on_a_phone_and_a_desktop(
    signed_in_browser, live_server, home_page, moderator, viewport
):
    browser = signed_in_browser()
    erin = get_user_model().objects.get(username="erin")
    index = StoriesIndexPageFactory(parent=home_page)
    confidential = StoryPageFactory(
        parent=index, title="The invoice run went twice", author=erin, author__anonymous=True
    )
    everyone = StoryPageFactory(parent=index, title="A label printed wrong", author=erin)
    authorship = StoryAuthorship.objects.get(story=everyone)
    authorship.is_anonymous = authorship.erase_when_published = True
    authorship.save()
    secret_path = issue_return_link(authorship)
    StoryMessage.objects.create(story=confidential, written_by=moderator, text="Thank you!")
    StoryMessage.objects.create(story=confidential, from_author=True, text="Glad to help.")
    StoryMessage.objects.create(story=everyone, written_by=moderator, text="We fixed the printer.")
    other = StoryPageFactory(parent=index, title="A mail merge mixed names")

    pages = [
        "/stories/mine/",
        f"/stories/mine/{confidential.pk}/messages/",
        secret_path,
        f"/stories/{other.pk}/report/",
    ]
    for width in (PHONE, DESKTOP):
        viewport(width)
        for path in pages:
            open_page(browser, f"{live_server.url}{path}")
            assert browser.execute_script("return document.documentElement.scrollWidth") <= width
            assert "Thank you!" in browser.page_source or path != pages[1], path
            assert axe_violations(browser) == [], (path, width)
