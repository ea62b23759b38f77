"""Site search in a real browser: from the header's box to marked results and back to the empty
state's suggestion, by keyboard, readable at phone and desktop widths, and axe-core clean."""

import datetime

import pytest
from django.utils import timezone
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support.wait import WebDriverWait

from culture.campaigns.models import CampaignIndexPage, CampaignPage
from home.factories import UserFactory
from stories.factories import StoriesIndexPageFactory, StoryPageFactory

from . import layout_support
from .layout_support import DESKTOP, PHONE, axe_violations, open_page, shoot, sideways_overflow

# The live server runs in another thread, so the data must be committed; serialized_rollback
# brings back what the migrations made (the root page, locales, roles) after each test.
pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

viewport = layout_support.viewport


@pytest.fixture
def findable(home_page):
    index = StoriesIndexPageFactory(parent=home_page)
    hidden = UserFactory(first_name="Hidden", last_name="Writer")
    named = UserFactory(first_name="Sam", last_name="Okafor")
    for title, summary, author in (
        ("Refunded twice", "A customer was refunded twice for one invoice.", hidden),
        ("Refunds held back", "Refunds waited a week for a signature.", named),
    ):
        story = StoryPageFactory(
            parent=index,
            title=title,
            summary=summary,
            author=author,
            author__anonymous=author == hidden,
        )
        story.save_revision().publish()
    campaigns = home_page.add_child(instance=CampaignIndexPage(title="Campaigns", slug="campaigns"))
    campaigns.save_revision().publish()
    today = timezone.localdate()
    campaign = CampaignPage(
        title="Mistake Management Month",
        slug="mmm",
        start_date=today,
        end_date=today + datetime.timedelta(days=30),
        introduction="<p>A month of refunds owned in the open, and cake.</p>",
    )
    campaigns.add_child(instance=campaign)
    campaign.save_revision().publish()
    return index


def test_the_header_search_finds_marked_results_by_keyboard(
    signed_in_browser,
    live_server,
    findable,
    viewport,
    tmp_path,
):
    browser = signed_in_browser()
    box = browser.find_element("id", "site-search-q")
    box.send_keys("refund", Keys.ENTER)
    WebDriverWait(browser, 5).until(lambda b: "/search/" in b.current_url)
    assert browser.find_element("css selector", ".result-count").text.startswith(
        "3 results for “refund”."
    )
    headings = [h.text for h in browser.find_elements("css selector", ".search-group > h2")]
    assert headings == ["Stories", "Campaigns"]
    stories = browser.find_element("css selector", ".search-group").text
    assert "Anonymous" in stories and "Sam Okafor" in stories
    assert "Hidden Writer" not in stories
    mark = browser.find_element("css selector", ".search-result__summary mark")
    # A match reads as one without its colour: bold and underlined.
    assert int(mark.value_of_css_property("font-weight")) >= 700
    assert "underline" in mark.value_of_css_property("text-decoration-line")
    assert axe_violations(browser) == []
    for width in (PHONE, DESKTOP):
        viewport(width)
        open_page(browser, browser.current_url)
        assert sideways_overflow(browser) == 0, width
        shoot(browser, f"search-results-{width}", tmp_path, full_page=True)


def test_the_empty_state_offers_a_suggestion_and_what_to_try(
    signed_in_browser,
    live_server,
    findable,
    viewport,
    tmp_path,
):
    browser = signed_in_browser()
    open_page(browser, f"{live_server.url}/search/?q=refnud")
    suggestion = browser.find_element("css selector", ".search-suggestion a")
    # The closest word the reader's stories use.
    assert suggestion.text == "refunds"
    assert browser.find_element("id", "search-empty-heading").text == "What to try"
    assert axe_violations(browser) == []
    for width in (PHONE, DESKTOP):
        viewport(width)
        open_page(browser, browser.current_url)
        assert sideways_overflow(browser) == 0, width
        shoot(browser, f"search-empty-{width}", tmp_path, full_page=True)
    # The suggestion is a link like any other: reached and followed by keyboard.
    suggestion = browser.find_element("css selector", ".search-suggestion a")
    suggestion.send_keys(Keys.ENTER)
    WebDriverWait(browser, 5).until(lambda b: b.current_url.endswith("/search/?q=refunds"))
    assert len(browser.find_elements("css selector", ".search-result")) == 3
