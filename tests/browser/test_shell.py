"""The site's shell in a real browser: signing in, keyboard use."""

import pytest
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support.wait import WebDriverWait

# The live server runs in another thread, so the data must be committed; serialized_rollback
# brings back what the migrations made (the root page, locales, roles) after each test.
pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def test_sign_in_returns_to_the_page_asked_for(browser, live_server, home_page):
    from home.factories import UserFactory

    UserFactory(username="erin")
    browser.delete_all_cookies()
    browser.get(f"{live_server.url}/search/?q=lesson")
    assert browser.current_url.startswith(f"{live_server.url}/accounts/login/")
    browser.find_element("name", "username").send_keys("erin")
    browser.find_element("name", "password").send_keys("pass", Keys.ENTER)
    WebDriverWait(browser, 5).until(lambda b: "/accounts/login/" not in b.current_url)
    assert browser.current_url == f"{live_server.url}/search/?q=lesson"
    assert browser.find_element("tag name", "h1").text == "Search"


def test_first_tab_reaches_the_skip_link_which_moves_focus_to_main(
    signed_in_browser, live_server, home_page
):
    browser = signed_in_browser()
    assert browser.current_url == f"{live_server.url}/"
    body = browser.find_element("tag name", "body")
    body.send_keys(Keys.TAB)
    focused = browser.switch_to.active_element
    assert focused.text == "Skip to content"
    # Visible when focused: it slides into the viewport.
    assert focused.rect["y"] >= 0
    focused.send_keys(Keys.ENTER)
    assert browser.execute_script("return location.hash") == "#main"
    assert browser.switch_to.active_element.get_attribute("id") == "main"
