"""One current item in the main menu: the best match for the address, marked aria-current="page".

Sections nest: "Share a mistake" (/stories/share/) and "My stories" (/stories/mine/) are inside
"Stories" (/stories/), so matching each item on its own underlined two items at once.
"""

import re

import pytest

from home.panels import contains, current_url
from stories.factories import StoriesIndexPageFactory, StoryPageFactory

pytestmark = pytest.mark.django_db

MENU = ["/", "/stories/", "/stories/share/", "/meeting-packs/", "/stories/mine/", "/quotes/"]


@pytest.mark.parametrize(
    ("path", "current"),
    [
        ("/", "/"),
        ("/stories/", "/stories/"),
        ("/stories/a-refund-paid-twice/", "/stories/"),
        ("/stories/share/", "/stories/share/"),
        ("/stories/mine/", "/stories/mine/"),
        ("/stories/mine/12/edit/", "/stories/mine/"),
        ("/quotes/2026-03-02/", "/quotes/"),
        ("/account/", None),
        ("/search/", None),
        # A longer name that only starts like a section is not inside it.
        ("/stories-archive/", None),
    ],
)
def test_the_longest_matching_address_is_the_one_current_item(path, current):
    assert current_url(MENU, path) == current


def test_the_home_item_contains_only_the_home_page():
    assert contains("/", "/")
    assert not contains("/", "/stories/")
    assert contains("/stories", "/stories/share/")
    assert not contains("/stories", "/stories-archive/")


def current_items(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    nav = re.search(r'<nav class="main-nav".*?</nav>', response.content.decode(), re.S).group()
    return re.findall(r'<a href="[^"]*" aria-current="page">([^<]*)</a>', nav)


def test_one_item_is_current_on_every_page_of_a_nested_section(employee_client, home_page):
    index = StoriesIndexPageFactory(parent=home_page)
    story = StoryPageFactory(parent=index, title="A refund paid twice")
    pages = {
        "/": ["Home"],
        "/stories/": ["Stories"],
        story.url: ["Stories"],
        "/stories/share/": ["Share a mistake"],
        "/stories/mine/": ["My stories"],
        "/quotes/": ["Quotes"],
        "/account/": [],
    }
    # Twice: the second answers come from the remembered menu items.
    for _ in range(2):
        assert {url: current_items(employee_client, url) for url in pages} == pages
