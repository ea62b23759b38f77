"""Content-Security-Policy in a real browser, enforcing: no page breaks a rule.

Chromium writes every refused script, style, image or frame to the console, the preview's frame
included ("Executing inline script violates the following Content Security Policy directive…",
"Refused to load…"). These tests open the front-end pages and work the admin editor (an inline
row, a date picker, the live preview), then read the console. The headers themselves are checked
in tests/home/test_security_headers.py.
"""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone
from PIL import Image
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support.wait import WebDriverWait

from culture.campaigns.models import CampaignIndexPage, CampaignPage
from culture.meetings.factories import (
    MeetingPackPageFactory,
    MeetingPacksIndexPageFactory,
    open_round_item,
    story_item,
)
from home.models import SiteSettings
from stories.factories import StoriesIndexPageFactory, StoryPageFactory
from tests.browser.conftest import start_chromium

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

PLUM = "#6b2d5c"
LESSON = "Read the address line aloud"


@pytest.fixture(scope="module")
def browser():
    """The shared Chromium set-up, plus the console log (the session-wide one does not keep it).

    Named `browser`, so that conftest's `signed_in_browser` drives this one in this module.
    """
    driver = start_chromium(logs=["browser"])
    yield driver
    driver.quit()


def csp_violations(browser):
    """Console entries since the last call that report a refused resource."""
    return [
        entry["message"]
        for entry in browser.get_log("browser")
        if "Content Security Policy" in entry["message"] or "Refused to" in entry["message"]
    ]


def open_page(browser, url):
    """Open a page and wait until it and its deferred scripts have run."""
    browser.get(url)
    WebDriverWait(browser, 10).until(
        lambda b: b.execute_script("return document.readyState") == "complete"
    )


@pytest.fixture
def site(home_page, employee):
    site_settings = SiteSettings.for_site(home_page.get_site())
    site_settings.primary_colour = PLUM
    site_settings.save()
    stories = StoriesIndexPageFactory(parent=home_page)
    story = StoryPageFactory(
        parent=stories,
        title="The invoice we sent twice",
        author=employee,
        lessons=["Check the batch before sending"],
        actions=[{"description": "Add a second check", "due_date": datetime.date(2030, 1, 1)}],
        questions=["What would you have checked first?"],
        tags=["billing"],
    )
    packs = MeetingPacksIndexPageFactory(parent=home_page)
    pack = MeetingPackPageFactory(parent=packs, agenda=[story_item(story), open_round_item()])
    campaigns = home_page.add_child(instance=CampaignIndexPage(title="Campaigns", slug="campaigns"))
    campaigns.save_revision().publish()
    today = timezone.localdate()
    campaign = campaigns.add_child(
        instance=CampaignPage(
            title="Mistake Management Month",
            slug="mmm",
            start_date=today - datetime.timedelta(days=3),
            end_date=today + datetime.timedelta(days=27),
        )
    )
    campaign.save_revision().publish()
    return {"stories": stories, "story": story, "pack": pack, "campaign": campaign}


def test_the_console_check_sees_a_violation(signed_in_browser, live_server, home_page):
    """The control: an inline script added to a page is refused, and the check reports it."""
    browser = signed_in_browser()
    open_page(browser, f"{live_server.url}/")
    csp_violations(browser)
    browser.execute_script(
        "const script = document.createElement('script');"
        "script.textContent = 'document.title = \"ran\"';"
        "document.body.append(script);"
    )
    violations = WebDriverWait(browser, 5).until(lambda b: csp_violations(b))
    assert "inline script" in violations[0]
    assert browser.title != "ran"


def test_front_end_pages_raise_no_violation_and_keep_the_site_colour(
    signed_in_browser, live_server, site
):
    browser = signed_in_browser()
    pages = [
        "/",
        site["stories"].url,
        site["story"].url,
        "/search/?q=invoice",
        reverse("account"),
        reverse("stories:my_stories"),
        site["pack"].url,
        site["campaign"].url,
    ]
    csp_violations(browser)
    for path in pages:
        open_page(browser, f"{live_server.url}{path}")
        assert csp_violations(browser) == [], path
        # The Culture team's colour arrives through /site-colours.css, not an inline <style>.
        header = browser.find_element(By.CSS_SELECTOR, ".site-header")
        assert header.value_of_css_property("background-color") == "rgba(107, 45, 92, 1)", path


def test_story_page_learned_button_and_pack_buttons_work_under_the_policy(
    signed_in_browser, live_server, site
):
    browser = signed_in_browser()
    open_page(browser, f"{live_server.url}{site['story'].url}")
    button = browser.find_element(By.CSS_SELECTOR, "[data-learned-button]")
    browser.execute_script("arguments[0].scrollIntoView({block: 'center'})", button)
    button.click()
    WebDriverWait(browser, 5).until(lambda b: button.get_attribute("aria-pressed") == "true")
    assert csp_violations(browser) == []

    open_page(browser, f"{live_server.url}{site['pack'].url}")
    print_button = browser.find_element(By.CSS_SELECTOR, "[data-print]")
    assert print_button.is_displayed()  # shown by meeting-pack.js, so the script ran
    assert csp_violations(browser) == []


def test_share_form_with_a_corrective_action_saves_a_draft_without_violation(
    signed_in_browser, live_server, site
):
    browser = signed_in_browser()
    open_page(browser, f"{live_server.url}{reverse('stories:share')}")
    assert csp_violations(browser) == []
    form = browser.find_element(By.CSS_SELECTOR, "form.share-form")
    for name, value in (
        ("title", "The report we sent to the wrong list"),
        ("summary", "A report went to everyone; we recalled it and added a check."),
        ("what_happened", "The report went to the whole company list."),
        ("own_it", "I told my lead within ten minutes."),
        ("make_it_right", "We recalled it and wrote to everyone."),
        ("learn_and_prevent", "A second pair of eyes before sending to lists."),
    ):
        field = form.find_element(By.NAME, name)
        browser.execute_script("arguments[0].scrollIntoView({block: 'center'})", field)
        field.send_keys(value)
    for radio in ("input[name=part][value=made]", "input[name=size][value=small]"):
        browser.execute_script("arguments[0].click()", form.find_element(By.CSS_SELECTOR, radio))
    row = form.find_element(By.CSS_SELECTOR, ".action-row")
    for name, value in (("description", "Add a send check for list addresses"), ("owner", "IT")):
        field = row.find_element(By.CSS_SELECTOR, f"input[name$='-{name}']")
        browser.execute_script("arguments[0].scrollIntoView({block: 'center'})", field)
        field.send_keys(value)
    save = form.find_element(By.CSS_SELECTOR, "button[name=save]")
    browser.execute_script("arguments[0].scrollIntoView({block: 'center'})", save)
    save.click()
    WebDriverWait(browser, 10).until(lambda b: "/stories/mine/" in b.current_url)
    assert "Draft saved" in browser.find_element(By.CSS_SELECTOR, ".messages").text
    value = browser.find_element(By.CSS_SELECTOR, ".action-row input[name$='-description']")
    assert value.get_attribute("value") == "Add a send check for list addresses"
    assert csp_violations(browser) == []


def test_sign_in_page_raises_no_violation(browser, live_server, home_page):
    browser.delete_all_cookies()
    open_page(browser, f"{live_server.url}/accounts/login/")
    assert csp_violations(browser) == []


def sign_in_to_admin(browser, live_server, username):
    browser.delete_all_cookies()
    browser.get(f"{live_server.url}/admin/login/")
    browser.find_element(By.NAME, "username").send_keys(username)
    browser.find_element(By.NAME, "password").send_keys("pass", Keys.ENTER)
    WebDriverWait(browser, 10).until(lambda b: "/admin/login/" not in b.current_url)


def test_admin_editor_inline_row_date_picker_and_preview_raise_no_violation(
    browser, live_server, superuser, site
):
    sign_in_to_admin(browser, live_server, superuser.username)
    story = site["story"]
    open_page(browser, f"{live_server.url}/admin/pages/{story.pk}/edit/")
    assert csp_violations(browser) == []

    # An inline panel row: a second lesson.
    add_lesson = browser.find_element(By.ID, "id_lessons-ADD")
    browser.execute_script("arguments[0].click()", add_lesson)
    new_lesson = WebDriverWait(browser, 5).until(
        lambda b: b.find_element(By.NAME, "lessons-1-text")
    )
    new_lesson.send_keys(LESSON)

    # The date picker on a corrective action's due date.
    due = browser.find_element(By.ID, "id_actions-0-due_date")
    browser.execute_script("arguments[0].scrollIntoView({block: 'center'})", due)
    browser.execute_script("arguments[0].focus()", due)
    picker = WebDriverWait(browser, 5).until(
        lambda b: next(
            (
                p
                for p in b.find_elements(By.CSS_SELECTOR, ".xdsoft_datetimepicker")
                if p.is_displayed()
            ),
            None,
        )
    )
    day = picker.find_element(By.CSS_SELECTOR, "td.xdsoft_date[data-date='15']")
    day.click()
    WebDriverWait(browser, 5).until(lambda b: due.get_attribute("value").endswith("-15"))
    assert csp_violations(browser) == []

    # The live preview panel: the page as readers will see it, in a frame that Wagtail replaces
    # on each refresh (so it is looked up afresh each time).
    browser.find_element(By.CSS_SELECTOR, "[data-side-panel-toggle='preview']").click()
    preview = WebDriverWait(browser, 15).until(
        lambda b: (shown := b.execute_script(PREVIEW_STATE)) and LESSON in shown["text"] and shown
    )
    assert "The invoice we sent twice" in preview["text"]
    assert preview["header_colour"] == "rgb(107, 45, 92)"
    assert csp_violations(browser) == []


# What the preview frame shows, read from the admin page: its text and the header's colour.
PREVIEW_STATE = """
    const frame = document.getElementById("w-preview-iframe");
    const doc = frame && frame.contentDocument;
    if (!doc || !doc.body || doc.readyState !== "complete") return null;
    const header = doc.querySelector(".site-header");
    return {
        text: doc.body.innerText,
        header_colour: header && getComputedStyle(header).backgroundColor,
    };
"""


def test_front_end_with_wagtails_user_bar_raises_no_violation(
    browser, live_server, culture_member, site
):
    """Editors see Wagtail's user bar on every page (its accessibility checker included)."""
    sign_in_to_admin(browser, live_server, culture_member.username)
    open_page(browser, f"{live_server.url}{site['story'].url}")
    trigger = WebDriverWait(browser, 10).until(
        lambda b: b.execute_script(
            "const bar = document.querySelector('wagtail-userbar');"
            "return bar && bar.shadowRoot && bar.shadowRoot.querySelector('#wagtail-userbar-trigger');"
        )
    )
    trigger.click()
    # The content checker (axe) runs in the page; its results open in a dialog.
    checker = browser.execute_script(
        "return document.querySelector('wagtail-userbar').shadowRoot.querySelector('#checker-trigger')"
    )
    checker.click()
    WebDriverWait(browser, 10).until(
        lambda b: b.execute_script(
            "const dialog = document.querySelector('wagtail-userbar').shadowRoot"
            ".querySelector('#checker-results');"
            "return dialog && !dialog.hasAttribute('aria-hidden');"
        )
    )
    assert csp_violations(browser) == []


def test_other_admin_screens_raise_no_violation(browser, live_server, superuser, site, tmp_path):
    """The dashboard, listings, this site's own admin views, a chooser and an image upload."""
    sign_in_to_admin(browser, live_server, superuser.username)
    for path in (
        reverse("wagtailadmin_home"),
        reverse("wagtailadmin_explore", args=[site["stories"].pk]),
        reverse("campaigns_admin:insights"),
        reverse("meetings_admin:suggestions", args=[site["pack"].pk]),
        reverse("wagtailadmin_pages:edit", args=[site["pack"].pk]),
        reverse("wagtailsettings:edit", args=["home", "sitesettings"]),
    ):
        open_page(browser, f"{live_server.url}{path}")
        assert csp_violations(browser) == [], path

    # A page chooser: the story editor's "Repeat of" field.
    open_page(browser, f"{live_server.url}/admin/pages/{site['story'].pk}/edit/")
    chooser = browser.find_element(By.ID, "id_repeat_of-chooser")
    choose = chooser.find_element(By.CSS_SELECTOR, ".unchosen [data-chooser-action-choose]")
    browser.execute_script("arguments[0].click()", choose)
    choice = WebDriverWait(browser, 10).until(
        lambda b: b.find_element(By.CSS_SELECTOR, ".modal-content a.choose-page")
    )
    choice.click()
    title = chooser.find_element(By.CSS_SELECTOR, "[data-chooser-title]")
    WebDriverWait(browser, 5).until(lambda b: title.text == "The invoice we sent twice")
    assert csp_violations(browser) == []

    # Uploading an image shows a preview drawn from a blob: URL.
    picture = tmp_path / "plan.png"
    Image.new("RGB", (40, 30), PLUM).save(picture)
    open_page(browser, f"{live_server.url}{reverse('wagtailimages:add_multiple')}")
    browser.find_element(By.CSS_SELECTOR, "input[type=file]").send_keys(str(picture))
    WebDriverWait(browser, 10).until(
        lambda b: b.find_elements(By.CSS_SELECTOR, "#upload-list li.upload-success")
    )
    assert csp_violations(browser) == []
