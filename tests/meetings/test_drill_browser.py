"""Practice drills in a real browser: "Reveal" fetches the outcome in place; the editor proposes
the situation when a story is chosen and counts the drill's minutes."""

import pytest
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support.wait import WebDriverWait

from culture.meetings.drills import propose_situation
from tests.browser import conftest as browser_fixtures
from tests.browser import layout_support
from tests.browser.layout_support import (
    DESKTOP,
    PHONE,
    axe_violations,
    open_page,
    shoot,
    sideways_overflow,
)

from . import test_drill
from .test_drill import MAKE_IT_RIGHT, OWN_IT, SITUATION

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

browser = browser_fixtures.browser
signed_in_browser = browser_fixtures.signed_in_browser
viewport = layout_support.viewport
without_javascript = layout_support.without_javascript
drill_story = test_drill.drill_story
drill_pack = test_drill.drill_pack


@pytest.mark.parametrize("width", [PHONE, DESKTOP])
def test_reveal_shows_the_outcome_in_place(
    signed_in_browser, live_server, viewport, drill_pack, width, tmp_path
):
    browser = signed_in_browser()
    viewport(width)
    open_page(browser, live_server.url + drill_pack.url)
    assert SITUATION in browser.page_source
    assert OWN_IT not in browser.page_source
    assert sideways_overflow(browser) == 0
    assert axe_violations(browser) == []
    shoot(browser, f"drill-before-{width}", tmp_path, full_page=True)

    reveal = browser.find_element(By.CSS_SELECTOR, "[data-drill-reveal-url]")
    browser.execute_script("arguments[0].scrollIntoView({block: 'center'})", reveal)
    reveal.send_keys(Keys.SPACE if width == PHONE else Keys.ENTER)
    WebDriverWait(browser, 10).until(
        lambda b: OWN_IT in b.find_element(By.CSS_SELECTOR, "[data-drill-reveal-target]").text
    )
    assert MAKE_IT_RIGHT in browser.find_element(By.CSS_SELECTOR, "[data-drill-reveal-target]").text
    assert not reveal.is_displayed()
    assert browser.current_url.rstrip("/") == (live_server.url + drill_pack.url).rstrip("/")
    assert axe_violations(browser) == []
    shoot(browser, f"drill-revealed-{width}", tmp_path, full_page=True)

    # The reveal's own page (what the link opens without JavaScript).
    open_page(browser, reveal.get_attribute("href"))
    assert OWN_IT in browser.page_source
    assert sideways_overflow(browser) == 0
    assert axe_violations(browser) == []
    shoot(browser, f"drill-reveal-page-{width}", tmp_path, full_page=True)


def test_without_javascript_reveal_opens_a_page(
    signed_in_browser, live_server, viewport, without_javascript, drill_pack, tmp_path
):
    browser = signed_in_browser()
    viewport(PHONE)
    open_page(browser, live_server.url + drill_pack.url)
    browser.find_element(By.CSS_SELECTOR, "[data-drill-reveal-url]").click()
    WebDriverWait(browser, 10).until(lambda b: "/reveal/" in b.current_url)
    assert OWN_IT in browser.page_source


def test_editor_proposes_the_situation_and_counts_the_drill(
    browser, live_server, culture_member, drill_pack, drill_story
):
    browser.delete_all_cookies()
    browser.get(f"{live_server.url}/admin/login/")
    browser.find_element(By.NAME, "username").send_keys("casey")
    browser.find_element(By.NAME, "password").send_keys("pass", Keys.ENTER)
    WebDriverWait(browser, 10).until(lambda b: "/admin/login/" not in b.current_url)
    browser.get(f"{live_server.url}/admin/pages/{drill_pack.pk}/edit/")
    WebDriverWait(browser, 10).until(lambda b: b.find_elements(By.NAME, "agenda-1-value-situation"))
    # The open round (10) and the drill (15).
    total = browser.find_element(By.CSS_SELECTOR, "[data-agenda-total]")
    assert total.text == "25"

    # Choosing a story (as the chooser does: set the value, send "change") with an empty box.
    browser.execute_script(
        "const box = document.querySelector('[name=\"agenda-1-value-situation\"]');"
        "box.value = '';"
        "const input = document.querySelector('[name=\"agenda-1-value-story\"]');"
        "input.setAttribute('value', arguments[0]);"
        "input.dispatchEvent(new Event('change', {bubbles: true}));",
        str(drill_story.pk),
    )
    box = browser.find_element(By.NAME, "agenda-1-value-situation")
    WebDriverWait(browser, 10).until(lambda b: box.get_attribute("value"))
    assert box.get_attribute("value") == propose_situation(drill_story)
