"""Choosing German in a real browser: the chooser on "Your settings" works with the keyboard's
radio buttons and a submit, the pages then read German, and at phone and desktop widths axe-core
finds no serious or critical violation and nothing scrolls sideways."""

import pytest
from selenium.webdriver.support.wait import WebDriverWait

from stories.factories import StoriesIndexPageFactory, StoryPageFactory
from tests.browser import layout_support
from tests.browser.layout_support import (
    DESKTOP,
    PHONE,
    axe_violations,
    open_page,
    shoot,
    sideways_overflow,
)

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)
viewport = layout_support.viewport


def test_choosing_german_and_reading_in_it(
    signed_in_browser, live_server, home_page, viewport, tmp_path
):
    index = StoriesIndexPageFactory(parent=home_page)
    story = StoryPageFactory(parent=index, title="The invoice we sent twice", lessons=["Check"])
    browser = signed_in_browser()
    open_page(browser, f"{live_server.url}/account/")
    browser.find_element("css selector", "#language input[value='de']").click()
    browser.find_element("css selector", "#language button[type=submit]").click()
    WebDriverWait(browser, 5).until(lambda b: "Deine Sprache ist gespeichert." in b.page_source)
    assert browser.find_element("tag name", "html").get_attribute("lang") == "de"
    assert browser.find_element("css selector", "#language input[value='de']").is_selected()
    for width in (PHONE, DESKTOP):
        viewport(width)
        pages = (
            ("account", "/account/"),
            ("home", "/"),
            ("story", story.url),
            ("share", "/stories/share/"),
        )
        for name, path in pages:
            open_page(browser, f"{live_server.url}{path}")
            assert "Deine Einstellungen" in browser.page_source, path
            assert sideways_overflow(browser) == 0, (path, width)
            assert axe_violations(browser) == [], (path, width)
            shoot(browser, f"de-{name}-{width}", tmp_path, full_page=True)
