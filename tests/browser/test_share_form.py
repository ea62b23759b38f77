"""The share form in Chromium: the due date's round trip, rows added and removed from the
keyboard, the error summary, character counters, what a phone shows first, and axe-core.

Screenshots at 390 and 1280 px go to $SHOTS_DIR when it is set (look at them), else to the
test's temporary folder.
"""

import base64
import os
import pathlib

import pytest
from django.urls import reverse
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support.expected_conditions import staleness_of
from selenium.webdriver.support.wait import WebDriverWait

from stories.factories import StoriesIndexPageFactory
from stories.models import StoryPage
from tests.browser.layout_support import axe_violations

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

PHONE, DESKTOP = 390, 1280


@pytest.fixture
def share_url(live_server, home_page):
    StoriesIndexPageFactory(parent=home_page)
    return f"{live_server.url}{reverse('stories:share')}"


@pytest.fixture
def viewport(browser):
    """Set the page's width exactly (a phone's 390 px); back to the window's size afterwards."""

    def set_width(width, height=900):
        browser.execute_cdp_cmd(
            "Emulation.setDeviceMetricsOverride",
            {"width": width, "height": height, "deviceScaleFactor": 1, "mobile": width < 600},
        )

    yield set_width
    browser.execute_cdp_cmd("Emulation.clearDeviceMetricsOverride", {})


def open_page(browser, url):
    browser.get(url)
    WebDriverWait(browser, 10).until(
        lambda b: b.execute_script("return document.readyState") == "complete"
    )


def wait_for_page(browser, path_part):
    WebDriverWait(browser, 10).until(lambda b: path_part in b.current_url)
    WebDriverWait(browser, 10).until(
        lambda b: b.execute_script("return document.readyState") == "complete"
    )


def click(browser, element):
    browser.execute_script("arguments[0].scrollIntoView({block: 'center'})", element)
    element.click()


def type_into(browser, name, text):
    field = browser.find_element(By.NAME, name)
    browser.execute_script("arguments[0].scrollIntoView({block: 'center'})", field)
    field.send_keys(text)
    return field


def shoot(browser, name, tmp_path):
    """A full-page screenshot (beyond the viewport), for a person to look at."""
    folder = pathlib.Path(os.environ.get("SHOTS_DIR") or tmp_path)
    folder.mkdir(parents=True, exist_ok=True)
    shot = browser.execute_cdp_cmd(
        "Page.captureScreenshot", {"format": "png", "captureBeyondViewport": True}
    )
    path = folder / f"{name}.png"
    path.write_bytes(base64.b64decode(shot["data"]))
    return path


def focused(browser):
    return browser.switch_to.active_element


def lesson_rows(browser):
    return browser.find_elements(By.CSS_SELECTOR, "[data-row-list] > .line-row input[name=lessons]")


def test_a_due_date_survives_saving_and_reopening(signed_in_browser, share_url):
    browser = signed_in_browser()
    open_page(browser, share_url)
    type_into(browser, "title", "The date that came back")
    type_into(browser, "actions-0-description", "Check the dates")
    type_into(browser, "actions-0-owner", "Support")
    due = browser.find_element(By.NAME, "actions-0-due_date")
    # Typed as a person would; the date field's order follows the browser's locale.
    browser.execute_script("arguments[0].scrollIntoView({block: 'center'})", due)
    order = browser.execute_script(
        "return new Intl.DateTimeFormat().formatToParts(new Date(2026, 11, 15))"
        ".filter(p => p.type !== 'literal').map(p => p.type).join(',')"
    )
    parts = {"day": "15", "month": "12", "year": "2026"}
    due.send_keys(*[parts[part] for part in order.split(",")])
    assert due.get_attribute("value") == "2026-12-15"
    click(browser, browser.find_element(By.CSS_SELECTOR, "button[name=save]"))
    wait_for_page(browser, "/edit/")

    # The reopened draft shows the date (a "15/12/2026" value would leave the field empty).
    due = browser.find_element(By.NAME, "actions-0-due_date")
    assert due.get_attribute("value") == "2026-12-15"
    assert browser.execute_script("return arguments[0].valueAsDate.toISOString()", due).startswith(
        "2026-12-15"
    )
    # Saved again untouched, it is still there. The save comes back to the same address with
    # the same message, so wait for the old page to go before reading the new one.
    old_page = browser.find_element(By.TAG_NAME, "html")
    click(browser, browser.find_element(By.CSS_SELECTOR, "button[name=save]"))
    WebDriverWait(browser, 10).until(staleness_of(old_page))
    wait_for_page(browser, "/edit/")
    assert "Draft saved" in browser.find_element(By.CSS_SELECTOR, ".messages").text
    story = StoryPage.objects.get().get_latest_revision_as_object()
    assert [str(action.due_date) for action in story.actions.all()] == ["2026-12-15"]
    assert browser.find_element(By.NAME, "actions-0-due_date").get_attribute("value") == (
        "2026-12-15"
    )


def test_lessons_and_actions_are_added_and_removed_from_the_keyboard(signed_in_browser, share_url):
    browser = signed_in_browser()
    open_page(browser, share_url)
    # With JavaScript: one blank row, the buttons, no "save for more rows" hint.
    assert len(lesson_rows(browser)) == 1
    lessons = browser.find_element(By.CSS_SELECTOR, "fieldset.field--lines")
    add = lessons.find_element(By.CSS_SELECTOR, "[data-add-row]")
    assert add.is_displayed() and add.text == "Add a lesson"
    assert not lessons.find_element(By.CSS_SELECTOR, "[data-without-js]").is_displayed()

    first = lesson_rows(browser)[0]
    browser.execute_script("arguments[0].scrollIntoView({block: 'center'})", first)
    first.send_keys("First lesson")
    # Tab: the row's "Remove", then "Add a lesson"; Enter adds a row and moves into it.
    first.send_keys(Keys.TAB)
    assert focused(browser).get_attribute("aria-label") == "Remove lesson 1"
    focused(browser).send_keys(Keys.TAB)
    assert focused(browser).text == "Add a lesson"
    focused(browser).send_keys(Keys.ENTER)
    assert focused(browser).get_attribute("id") == "id_lessons_1"
    focused(browser).send_keys("Second lesson")
    add.send_keys(Keys.ENTER)
    focused(browser).send_keys("Third lesson")
    labels = [e.text for e in lessons.find_elements(By.CSS_SELECTOR, "[data-row-label]")]
    assert labels == ["Lesson 1", "Lesson 2", "Lesson 3"]

    # Remove the second: the rows close up and are renumbered; focus goes to the next row.
    remove = lessons.find_element(By.CSS_SELECTOR, "[aria-label='Remove lesson 2']")
    remove.send_keys(Keys.ENTER)
    rows = lesson_rows(browser)
    assert [row.get_attribute("value") for row in rows] == ["First lesson", "Third lesson"]
    assert [row.get_attribute("id") for row in rows] == ["id_lessons_0", "id_lessons_1"]
    assert focused(browser).get_attribute("id") == "id_lessons_1"
    label = browser.find_element(By.CSS_SELECTOR, "label[for=id_lessons_1]")
    assert label.text == "Lesson 2"
    WebDriverWait(browser, 3).until(
        lambda b: (
            b.find_element(By.CSS_SELECTOR, "[data-announcer]").get_attribute("textContent")
            == "Lesson 2 removed."
        )
    )

    # Corrective actions: add a second row, fill it, remove the first.
    actions = browser.find_element(By.CSS_SELECTOR, ".action-list")
    assert len(actions.find_elements(By.CSS_SELECTOR, ".action-row")) == 1
    click(browser, actions.find_element(By.CSS_SELECTOR, "[data-add-row]"))
    assert focused(browser).get_attribute("name") == "actions-1-description"
    focused(browser).send_keys("A check before sending", Keys.TAB, "Support")
    type_into(browser, "actions-0-description", "To be removed")
    click(
        browser, actions.find_element(By.CSS_SELECTOR, "[aria-label='Remove corrective action 1']")
    )
    assert browser.find_element(By.ID, "id_actions-TOTAL_FORMS").get_attribute("value") == "1"
    assert browser.find_element(By.NAME, "actions-0-description").get_attribute("value") == (
        "A check before sending"
    )
    assert actions.find_element(By.CSS_SELECTOR, "legend").text == "Corrective action 1"

    type_into(browser, "title", "Rows that grow")
    click(browser, browser.find_element(By.CSS_SELECTOR, "button[name=save]"))
    wait_for_page(browser, "/edit/")
    story = StoryPage.objects.get().get_latest_revision_as_object()
    assert [lesson.text for lesson in story.lessons.all()] == ["First lesson", "Third lesson"]
    assert [(a.description, a.owner_label) for a in story.actions.all()] == [
        ("A check before sending", "Support")
    ]
    # Reopened: the saved rows and one blank one to type more.
    assert [row.get_attribute("value") for row in lesson_rows(browser)] == [
        "First lesson",
        "Third lesson",
        "",
    ]


def test_no_more_rows_than_a_story_keeps(signed_in_browser, share_url):
    browser = signed_in_browser()
    open_page(browser, share_url)
    questions = browser.find_elements(By.CSS_SELECTOR, "fieldset.field--lines")[1]
    add = questions.find_element(By.CSS_SELECTOR, "[data-add-row]")
    for _ in range(9):
        click(browser, add)
    assert len(questions.find_elements(By.CSS_SELECTOR, "input[name=questions]")) == 10
    assert not add.is_displayed()
    full = questions.find_element(By.CSS_SELECTOR, "[data-rows-full]")
    assert full.is_displayed() and "10 questions" in full.text
    click(browser, questions.find_element(By.CSS_SELECTOR, "[aria-label='Remove question 10']"))
    assert add.is_displayed() and not full.is_displayed()


def test_the_error_summary_takes_focus_and_its_links_move_to_the_fields(
    signed_in_browser, share_url
):
    browser = signed_in_browser()
    open_page(browser, share_url)
    type_into(browser, "own_it", "We said so at once.")
    type_into(browser, "actions-0-description", "Half an action")
    click(browser, browser.find_element(By.CSS_SELECTOR, "button[name=submit]"))
    WebDriverWait(browser, 10).until(lambda b: b.title.startswith("Error: "))
    summary = browser.find_element(By.CSS_SELECTOR, ".error-summary")
    assert focused(browser) == summary
    assert summary.find_element(By.TAG_NAME, "h2").text == "There is a problem"
    links = summary.find_elements(By.TAG_NAME, "a")
    assert [link.text for link in links] == [
        "Give your story a title.",
        "Write a one-line summary: what went wrong and what changed because of it.",
        "Say what happened: the facts, in order.",
        "Corrective action 1: Please say which team or role owns it.",
    ]
    # Everything typed is still there.
    assert browser.find_element(By.NAME, "own_it").get_attribute("value") == "We said so at once."

    links[0].click()
    assert focused(browser).get_attribute("id") == "id_title"
    label = browser.find_element(By.CSS_SELECTOR, "label[for=id_title]")
    assert browser.execute_script(
        "const r = arguments[0].getBoundingClientRect(); return r.top >= 0 && r.bottom <= innerHeight",
        label,
    )
    browser.find_element(By.CSS_SELECTOR, ".error-summary a[href='#id_actions-0-owner']").click()
    assert focused(browser).get_attribute("name") == "actions-0-owner"


def test_a_character_counter_speaks_only_near_the_limit(signed_in_browser, share_url):
    browser = signed_in_browser()
    open_page(browser, share_url)
    counter = browser.find_element(By.ID, "id_title_counter")
    announcer = browser.find_element(By.CSS_SELECTOR, "[data-announcer]")
    title = type_into(browser, "title", "Short")
    assert counter.text == "You have 145 characters remaining"
    assert "id_title_counter" in title.get_attribute("aria-describedby").split()
    browser.implicitly_wait(0)
    try:
        # Far from the limit: shown, never read out (even after the pause that reads it).
        browser.execute_script("return new Promise((done) => setTimeout(done, 1500))")
        assert announcer.get_attribute("textContent") == ""

        title.send_keys("x" * 140)
        assert counter.text == "You have 5 characters remaining"
        WebDriverWait(browser, 3).until(
            lambda b: announcer.get_attribute("textContent") == "You have 5 characters remaining"
        )
        title.send_keys("yyyyyyy")
        assert counter.text == "You have 2 characters too many"
        assert "char-count--over" in counter.get_attribute("class")
    finally:
        browser.implicitly_wait(3)
    # Nothing is cut off: the server says why instead.
    assert len(title.get_attribute("value")) == 152

    # A long text's counter shows near its limit only, and is then linked to the field.
    story = browser.find_element(By.NAME, "what_happened")
    assert not browser.find_element(By.ID, "id_what_happened_counter").is_displayed()
    assert "id_what_happened_counter" not in (story.get_attribute("aria-describedby") or "")
    browser.execute_script(
        "arguments[0].value = 'z'.repeat(7990);arguments[0].dispatchEvent(new Event('input'));",
        story,
    )
    assert browser.find_element(By.ID, "id_what_happened_counter").text == (
        "You have 10 characters remaining"
    )
    assert "id_what_happened_counter" in story.get_attribute("aria-describedby").split()


def test_a_phone_shows_the_errors_then_the_heading_then_the_folded_guide(
    signed_in_browser, share_url, viewport, tmp_path
):
    browser = signed_in_browser()
    viewport(PHONE)
    open_page(browser, share_url)
    assert browser.execute_script("return innerWidth") == PHONE
    guide = browser.find_element(By.CSS_SELECTOR, ".writing-guide details")
    assert guide.get_attribute("open") is None
    shoot(browser, f"share-form-{PHONE}", tmp_path)
    click(browser, browser.find_element(By.CSS_SELECTOR, "button[name=submit]"))
    WebDriverWait(browser, 10).until(lambda b: b.title.startswith("Error: "))

    def top(selector):
        return browser.find_element(By.CSS_SELECTOR, selector).rect["y"]

    assert top(".error-summary") < top("h1") < top(".writing-guide") < top("form.share-form")
    # No sideways scrolling on a phone.
    assert browser.execute_script("return document.documentElement.scrollWidth") <= PHONE
    shoot(browser, f"share-form-errors-{PHONE}", tmp_path)
    assert axe_violations(browser) == []

    # The guide opens with a tap (or Enter) on its summary.
    guide = browser.find_element(By.CSS_SELECTOR, ".writing-guide details")
    assert guide.get_attribute("open") is None
    summary = guide.find_element(By.TAG_NAME, "summary")
    assert summary.text == "How to write a blameless story"
    click(browser, summary)
    assert guide.get_attribute("open") is not None


def test_on_a_desktop_the_guide_is_an_open_column_beside_the_form(
    signed_in_browser, share_url, viewport, tmp_path
):
    browser = signed_in_browser()
    viewport(DESKTOP)
    open_page(browser, share_url)
    guide = browser.find_element(By.CSS_SELECTOR, ".writing-guide")
    form = browser.find_element(By.CSS_SELECTOR, "form.share-form")
    assert guide.find_element(By.TAG_NAME, "details").get_attribute("open") is not None
    assert guide.rect["x"] > form.rect["x"] + form.rect["width"] - 1
    shoot(browser, f"share-form-{DESKTOP}", tmp_path)


def test_axe_finds_no_serious_problem_on_the_form_with_errors(
    signed_in_browser, share_url, viewport, tmp_path
):
    browser = signed_in_browser()
    viewport(DESKTOP)
    open_page(browser, share_url)
    assert axe_violations(browser) == []
    # Errors in every kind of field: text, textarea, lesson rows, an action row.
    lesson = lesson_rows(browser)[0]
    browser.execute_script("arguments[0].scrollIntoView({block: 'center'})", lesson)
    browser.execute_script(
        "arguments[0].value = 'l'.repeat(301); arguments[0].dispatchEvent(new Event('input'))",
        lesson,
    )
    type_into(browser, "actions-0-owner", "Support")
    type_into(browser, "tags", ",".join(f"tag{n}" for n in range(12)))
    click(browser, browser.find_element(By.CSS_SELECTOR, "button[name=submit]"))
    WebDriverWait(browser, 10).until(lambda b: b.title.startswith("Error: "))
    assert len(browser.find_elements(By.CSS_SELECTOR, ".error-summary li")) == 6
    shoot(browser, f"share-form-errors-{DESKTOP}", tmp_path)
    assert axe_violations(browser) == []

    # The check itself finds problems: a field without its label is a critical one.
    browser.execute_script("document.querySelector('label[for=id_title]').remove()")
    assert "label" in [rule for rule, _impact, _nodes in axe_violations(browser)]


def test_live_notes_appear_once_typing_pauses_and_are_announced(signed_in_browser, share_url):
    from home.factories import UserFactory

    UserFactory(username="sam", first_name="Sam", last_name="Okafor")
    browser = signed_in_browser()
    open_page(browser, share_url)
    field = type_into(browser, "own_it", "Sam Okafor told the customers.")
    WebDriverWait(browser, 10).until(
        lambda b: (
            "Names a colleague: “Sam Okafor”"
            in b.find_element(By.CSS_SELECTOR, "[data-notes-for=own_it]").text
        )
    )
    assert "id_own_it_notes" in field.get_attribute("aria-describedby").split()
    announcer = browser.find_element(By.CSS_SELECTOR, "[data-announcer]")
    assert announcer.get_attribute("aria-live") == "polite"
    WebDriverWait(browser, 5).until(lambda b: "1 note on the wording" in announcer.text)
    # Taking the name out takes the note away (and its place in aria-describedby).
    field.send_keys(Keys.CONTROL, "a")
    field.send_keys("A colleague told the customers.")
    WebDriverWait(browser, 10).until(
        lambda b: not b.find_elements(By.CSS_SELECTOR, "[data-notes-for=own_it] .blameless-notes")
    )
    assert "id_own_it_notes" not in (field.get_attribute("aria-describedby") or "").split()
    WebDriverWait(browser, 5).until(lambda b: "no notes" in announcer.text)
    assert not StoryPage.objects.exists()


def test_preview_shows_the_story_page_and_axe_finds_no_serious_problem(
    signed_in_browser, share_url, viewport, tmp_path
):
    browser = signed_in_browser()
    open_page(browser, share_url)
    type_into(browser, "title", "The preview that looked right")
    type_into(browser, "summary", "A summary worth reading.")
    type_into(browser, "what_happened", "It happened on a Tuesday.")
    type_into(browser, "own_it", "Someone blamed the intern.")
    click(browser, browser.find_element(By.CSS_SELECTOR, "button[name=preview]"))
    wait_for_page(browser, "/preview/")
    assert browser.find_element(By.ID, "story-title").text == "The preview that looked right"
    assert browser.find_element(By.CSS_SELECTOR, ".preview-notes").is_displayed()
    for width in (PHONE, DESKTOP):
        viewport(width)
        shoot(browser, f"share-preview-{width}", tmp_path)
        assert axe_violations(browser) == []
    # Back to editing: everything is still there.
    click(browser, browser.find_element(By.LINK_TEXT, "Back to editing"))
    wait_for_page(browser, "/edit/")
    assert browser.find_element(By.NAME, "summary").get_attribute("value") == (
        "A summary worth reading."
    )
    # Preview again, then submit from the preview.
    click(browser, browser.find_element(By.CSS_SELECTOR, "button[name=preview]"))
    wait_for_page(browser, "/preview/")
    click(browser, browser.find_element(By.CSS_SELECTOR, ".preview-bar button[name=submit]"))
    wait_for_page(browser, "/stories/mine/")
    assert (
        "is with the Culture review team" in browser.find_element(By.CSS_SELECTOR, ".messages").text
    )
    assert not StoryPage.objects.get().live
