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


@pytest.mark.parametrize("width", [PHONE, DESKTOP])
def test_the_pulse_in_the_insights_is_accessible(
    browser, live_server, home_page, viewport, culture_member, make_team, width, tmp_path
):
    import datetime
    from importlib.resources import files

    from django.utils import timezone

    from culture.pulse.factories import answer
    from home.roles import sync_roles

    sync_roles()
    today = timezone.localdate()
    teams = [make_team(name, 5) for name in ("Engineering", "Sales", "Support")]
    for days in (120, 60, 3):
        pulse = PulseFactory(
            title=f"Pulse {days} days ago", opens_on=today - datetime.timedelta(days=days)
        )
        for team in teams:
            for user in team.members.all():
                answer(pulse, user, team, score=1 + (days + user.pk) % 7)
    browser.delete_all_cookies()
    viewport(width)
    browser.get(f"{live_server.url}/admin/login/")
    browser.find_element(By.NAME, "username").send_keys("casey")
    browser.find_element(By.NAME, "password").send_keys("pass", Keys.ENTER)
    WebDriverWait(browser, 10).until(lambda b: "/admin/login/" not in b.current_url)
    open_page(browser, f"{live_server.url}/admin/campaigns/insights/")
    section = browser.find_element(By.CSS_SELECTOR, "section[aria-labelledby=pulse-title]")
    browser.execute_script("arguments[0].scrollIntoView()", section)
    assert "Pulse 120 days ago" in section.text
    # axe-core on the pulse's section (the rest of the page is Wagtail's and other apps').
    browser.execute_script((files("axe_core_python") / "axe.min.js").read_text())
    violations = browser.execute_async_script(
        "const done = arguments[arguments.length - 1];"
        "axe.run('section[aria-labelledby=pulse-title]', {resultTypes: ['violations']})"
        ".then((r) => done(r.violations.map((v) => [v.id, v.impact])))"
        ".catch((e) => done([['error', String(e)]]));"
    )
    assert [v for v in violations if v[1] in ("serious", "critical")] == []
    shoot(browser, f"pulse-insights-{width}", tmp_path)
