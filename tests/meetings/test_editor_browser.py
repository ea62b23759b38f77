"""The pack editor in a real browser: the running total follows the minutes as the lead types."""

import pytest
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support.wait import WebDriverWait

from tests.browser.conftest import browser  # noqa: F401 (the shared Chromium fixture)

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def test_running_total_and_warning_update_while_typing(browser, live_server, culture_member, pack):  # noqa: F811
    browser.delete_all_cookies()
    browser.get(f"{live_server.url}/admin/login/")
    browser.find_element(By.NAME, "username").send_keys("casey")
    browser.find_element(By.NAME, "password").send_keys("pass", Keys.ENTER)
    WebDriverWait(browser, 10).until(lambda b: "/admin/login/" not in b.current_url)

    browser.get(f"{live_server.url}/admin/pages/{pack.pk}/edit/")
    total = browser.find_element(By.CSS_SELECTOR, "[data-agenda-total]")
    warning = browser.find_element(By.CSS_SELECTOR, "[data-agenda-over]")
    WebDriverWait(browser, 10).until(lambda b: b.find_elements(By.NAME, "agenda-2-value-minutes"))
    assert total.text == "27"
    assert not warning.is_displayed()

    # The open round (third item) goes from 10 to 40 minutes: 57 of 30.
    minutes = browser.find_element(By.NAME, "agenda-2-value-minutes")
    browser.execute_script("arguments[0].scrollIntoView({block: 'center'})", minutes)
    minutes.send_keys(Keys.CONTROL, "a")
    minutes.send_keys("40")
    WebDriverWait(browser, 5).until(lambda b: total.text == "57")
    WebDriverWait(browser, 5).until(lambda b: warning.is_displayed())
    assert browser.find_element(By.CSS_SELECTOR, "[data-agenda-over-by]").text == "27"

    # Raising the target clears the warning.
    target = browser.find_element(By.ID, "id_target_minutes")
    browser.execute_script("arguments[0].scrollIntoView({block: 'center'})", target)
    target.send_keys(Keys.CONTROL, "a")
    target.send_keys("60")
    WebDriverWait(browser, 5).until(lambda b: not warning.is_displayed())

    # Deleting a block (Wagtail only marks it deleted) takes its minutes off: 57 - 2 = 55.
    delete = browser.execute_script(
        "const input = document.querySelector('input[name=\"agenda-0-deleted\"]');"
        "const child = input.closest('[data-streamfield-child]');"
        "return [...child.querySelectorAll('button')].find("
        "  (b) => /delete/i.test(b.getAttribute('aria-label') || b.title || b.textContent));"
    )
    browser.execute_script("arguments[0].click()", delete)
    WebDriverWait(browser, 5).until(lambda b: total.text == "55")
