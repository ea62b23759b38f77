"""No admin page asks another host for anything, for any role.

Read from Chromium's own network log (every request the page made: scripts, styles, images,
fonts, fetches, the avatar the sidebar's JSON names), not from the markup. Each role crawls its
admin: the dashboard, every item of its menu (read from the sidebar's JSON), the links the
dashboard offers, and the editors of a story and a meeting pack.
"""

import json
import re
from urllib.parse import urljoin, urlsplit

import pytest
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support.wait import WebDriverWait

from culture.meetings.factories import (
    MeetingPackPageFactory,
    MeetingPacksIndexPageFactory,
    open_round_item,
    story_item,
)
from culture.quotes.factories import QuoteFactory
from home.roles import sync_roles
from stories.factories import StoriesIndexPageFactory, StoryPageFactory, TeamFactory
from tests.browser.conftest import start_chromium

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

PAGES_PER_ROLE = 30
# Links whose GET changes something or ends the session.
SKIPPED = re.compile(r"logout|/delete/|/unpublish/|/unlock/|/lock/|/copy/|/move/|\.(csv|xlsx)")


@pytest.fixture(scope="module")
def browser():
    """Chromium with its network log kept (the session-wide browser does not keep it)."""
    driver = start_chromium(logs=["performance"])
    yield driver
    driver.quit()


def requested_urls(browser):
    """Every address the browser asked for since the last call."""
    urls = []
    for entry in browser.get_log("performance"):
        message = json.loads(entry["message"])["message"]
        if message["method"] == "Network.requestWillBeSent":
            urls.append(message["params"]["request"]["url"])
    return urls


def outside(urls, origin):
    """The addresses that go to another host than the site's own (data: and blob: stay local)."""
    own = urlsplit(origin).netloc
    return [
        url
        for url in urls
        if urlsplit(url).scheme in ("http", "https", "ws", "wss") and urlsplit(url).netloc != own
    ]


def open_page(browser, url):
    browser.get(url)
    WebDriverWait(browser, 10).until(
        lambda b: b.execute_script("return document.readyState") == "complete"
    )


def sign_in(browser, live_server, username):
    browser.delete_all_cookies()
    open_page(browser, f"{live_server.url}/admin/login/")
    browser.find_element(By.NAME, "username").send_keys(username)
    browser.find_element(By.NAME, "password").send_keys("pass", Keys.ENTER)
    WebDriverWait(browser, 10).until(lambda b: "/admin/login/" not in b.current_url)


def admin_links(browser):
    """The menu's addresses (from the sidebar's JSON) and the page's own admin links."""
    source = browser.page_source
    links = re.findall(r'"url": "(/admin/[^"]*)"', source)
    links += [
        element.get_attribute("href")
        for element in browser.find_elements(By.CSS_SELECTOR, "main a[href*='/admin/']")
    ]
    return links


@pytest.fixture
def admin_site(home_page, employee, moderator, team_lead, culture_member):
    sync_roles()
    team = TeamFactory(name="Customer Support")
    team.members.add(team_lead)
    stories = StoriesIndexPageFactory(parent=home_page)
    story = StoryPageFactory(parent=stories, title="The invoice we sent twice", author=employee)
    StoryPageFactory(
        parent=stories, title="The deploy on a Friday", author=employee, author__anonymous=True
    )
    packs = MeetingPacksIndexPageFactory(parent=home_page)
    pack = MeetingPackPageFactory(
        parent=packs, team=team, agenda=[story_item(story), open_round_item()]
    )
    QuoteFactory(text="Mistakes are the portals of discovery.", author="James Joyce")
    return {"story": story, "pack": pack, "packs": packs}


def test_the_check_sees_a_request_to_another_host(browser, live_server, admin_site):
    """The control: an image from another host name (still this machine) is caught."""
    sign_in(browser, live_server, "casey")
    requested_urls(browser)
    host = urlsplit(live_server.url).hostname
    other = live_server.url.replace(host, "127.0.0.1" if host == "localhost" else "localhost")
    browser.execute_script(
        "const image = new Image(); image.src = arguments[0]; document.body.append(image);",
        f"{other}/static/img/favicon.svg",
    )
    caught = WebDriverWait(browser, 5).until(lambda b: outside(requested_urls(b), live_server.url))
    assert caught == [f"{other}/static/img/favicon.svg"]


@pytest.mark.parametrize("username", ["morgan", "lee", "casey"])
def test_no_admin_page_of_any_role_requests_another_host(
    browser, live_server, admin_site, username
):
    sign_in(browser, live_server, username)
    start = [
        "/admin/",
        f"/admin/pages/{admin_site['story'].pk}/edit/",
        f"/admin/pages/{admin_site['pack'].pk}/edit/",
        f"/admin/pages/add/meetings/meetingpackpage/{admin_site['packs'].pk}/",
        "/admin/account/",
    ]
    queue = [urljoin(live_server.url, path) for path in start]
    seen, offenders = set(), []
    requested_urls(browser)
    while queue and len(seen) < PAGES_PER_ROLE:
        url = queue.pop(0).split("#")[0]
        if url in seen or SKIPPED.search(url) or not url.startswith(live_server.url):
            continue
        seen.add(url)
        open_page(browser, url)
        offenders += [(url, request) for request in outside(requested_urls(browser), url)]
        if len(seen) <= 2:  # the dashboard's and the first editor's menu and links
            queue += [urljoin(live_server.url, link) for link in admin_links(browser)]
    assert len(seen) >= 10, seen
    assert offenders == []
