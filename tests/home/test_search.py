"""Site search: a fixed number of queries however many results, and only what a reader may see."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import PageViewRestriction

from culture.campaigns.models import CampaignIndexPage
from culture.meetings.factories import MeetingPacksIndexPageFactory
from home.factories import UserFactory
from home.models import HomePage

from ..stories.reading_support import seed, stories_index  # noqa: F401 (fixture)

pytestmark = pytest.mark.django_db


def search(client, words, page=1):
    """(queries, the result titles, the whole page)."""
    with CaptureQueriesContext(connection) as queries:
        response = client.get("/search/", {"q": words, "page": page})
    assert response.status_code == 200
    html = response.content.decode()
    listed = re.search(r'<ol class="result-list">(.*?)</ol>', html, re.S).group(1)
    return len(queries), re.findall(r'<a href="[^"]+">([^<]+)</a>', listed), html


def test_search_costs_the_same_queries_for_one_result_as_for_a_full_page(
    employee_client,
    home_page,
    stories_index,  # noqa: F811 (fixture)
):
    authors = [UserFactory(first_name="Quentin", last_name=f"Hiddenname{n}") for n in range(3)]
    stories = seed(stories_index, 35, authors=authors)
    # Pages of other types among the results, as the search finds every kind of page.
    MeetingPacksIndexPageFactory(parent=home_page, title="Seeded meeting packs")
    campaigns = home_page.add_child(instance=CampaignIndexPage(title="Seeded campaigns"))
    campaigns.save_revision().publish()
    home_page.add_child(instance=HomePage(title="Seeded corner", slug="corner"))
    # A restricted page matches the words but is never shown.
    secret = home_page.add_child(instance=HomePage(title="Seeded secret", slug="secret"))
    PageViewRestriction.objects.create(
        page=secret, restriction_type=PageViewRestriction.PASSWORD, password="x"
    )

    search(employee_client, "corner")  # the header's fragment is warm from here on
    one, titles, _ = search(employee_client, "corner")
    assert titles == ["Seeded corner"]

    full, first_titles, first_html = search(employee_client, "seeded")
    assert "38 results for “seeded”." in first_html
    last, last_titles, last_html = search(employee_client, "seeded", page=2)
    assert (len(first_titles), len(last_titles)) == (20, 18)
    assert full == one == last
    assert full <= 9  # the whole request: session, user, its permissions (the admin link), search

    shown = first_titles + last_titles
    for title in ("Seeded meeting packs", "Seeded campaigns", "Seeded corner", stories[0].title):
        assert title in shown
    assert "Seeded secret" not in shown
    # Results carry the page's title and description only: no author, anonymous or not.
    assert "Hiddenname" not in first_html + last_html
