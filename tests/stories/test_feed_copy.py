"""The personal feed addresses on "Your settings": a "Copy" button beside each, and a reset that
asks first. Both work without JavaScript: the address is selectable text, the reset's first
button only opens the explanation and the button that posts."""

import re

import pytest
from django.urls import reverse
from selenium.common.exceptions import StaleElementReferenceException
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support.expected_conditions import staleness_of
from selenium.webdriver.support.wait import WebDriverWait

from stories.feeds import feed_urls, lessons_feed_url
from stories.models import FeedToken
from tests.browser import conftest as browser_fixtures
from tests.browser import layout_support
from tests.browser.layout_support import PHONE, axe_violations, open_page, shoot

from . import reading_support
from .reading_support import story

# Fixtures (assigned, not imported, so that test arguments may share their names).
stories_index = reading_support.stories_index
browser = browser_fixtures.browser
signed_in_browser = browser_fixtures.signed_in_browser
viewport = layout_support.viewport
without_javascript = layout_support.without_javascript


def feeds_section(html):
    return re.search(r'<section class="card feed-links".*?</section>', html, re.S).group()


@pytest.mark.django_db
def test_each_address_is_text_with_a_copy_button_that_waits_for_javascript(
    employee_client, employee, stories_index
):
    story(parent=stories_index, title="Refund sent twice", tags=["payments"])
    html = feeds_section(employee_client.get(reverse("account") + "?tag=payments").content.decode())
    token = FeedToken.objects.get(user=employee).token
    addresses = {
        "feed-atom": feed_urls(token)["atom"],
        "feed-rss": feed_urls(token)["rss"],
        "feed-tag-atom": feed_urls(token, "payments")["atom"],
        "feed-tag-rss": feed_urls(token, "payments")["rss"],
        "feed-tag-lessons": lessons_feed_url(token, "payments"),
    }
    for field_id, url in addresses.items():
        # Selectable without JavaScript: a read-only field holding the address.
        assert (
            f'<input id="{field_id}" class="feed-links__url" type="text" readonly value="{url}">'
            in html
        )
        button = re.search(
            rf'<button [^>]*data-copy-from="{field_id}"[^>]*>(.*?)</button>', html
        ).group()
        assert " hidden>" in button  # site.js shows it where the clipboard can be written
        assert f'data-copy-status="{field_id}-status"' in button
        assert 'data-copied="Copied"' in button
        assert f'<span class="copy-status" id="{field_id}-status" role="status"></span>' in html
    assert html.count(">Copy<") == 5


@pytest.mark.django_db
def test_the_reset_asks_first_and_still_posts_to_the_same_address(
    employee_client, employee, stories_index
):
    html = feeds_section(employee_client.get(reverse("account")).content.decode())
    reset = re.search(r'<details class="feed-links__reset">.*?</details>', html, re.S).group()
    # The first button is the disclosure's summary: it posts nothing.
    assert re.search(r"<summary[^>]*>Reset my feed links</summary>", reset)
    form = re.search(r"<form .*?</form>", reset, re.S).group()
    assert f'action="{reverse("stories:feed_token_reset")}"' in form
    assert '<button type="submit" class="button">Yes, reset my feed links</button>' in form
    assert "stop working at once" in reset

    before = FeedToken.objects.get(user=employee).token
    response = employee_client.post(reverse("stories:feed_token_reset"))
    assert response.status_code == 302
    assert FeedToken.objects.get(user=employee).token != before


# --- In Chromium -------------------------------------------------------------------------------

browser_test = pytest.mark.django_db(transaction=True, serialized_rollback=True)


@pytest.fixture
def account_url(live_server, home_page):
    return f"{live_server.url}{reverse('account')}#feeds"


def allow_clipboard(browser, origin):
    browser.execute_cdp_cmd(
        "Browser.grantPermissions",
        {"origin": origin, "permissions": ["clipboardReadWrite", "clipboardSanitizedWrite"]},
    )


def status_of(browser, field_id):
    return browser.find_element(By.ID, f"{field_id}-status")


@browser_test
def test_copy_puts_the_address_on_the_clipboard_and_says_so(
    signed_in_browser, account_url, live_server, viewport, tmp_path
):
    browser = signed_in_browser()
    allow_clipboard(browser, live_server.url)
    viewport(PHONE)
    open_page(browser, account_url)
    address = browser.find_element(By.ID, "feed-rss").get_attribute("value")
    assert address.startswith("http://testserver/feeds/")  # BASE_URL of the test settings
    button = browser.find_element(By.CSS_SELECTOR, '[data-copy-from="feed-rss"]')
    assert button.is_displayed()
    assert button.accessible_name == "Copy RSS feed of all new stories"
    status = status_of(browser, "feed-rss")
    assert status.get_attribute("role") == "status" and status.text == ""

    # From the keyboard.
    browser.execute_script("arguments[0].focus()", button)
    button.send_keys(Keys.ENTER)
    WebDriverWait(browser, 5).until(lambda b: status_of(b, "feed-rss").text == "Copied")
    assert status_of(browser, "feed-rss").is_displayed()
    assert (
        browser.execute_async_script(
            "const done = arguments[arguments.length - 1];"
            "navigator.clipboard.readText().then(done, (error) => done(String(error)));"
        )
        == address
    )
    # The other address's message is untouched.
    assert status_of(browser, "feed-atom").text == ""
    shoot(browser, f"feed-copied-{PHONE}", tmp_path)


@browser_test
def test_without_javascript_there_is_no_copy_button_and_the_address_can_be_selected(
    signed_in_browser, account_url, viewport, request
):
    browser = signed_in_browser()
    viewport(PHONE)
    request.getfixturevalue("without_javascript")
    open_page(browser, account_url)
    assert not browser.find_element(By.CSS_SELECTOR, '[data-copy-from="feed-atom"]').is_displayed()
    field = browser.find_element(By.ID, "feed-atom")
    assert field.is_displayed() and field.get_attribute("readonly") is not None
    # The address is selectable text: select it all, as a reader would before copying by hand.
    browser.execute_script("arguments[0].select()", field)
    assert browser.execute_script(
        "const f = arguments[0]; return f.value.substring(f.selectionStart, f.selectionEnd)", field
    ) == field.get_attribute("value")


@browser_test
def test_resetting_takes_two_steps_and_changes_the_addresses(
    signed_in_browser, account_url, viewport, tmp_path
):
    browser = signed_in_browser()
    viewport(PHONE)
    open_page(browser, account_url)
    old_address = browser.find_element(By.ID, "feed-atom").get_attribute("value")
    confirm = browser.find_element(By.XPATH, "//button[.='Yes, reset my feed links']")
    assert not confirm.is_displayed()

    summary = browser.find_element(By.CSS_SELECTOR, ".feed-links__reset summary")
    browser.execute_script("arguments[0].scrollIntoView({block: 'center'})", summary)
    summary.click()
    assert confirm.is_displayed()
    shoot(browser, f"feed-reset-confirm-{PHONE}", tmp_path)
    assert axe_violations(browser) == []
    # Changing one's mind: the same button closes it again, nothing changed.
    summary.click()
    assert not confirm.is_displayed()
    open_page(browser, account_url)
    assert browser.find_element(By.ID, "feed-atom").get_attribute("value") == old_address

    browser.find_element(By.CSS_SELECTOR, ".feed-links__reset summary").click()
    old_page = browser.find_element(By.TAG_NAME, "html")
    browser.find_element(By.XPATH, "//button[.='Yes, reset my feed links']").click()
    # Wait for the old page to go first: read while it is being replaced, its nodes vanish under
    # the read (a stale element, or Chromium's "node does not belong to the document").
    WebDriverWait(browser, 10).until(staleness_of(old_page))
    WebDriverWait(browser, 5, ignored_exceptions=(StaleElementReferenceException,)).until(
        lambda b: "Your feed links have changed" in b.find_element(By.TAG_NAME, "body").text
    )
    assert browser.find_element(By.ID, "feed-atom").get_attribute("value") != old_address
