"""The site on a phone (390 and 320 px wide) and a desktop, in Chromium.

The stories' filters wait behind a "Filters (n)" disclosure so that the stories come first; the
main menu waits behind a "Menu" button (shown only with JavaScript); story, pack and campaign
pages never scroll sideways. Screenshots go to $SHOTS_DIR when it is set.
"""

import datetime

import pytest
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support.wait import WebDriverWait

from culture.campaigns.models import CampaignEvent, CampaignIndexPage, CampaignPage
from culture.meetings.factories import (
    MeetingPackPageFactory,
    MeetingPacksIndexPageFactory,
    open_round_item,
    story_item,
)
from stories.factories import StoriesIndexPageFactory, StoryPageFactory, TeamFactory
from stories.models import CorrectiveAction
from tests.browser import conftest as browser_fixtures
from tests.browser import layout_support
from tests.browser.layout_support import (
    DESKTOP,
    PHONE,
    PHONE_HEIGHT,
    SMALL_PHONE,
    axe_violations,
    open_page,
    shoot,
    sideways_overflow,
    too_wide,
)

# The live server runs in another thread, so the data must be committed; serialized_rollback
# brings back what the migrations made (the root page, locales, roles) after each test.
pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

# Fixtures (assigned, not imported, so that test arguments may share their names).
browser = browser_fixtures.browser
signed_in_browser = browser_fixtures.signed_in_browser
viewport = layout_support.viewport
without_javascript = layout_support.without_javascript

LONG_LINK = "https://wiki.example.com/incidents/2026/the-afternoon-our-platform-went-down-review"


@pytest.fixture
def site(live_server, home_page):
    """A stories index with a few stories (one long, with a four-column actions table), a
    meeting pack and a campaign with events."""
    support = TeamFactory(name="Customer Support")
    index = StoriesIndexPageFactory(parent=home_page)
    for number in range(4):
        StoryPageFactory(parent=index, title=f"A small mistake number {number}", team=support)
    long_story = StoryPageFactory(
        parent=index,
        title="The afternoon our platform went down for three hours",
        team=support,
        size="huge",
        what_happened=(
            "<p>We planned a twenty-minute database upgrade for a quiet Tuesday afternoon. The "
            "upgrade needed far more disk space than the test copy had suggested, because the "
            "test copy was a year old and a third of the size. The review is at "
            f'<a href="{LONG_LINK}">{LONG_LINK}</a>.</p>'
        ),
        lessons=["Rehearse on something the size of the real thing."],
    )
    for number, (description, owner) in enumerate(
        [
            ("Rehearse upgrades on a full-size copy", "Platform team"),
            ("Incident checklist starts with the status page", "On-call engineer"),
        ]
    ):
        CorrectiveAction.objects.create(
            page=long_story,
            sort_order=number,
            description=description,
            owner_role=owner,
            due_date=datetime.date(2026, 3, 17),
            status="open",
        )
    pack = MeetingPackPageFactory(
        parent=MeetingPacksIndexPageFactory(parent=home_page),
        title="Customer Support staff meeting: deploys and do-overs",
        team=support,
        agenda=[
            story_item(long_story, questions=["Where do we keep the same fact twice?"]),
            open_round_item(),
        ],
    )
    campaigns = home_page.add_child(instance=CampaignIndexPage(title="Campaigns", slug="campaigns"))
    campaigns.save_revision().publish()
    today = datetime.date.today()
    campaign = CampaignPage(
        title="Mistake Management Month",
        slug="mistake-management-month",
        start_date=today - datetime.timedelta(days=3),
        end_date=today + datetime.timedelta(days=20),
        introduction="<p>A month in which everyone is invited to share a story and a quote each week.</p>",
    )
    campaign.events.add(
        CampaignEvent(
            title="Workshop: owning it in the first hour",
            starts_at=datetime.datetime.now(datetime.UTC) + datetime.timedelta(days=2),
            link="https://meet.example.com/own-it-workshop-for-every-team-in-the-company",
        )
    )
    campaigns.add_child(instance=campaign)
    campaign.save_revision().publish()
    return {
        "stories": f"{live_server.url}{index.url}",
        "story": f"{live_server.url}{long_story.url}",
        "pack": f"{live_server.url}{pack.url}",
        "campaign": f"{live_server.url}{CampaignPage.objects.get(pk=campaign.pk).url}",
    }


def filters(browser):
    return browser.find_element(By.CSS_SELECTOR, "details.story-filters__more")


def menu_button(browser):
    return browser.find_element(By.CSS_SELECTOR, ".main-nav__toggle")


def menu_links(browser):
    return browser.find_elements(By.CSS_SELECTOR, ".main-nav__items a")


def focused(browser):
    return browser.switch_to.active_element


# --- /stories/ -------------------------------------------------------------------------------


def test_on_a_phone_the_filters_wait_behind_a_disclosure_and_the_first_story_shows(
    signed_in_browser, site, viewport, tmp_path
):
    browser = signed_in_browser()
    viewport(PHONE)
    open_page(browser, site["stories"])
    details = filters(browser)
    summary = details.find_element(By.TAG_NAME, "summary")
    assert details.get_attribute("open") is None
    assert summary.get_attribute("textContent").strip() == "Filters"
    assert not browser.find_element(By.ID, "filter-team").is_displayed()
    # The search words stay outside, at hand.
    assert browser.find_element(By.ID, "filter-q").is_displayed()
    # The first story card is in the first screen (390 × 844), its title whole.
    title = browser.find_element(By.CSS_SELECTOR, ".story-card .story-card__title")
    assert title.rect["y"] + title.rect["height"] <= PHONE_HEIGHT, title.rect
    shoot(browser, f"stories-{PHONE}", tmp_path)

    # A tap opens them.
    summary.click()
    assert browser.find_element(By.ID, "filter-team").is_displayed()


def test_the_disclosure_counts_the_active_filters(signed_in_browser, site, viewport, tmp_path):
    browser = signed_in_browser()
    viewport(PHONE)
    open_page(browser, site["stories"] + "?q=mistake&size=small&part=made")
    details = filters(browser)
    summary = details.find_element(By.TAG_NAME, "summary")
    # The words are not a filter; "(2 active)" is read out, "(2)" is what shows.
    assert summary.get_attribute("textContent").strip() == "Filters (2 active)"
    shown = browser.execute_script(
        "const copy = arguments[0].cloneNode(true);"
        "copy.querySelectorAll('.visually-hidden').forEach((hidden) => hidden.remove());"
        "return copy.textContent.trim();",
        summary,
    )
    assert shown == "Filters (2)"
    assert details.get_attribute("open") is None
    shoot(browser, f"stories-filtered-{PHONE}", tmp_path)

    # A value that needs correcting opens them, so that its message shows.
    open_page(browser, site["stories"] + "?year=1066")
    assert filters(browser).get_attribute("open") is not None
    assert browser.find_element(By.ID, "filter-year_error").is_displayed()


def test_on_a_desktop_the_filters_are_open(signed_in_browser, site, viewport, tmp_path):
    browser = signed_in_browser()
    viewport(DESKTOP, 900)
    open_page(browser, site["stories"] + "?size=small")
    assert filters(browser).get_attribute("open") is not None
    assert browser.find_element(By.ID, "filter-team").is_displayed()
    summary = filters(browser).find_element(By.TAG_NAME, "summary")
    assert summary.get_attribute("textContent").strip() == "Filters (1 active)"
    shoot(browser, f"stories-{DESKTOP}", tmp_path)


def test_axe_finds_nothing_serious_on_a_phone_with_the_menu_open(
    signed_in_browser, site, viewport, tmp_path
):
    browser = signed_in_browser()
    viewport(PHONE)
    open_page(browser, site["stories"])
    menu_button(browser).click()
    assert menu_button(browser).get_attribute("aria-expanded") == "true"
    assert filters(browser).get_attribute("open") is None
    shoot(browser, f"stories-menu-open-{PHONE}", tmp_path)
    assert axe_violations(browser) == []


# --- The menu button -----------------------------------------------------------------------


def test_the_menu_button_works_from_the_keyboard(signed_in_browser, site, viewport, tmp_path):
    browser = signed_in_browser()
    viewport(PHONE)
    open_page(browser, site["story"])
    button = menu_button(browser)
    assert button.is_displayed() and button.text == "Menu"
    assert button.get_attribute("aria-controls") == "main-nav-items"
    assert button.get_attribute("aria-expanded") == "false"
    assert not any(link.is_displayed() for link in menu_links(browser))

    # Tab reaches it (after the skip link and the site name), with a visible focus ring.
    body = browser.find_element(By.TAG_NAME, "body")
    body.send_keys(Keys.TAB)
    for _ in range(4):
        if focused(browser) == button:
            break
        focused(browser).send_keys(Keys.TAB)
    assert focused(browser) == button
    assert browser.execute_script("return arguments[0].matches(':focus-visible')", button)
    assert button.value_of_css_property("outline-style") == "solid"

    # Enter opens it; the next Tab goes into the menu.
    button.send_keys(Keys.ENTER)
    assert button.get_attribute("aria-expanded") == "true"
    links = menu_links(browser)
    assert [link.is_displayed() for link in links] == [True] * len(links)
    focused(browser).send_keys(Keys.TAB)
    assert focused(browser) == links[0]
    current = browser.find_elements(By.CSS_SELECTOR, '.main-nav__items a[aria-current="page"]')
    assert [link.text for link in current] == ["Stories"]
    shoot(browser, f"menu-open-{PHONE}", tmp_path)

    # Escape closes it and gives focus back to the button; Space opens it again.
    focused(browser).send_keys(Keys.ESCAPE)
    assert button.get_attribute("aria-expanded") == "false"
    assert focused(browser) == button
    assert not any(link.is_displayed() for link in menu_links(browser))
    button.send_keys(Keys.SPACE)
    assert button.get_attribute("aria-expanded") == "true"
    button.click()
    assert button.get_attribute("aria-expanded") == "false"


def test_the_menu_is_one_row_on_a_desktop(signed_in_browser, site, viewport):
    browser = signed_in_browser()
    viewport(DESKTOP, 900)
    open_page(browser, site["story"])
    assert not menu_button(browser).is_displayed()
    links = menu_links(browser)
    assert all(link.is_displayed() for link in links)
    assert len({round(link.rect["y"]) for link in links}) == 1


def test_without_javascript_the_menu_is_shown_and_the_button_is_not(
    signed_in_browser, site, viewport, request
):
    browser = signed_in_browser()
    viewport(PHONE)
    request.getfixturevalue("without_javascript")
    open_page(browser, site["story"])
    assert not menu_button(browser).is_displayed()
    assert all(link.is_displayed() for link in menu_links(browser))


# --- No sideways scrolling ---------------------------------------------------------------------


def test_measuring_sideways_scrolling_sees_a_page_that_is_too_wide(
    signed_in_browser, site, viewport
):
    # The check below must be able to fail: a phone browser widens innerWidth to fit.
    browser = signed_in_browser()
    viewport(SMALL_PHONE)
    open_page(browser, site["story"])
    assert sideways_overflow(browser) == 0
    browser.execute_script(
        "const wide = document.createElement('div'); wide.style.width = '500px';"
        "wide.style.height = '1px'; document.querySelector('main').append(wide);"
    )
    WebDriverWait(browser, 5).until(lambda b: sideways_overflow(b) > 0)


@pytest.mark.parametrize("width", [SMALL_PHONE, PHONE])
@pytest.mark.parametrize("page", ["story", "pack", "campaign", "stories"])
def test_no_page_scrolls_sideways_on_a_phone(
    signed_in_browser, site, viewport, tmp_path, page, width
):
    browser = signed_in_browser()
    viewport(width)
    open_page(browser, site[page])
    assert sideways_overflow(browser) == 0, too_wide(browser)
    # The menu, opened, fits too.
    menu_button(browser).click()
    assert sideways_overflow(browser) == 0, too_wide(browser)
    menu_button(browser).click()
    if page == "story":
        # The corrective actions fit in the column, without a scroll bar of their own.
        table = browser.find_element(By.CSS_SELECTOR, ".table-wrap")
        assert browser.execute_script(
            "return arguments[0].scrollWidth <= arguments[0].clientWidth", table
        )
    if width == SMALL_PHONE:
        shoot(browser, f"{page}-{width}", tmp_path, full_page=True)


def test_story_text_runs_about_seventy_characters_a_line_on_a_desktop(
    signed_in_browser, site, viewport, tmp_path
):
    browser = signed_in_browser()
    viewport(DESKTOP, 900)
    open_page(browser, site["story"])
    # Characters on each rendered line of the first paragraph of "What happened".
    lengths = browser.execute_script(
        "const lines = new Map();"
        "const p = document.querySelector('.story__section > .rich-text p');"
        "const walker = document.createTreeWalker(p, NodeFilter.SHOW_TEXT);"
        "for (let node; (node = walker.nextNode()); ) {"
        "  for (let i = 0; i < node.length; i++) {"
        "    const range = document.createRange(); range.setStart(node, i); range.setEnd(node, i + 1);"
        "    const box = range.getClientRects()[0]; if (!box) continue;"
        "    const y = Math.round(box.top); lines.set(y, (lines.get(y) || 0) + 1);"
        "  }"
        "}"
        "return [...lines.values()];"
    )
    full_lines = lengths[:-1]  # the last line of a paragraph is short
    assert len(full_lines) >= 2, lengths
    assert all(55 <= length <= 80 for length in full_lines), lengths
    shoot(browser, f"story-{DESKTOP}", tmp_path, full_page=True)
