"""Browser tests: Debian's Chromium, driven by Selenium through Debian's chromedriver.

Nothing is downloaded: both binaries come from the `chromium` and `chromium-driver` packages.
On a machine without them the tests are skipped, except when REQUIRE_BROWSER=1 (as in CI),
where a missing browser is an error.
"""

import os
import shutil

import pytest

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
CHROMEDRIVER = shutil.which("chromedriver") or "/usr/bin/chromedriver"


def start_chromium(logs=None):
    """Debian's headless Chromium under Selenium; `logs` ("browser", "performance") are kept for
    `driver.get_log`. Skips the test without Chromium, or fails it when REQUIRE_BROWSER=1 (CI)."""
    if not (os.path.exists(CHROMIUM) and os.path.exists(CHROMEDRIVER)):
        message = "Chromium is not installed (apt-get install -y chromium chromium-driver)"
        if os.environ.get("REQUIRE_BROWSER") == "1":
            pytest.fail(message)
        pytest.skip(message)
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for argument in (
        "--headless=new",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--no-first-run",
        "--window-size=1280,900",
    ):
        options.add_argument(argument)
    if logs:
        options.set_capability("goog:loggingPrefs", dict.fromkeys(logs, "ALL"))
    driver = webdriver.Chrome(service=Service(CHROMEDRIVER), options=options)
    driver.implicitly_wait(3)
    return driver


@pytest.fixture(scope="session")
def browser():
    driver = start_chromium()
    yield driver
    driver.quit()


@pytest.fixture
def signed_in_browser(browser, live_server):
    """A browser signed in as a fresh employee through the real sign-in form."""
    from selenium.webdriver.support.wait import WebDriverWait

    from home.factories import UserFactory

    def sign_in(username="erin", password="pass", next_path="/"):
        UserFactory(username=username)
        browser.delete_all_cookies()
        browser.get(f"{live_server.url}/accounts/login/?next={next_path}")
        browser.find_element("name", "username").send_keys(username)
        browser.find_element("name", "password").send_keys(password)
        browser.find_element("css selector", "form.form button[type=submit]").click()
        WebDriverWait(browser, 5).until(lambda b: "/accounts/login/" not in b.current_url)
        return browser

    return sign_in
