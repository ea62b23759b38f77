"""The share form in Chromium: autosave and putting text back (a reload, a session that ran out,
sign-out), "Has this happened before?" while typing, and sharing a story with the keyboard only.

Screenshots at 390 and 1280 px go to $SHOTS_DIR when it is set (look at them).
"""

import pytest
from django.urls import reverse
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support.wait import WebDriverWait

from stories.factories import StoriesIndexPageFactory, StoryPageFactory
from stories.models import DraftAutosave, StoryPage
from stories.similar import index_story

from . import layout_support
from .layout_support import DESKTOP, PHONE, axe_violations, open_page, shoot

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

viewport = layout_support.viewport


@pytest.fixture
def index(home_page):
    return StoriesIndexPageFactory(parent=home_page)


@pytest.fixture
def share_url(live_server, index, settings):
    settings.SHARE_AUTOSAVE_SECONDS = 1
    return f"{live_server.url}{reverse('stories:share')}"


def type_into(browser, name, text):
    field = browser.find_element(By.NAME, name)
    browser.execute_script("arguments[0].scrollIntoView({block: 'center'})", field)
    field.send_keys(text)
    return field


def value_of(browser, name):
    return browser.find_element(By.NAME, name).get_attribute("value")


def kept_copies(browser):
    return browser.execute_script(
        "return Object.keys(localStorage).filter(k => k.startsWith('ownit:draft:'))"
    )


def wait(browser, condition, seconds=10):
    return WebDriverWait(browser, seconds).until(condition)


def test_autosave_keeps_the_text_and_a_reload_puts_it_back(signed_in_browser, share_url):
    browser = signed_in_browser()
    open_page(browser, share_url)
    type_into(browser, "title", "Autosaved while I typed")
    status = browser.find_element(By.CSS_SELECTOR, "[data-autosave-status]")
    wait(browser, lambda b: status.text.startswith("Saved "))
    assert dict(DraftAutosave.objects.get().fields)["title"] == "Autosaved while I typed"
    assert not StoryPage.objects.exists()  # autosave makes no story, no revision

    # More typing, then the page is reloaded at once (as a closed tab would be).
    type_into(browser, "summary", "Typed a moment before the reload.")
    lesson = browser.find_element(By.CSS_SELECTOR, "input[name=lessons]")
    lesson.send_keys("First lesson")
    browser.find_element(By.CSS_SELECTOR, "fieldset.field--lines [data-add-row]").click()
    browser.switch_to.active_element.send_keys("Second lesson")
    browser.refresh()
    wait(
        browser, lambda b: b.find_element(By.CSS_SELECTOR, "[data-autosave-notice]").is_displayed()
    )
    notice = browser.find_element(By.CSS_SELECTOR, "[data-autosave-notice]").text
    assert "We put back what you typed at" in notice
    assert value_of(browser, "title") == "Autosaved while I typed"
    assert value_of(browser, "summary") == "Typed a moment before the reload."
    lessons = browser.find_elements(By.CSS_SELECTOR, "[data-row-list] input[name=lessons]")
    assert [field.get_attribute("value") for field in lessons] == ["First lesson", "Second lesson"]
    # The server gets it too (sent on leaving the page, or at the next tick).
    wait(browser, lambda b: "Typed a moment" in str(DraftAutosave.objects.get().fields))

    # "Save draft" turns it into a revision; the browser's copy and the server's buffer go.
    button = browser.find_element(By.CSS_SELECTOR, "button[name=save]")
    browser.execute_script("arguments[0].scrollIntoView({block: 'center'})", button)
    button.click()
    wait(browser, lambda b: "/edit/" in b.current_url)
    wait(browser, lambda b: "Draft saved" in b.find_element(By.CSS_SELECTOR, ".messages").text)
    assert kept_copies(browser) == []
    assert not DraftAutosave.objects.exists()
    story = StoryPage.objects.get().get_latest_revision_as_object()
    assert [lesson.text for lesson in story.lessons.all()] == ["First lesson", "Second lesson"]
    assert not browser.find_element(By.CSS_SELECTOR, "[data-autosave-notice]").is_displayed()


def test_the_text_survives_a_session_that_ran_out(signed_in_browser, share_url, live_server):
    browser = signed_in_browser()
    open_page(browser, share_url)
    type_into(browser, "title", "Written as the session ran out")
    type_into(browser, "what_happened", "Every word of this must come back.")
    # The session ends (timed out on the server); the author presses "Save draft".
    browser.delete_cookie("sessionid")
    button = browser.find_element(By.CSS_SELECTOR, "button[name=save]")
    browser.execute_script("arguments[0].scrollIntoView({block: 'center'})", button)
    button.click()
    wait(browser, lambda b: "/accounts/login/" in b.current_url)
    assert not StoryPage.objects.exists()
    browser.find_element(By.NAME, "username").send_keys("erin")
    browser.find_element(By.NAME, "password").send_keys("pass")
    browser.find_element(By.CSS_SELECTOR, "form.form button[type=submit]").click()
    wait(browser, lambda b: "/stories/share/" in b.current_url)
    wait(browser, lambda b: value_of(b, "title") == "Written as the session ran out")
    assert value_of(browser, "what_happened") == "Every word of this must come back."
    assert "not saved yet" in browser.find_element(By.CSS_SELECTOR, "[data-autosave-notice]").text


def test_signing_out_leaves_no_copy_in_the_browser(signed_in_browser, share_url):
    browser = signed_in_browser()
    open_page(browser, share_url)
    type_into(browser, "title", "Not for the next person at this computer")
    wait(browser, lambda b: kept_copies(b) != [])
    browser.find_element(By.CSS_SELECTOR, "details.user-menu summary").click()
    browser.find_element(By.CSS_SELECTOR, "form[data-sign-out] button").click()
    wait(browser, lambda b: "/accounts/login/" in b.current_url)
    assert kept_copies(browser) == []


def test_similar_stories_appear_while_typing_and_one_click_marks_a_repeat(
    signed_in_browser,
    share_url,
    index,
    viewport,
    tmp_path,
):
    earlier = StoryPageFactory(
        parent=index,
        title="Our TLS certificate expired on a Saturday",
        summary="Browsers warned visitors away from the shop for a day.",
        lessons=["Put every certificate's end date in the team calendar"],
    )
    index_story(earlier)
    browser = signed_in_browser()
    open_page(browser, share_url)
    panel = browser.find_element(By.CSS_SELECTOR, ".similar-panel")
    assert "published stories about the same kind of mistake appear here" in panel.text
    type_into(browser, "title", "SSL renewal lapsed")
    wait(browser, lambda b: "Our TLS certificate expired" in panel.text)
    assert "Put every certificate's end date in the team calendar" in panel.text
    assert browser.find_element(By.CSS_SELECTOR, "[data-similar-count-label]").text == "(1)"
    for width in (PHONE, DESKTOP):
        viewport(width)
        shoot(browser, f"share-similar-{width}", tmp_path, full_page=True)
        assert axe_violations(browser) == []
    viewport(DESKTOP)

    mark = panel.find_element(By.CSS_SELECTOR, "button[name=mark_repeat]")
    browser.execute_script("arguments[0].scrollIntoView({block: 'center'})", mark)
    mark.send_keys(Keys.ENTER)
    wait(browser, lambda b: "You marked your story as a repeat" in panel.text)
    assert browser.switch_to.active_element.text == "Not a repeat after all"
    assert value_of(browser, "repeat_suggestion") == str(earlier.pk)
    assert not StoryPage.objects.filter(live=False).exists()  # nothing saved by the click
    button = browser.find_element(By.CSS_SELECTOR, "button[name=save]")
    browser.execute_script("arguments[0].scrollIntoView({block: 'center'})", button)
    button.click()
    wait(browser, lambda b: "/edit/" in b.current_url)
    draft = StoryPage.objects.get(live=False).get_latest_revision_as_object()
    assert draft.suggested_repeat_of_id == earlier.pk


def tab_to(browser, matches, limit=120):
    """Press Tab until the focused element matches; return it."""
    for _ in range(limit):
        browser.switch_to.active_element.send_keys(Keys.TAB)
        element = browser.switch_to.active_element
        if matches(element):
            return element
    raise AssertionError("never reached by Tab")


def named(name):
    return lambda element: element.get_attribute("name") == name


def test_a_story_is_shared_with_the_keyboard_only(signed_in_browser, share_url, live_server):
    browser = signed_in_browser()
    open_page(browser, f"{live_server.url}/")
    # From the home page: the menu's "Share a mistake", by Tab and Enter.
    link = tab_to(browser, lambda e: e.tag_name == "a" and e.text == "Share a mistake")
    link.send_keys(Keys.ENTER)
    wait(browser, lambda b: "/stories/share/" in b.current_url)
    tab_to(browser, named("title")).send_keys("Shared without a mouse")
    tab_to(browser, named("summary")).send_keys("Every step by Tab, typing, Space and Enter.")
    tab_to(browser, named("part")).send_keys(Keys.SPACE)
    tab_to(browser, named("size")).send_keys(Keys.SPACE)
    tab_to(browser, named("what_happened")).send_keys("It was done from the keyboard.")
    tab_to(browser, named("lessons")).send_keys("Keyboards are enough")
    add = tab_to(browser, lambda e: e.text == "Add a lesson")
    add.send_keys(Keys.ENTER)
    browser.switch_to.active_element.send_keys("Focus follows every step")
    tab_to(browser, named("submit")).send_keys(Keys.ENTER)
    wait(browser, lambda b: "/stories/mine/" in b.current_url)
    assert (
        "is with the Culture review team" in browser.find_element(By.CSS_SELECTOR, ".messages").text
    )
    story = StoryPage.objects.get().get_latest_revision_as_object()
    assert story.title == "Shared without a mouse"
    assert [lesson.text for lesson in story.lessons.all()] == [
        "Keyboards are enough",
        "Focus follows every step",
    ]


def test_a_draft_with_only_a_title_is_saved(signed_in_browser, share_url):
    browser = signed_in_browser()
    open_page(browser, share_url)
    type_into(browser, "title", "Just a title for now")
    button = browser.find_element(By.CSS_SELECTOR, "button[name=save]")
    browser.execute_script("arguments[0].scrollIntoView({block: 'center'})", button)
    button.click()
    wait(browser, lambda b: "/edit/" in b.current_url)
    assert "Draft saved" in browser.find_element(By.CSS_SELECTOR, ".messages").text
    assert not browser.find_elements(By.CSS_SELECTOR, "[data-error-summary]")
    assert StoryPage.objects.get().get_latest_revision_as_object().title == "Just a title for now"
