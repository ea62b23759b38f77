"""A brand-new pack in a real browser: suggestions before the first save, "Add to agenda" in
place (nothing typed is lost), minutes left as the agenda changes, and the offer to shorten the
open round when an addition overruns the target."""

import pytest
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support.ui import Select
from selenium.webdriver.support.wait import WebDriverWait

from culture.meetings.models import MeetingPackPage
from home.roles import sync_roles
from tests.browser.conftest import browser  # noqa: F401 (the shared Chromium fixture)

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def sign_in(browser, live_server, username):  # noqa: F811
    browser.delete_all_cookies()
    browser.get(f"{live_server.url}/admin/login/")
    browser.find_element(By.NAME, "username").send_keys(username)
    browser.find_element(By.NAME, "password").send_keys("pass", Keys.ENTER)
    WebDriverWait(browser, 10).until(lambda b: "/admin/login/" not in b.current_url)


def agenda_types(browser):  # noqa: F811
    return browser.execute_script(
        "return document.getElementById('agenda-root').rootBlock.children.map((c) => c.type);"
    )


def test_a_new_pack_gets_suggestions_and_adds_one_in_place_before_the_celebration(
    browser,  # noqa: F811
    live_server,
    lead,
    support,
    packs_index,
    story,
    anonymous_story,
):
    sync_roles()
    sign_in(browser, live_server, "lee")
    browser.get(f"{live_server.url}/admin/pages/add/meetings/meetingpackpage/{packs_index.pk}/")
    title = browser.find_element(By.ID, "id_title")
    title.send_keys("Support staff meeting, typed before any save")
    Select(browser.find_element(By.ID, "id_team")).select_by_visible_text("Customer Support")

    # The default agenda fills the 30-minute target: 0 minutes left.
    left = browser.find_element(By.CSS_SELECTOR, "[data-agenda-left]")
    WebDriverWait(browser, 5).until(lambda b: left.text == "0 minutes left")

    add = WebDriverWait(browser, 10).until(
        lambda b: b.find_element(By.CSS_SELECTOR, f'[data-add-story="{story.pk}"]')
    )
    browser.execute_script("arguments[0].scrollIntoView({block: 'center'})", add)
    add.send_keys(Keys.ENTER)  # a keyboard user

    # In place: no reload (the title typed is still there), before the closing celebration.
    WebDriverWait(browser, 5).until(lambda b: "story" in agenda_types(b))
    assert agenda_types(browser) == ["open_round", "plan_exercise", "story", "celebration"]
    assert title.get_attribute("value") == "Support staff meeting, typed before any save"
    status = browser.find_element(By.CSS_SELECTOR, "[data-agenda-suggestions-status]")
    assert "“The invoice we sent twice” was added to the agenda (15 min)" in status.text
    assert "15 minutes over its 30-minute target" in status.text
    assert browser.switch_to.active_element == status
    total = browser.find_element(By.CSS_SELECTOR, "[data-agenda-total]")
    WebDriverWait(browser, 5).until(lambda b: total.text == "45")
    assert browser.find_element(By.CSS_SELECTOR, "[data-agenda-over]").is_displayed()
    # The story is not suggested twice.
    WebDriverWait(browser, 5).until(
        lambda b: not b.find_elements(By.CSS_SELECTOR, f'[data-add-story="{story.pk}"]')
    )

    # The offer shortens the open round (10 minutes) as far as a round goes: 5 minutes, 40 of 30.
    shorten = status.find_element(By.CSS_SELECTOR, "[data-shorten-open-round]")
    assert shorten.text == "Shorten the open round to 5 min"
    assert status.find_element(By.CSS_SELECTOR, "[data-raise-target]").text == (
        "Raise the target to 45 min"
    )
    shorten.click()
    WebDriverWait(browser, 5).until(lambda b: total.text == "40")
    assert "The open round is now 5 minutes." in status.text
    assert browser.find_element(By.CSS_SELECTOR, "[data-agenda-over-by]").text == "10"

    # A second story: 55 of 30; the round is as short as it goes, so only the target is offered.
    add = WebDriverWait(browser, 10).until(
        lambda b: b.find_element(By.CSS_SELECTOR, "[data-add-story]")
    )
    browser.execute_script("arguments[0].click()", add)
    WebDriverWait(browser, 5).until(lambda b: total.text == "55")
    assert "25 minutes over its 30-minute target" in status.text
    assert not status.find_elements(By.CSS_SELECTOR, "[data-shorten-open-round]")
    status.find_element(By.CSS_SELECTOR, "[data-raise-target]").click()
    WebDriverWait(browser, 5).until(
        lambda b: not b.find_element(By.CSS_SELECTOR, "[data-agenda-over]").is_displayed()
    )
    assert browser.find_element(By.ID, "id_target_minutes").get_attribute("value") == "55"
    assert agenda_types(browser) == ["open_round", "plan_exercise", "story", "story", "celebration"]

    # Saving the draft keeps it all.
    save = browser.find_element(By.CSS_SELECTOR, "button[type=submit][name=''], .action-save")
    browser.execute_script("arguments[0].click()", save)
    WebDriverWait(browser, 10).until(lambda b: "/edit/" in b.current_url)
    pack = MeetingPackPage.objects.get()
    latest = pack.get_latest_revision_as_object()
    assert latest.title == "Support staff meeting, typed before any save"
    assert latest.target_minutes == 55
    assert [(item.block_type, item.value["minutes"]) for item in latest.agenda] == [
        ("open_round", 5),
        ("plan_exercise", 15),
        ("story", 15),
        ("story", 15),
        ("celebration", 5),
    ]
    assert latest.agenda[2].value["story"].pk == story.pk
