"""The pulse on the home page in a real browser: phone and desktop, keyboard, axe-core."""

import pytest
from django.contrib.auth import get_user_model
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support.wait import WebDriverWait

from culture.pulse.factories import PulseFactory
from culture.pulse.models import PulseAnswered, PulseCount
from stories.factories import TeamFactory
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

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

browser = browser_fixtures.browser
signed_in_browser = browser_fixtures.signed_in_browser
viewport = layout_support.viewport


@pytest.fixture
def running_pulse(db):
    return PulseFactory(title="Spring pulse")


@pytest.mark.parametrize("width", [PHONE, DESKTOP])
def test_answering_from_the_home_page_with_the_keyboard(
    signed_in_browser, live_server, home_page, viewport, running_pulse, width, tmp_path
):
    browser = signed_in_browser()
    erin = get_user_model().objects.get(username="erin")
    TeamFactory(name="Support").members.add(erin)
    TeamFactory(name="Sales").members.add(erin)
    viewport(width)
    open_page(browser, live_server.url + "/")
    assert "Spring pulse" in browser.page_source
    assert sideways_overflow(browser) == 0
    assert axe_violations(browser) == []
    shoot(browser, f"pulse-panel-{width}", tmp_path, full_page=True)

    # Sending nothing: the errors are said, on a page that keeps the form.
    browser.find_element(By.CSS_SELECTOR, ".pulse-form button[type=submit]").send_keys(Keys.ENTER)
    WebDriverWait(browser, 10).until(lambda b: "/pulse/" in b.current_url)
    assert "Some answers are missing" in browser.page_source
    assert axe_violations(browser) == []
    shoot(browser, f"pulse-errors-{width}", tmp_path, full_page=True)

    # With the keyboard: the team, then a score for each statement (arrow keys move in a group).
    team = browser.find_element(By.NAME, "team")
    team.send_keys("Sales")
    for fieldset in browser.find_elements(By.CSS_SELECTOR, "fieldset.pulse-scale"):
        first = fieldset.find_element(By.CSS_SELECTOR, "input[type=radio]")
        first.send_keys(Keys.SPACE)
        first.send_keys(Keys.ARROW_RIGHT, Keys.ARROW_RIGHT, Keys.ARROW_RIGHT, Keys.ARROW_RIGHT)
    browser.find_element(By.CSS_SELECTOR, ".pulse-form button[type=submit]").send_keys(Keys.ENTER)
    WebDriverWait(browser, 10).until(lambda b: "Thank you for answering" in b.page_source)
    assert PulseAnswered.objects.filter(pulse=running_pulse, user=erin).exists()
    assert set(
        PulseCount.objects.filter(pulse=running_pulse, count=1).values_list("team__name", "score")
    ) == {("Sales", 5)}
    assert axe_violations(browser) == []
    shoot(browser, f"pulse-thanks-{width}", tmp_path)
