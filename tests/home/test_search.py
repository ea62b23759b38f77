"""Site search: a fixed number of queries however many results, and only what a reader may see."""

import datetime

import pytest
from django.utils import timezone
from wagtail.models import PageViewRestriction

from culture.quotes.factories import QuoteFactory
from culture.quotes.schedule import live_week
from home.factories import UserFactory
from home.models import HomePage

from ..stories.reading_support import seed
from . import search_support
from .search_support import make_campaign, make_pack, site_search, titles_of

pytestmark = pytest.mark.django_db

campaigns_index = search_support.campaigns_index
packs_index = search_support.packs_index
stories_index = search_support.stories_index
team = search_support.team


def test_search_costs_the_same_queries_for_one_result_as_for_a_full_page(
    employee_client,
    home_page,
    stories_index,
    campaigns_index,
    packs_index,
    team,
):
    # Author 0 writes only anonymous stories (every third one is anonymous).
    authors = [UserFactory(first_name="Quentin", last_name=f"Hiddenname{n}") for n in range(3)]
    stories = seed(stories_index, 35, authors=authors)
    week = live_week()
    for number in range(3):
        QuoteFactory(text=f"Seeded quote {number}", week=week - datetime.timedelta(weeks=number))
    today = timezone.localdate()
    for number in range(2):
        start = today + datetime.timedelta(days=40 * number)
        make_campaign(campaigns_index, f"Seeded campaign {number}", start, start)
        make_pack(packs_index, team, title=f"Seeded pack {number}")
    home_page.add_child(instance=HomePage(title="Seeded corner", slug="corner"))
    # A restricted page matches the words but is never shown.
    secret = home_page.add_child(instance=HomePage(title="Seeded secret", slug="secret"))
    PageViewRestriction.objects.create(
        page=secret, restriction_type=PageViewRestriction.PASSWORD, password="x"
    )

    site_search(employee_client, "34")  # the header's fragments are warm from here on
    one_result, _, one = site_search(employee_client, "34")
    assert titles_of(one_result) == ["Seeded story 34"]

    first_results, first_html, first = site_search(employee_client, "seeded")
    assert "43 results for “seeded”." in first_html
    assert "35 stories, 3 quotes, 2 campaigns, 2 meeting packs, 1 page." in first_html
    second_results, second_html, second = site_search(employee_client, "seeded", page=2)
    last_results, last_html, last = site_search(employee_client, "seeded", page=3)
    assert [len(first_results), len(second_results), len(last_results)] == [20, 20, 3]

    # However many results: the same queries, plus one for each kind a page shows (its results,
    # with all they show). The whole request: session and user, the view restrictions, one count
    # per kind, the stories index (the "filter these stories" link), the site, its settings and
    # the permissions the header asks (the admin link).
    def kinds(results):
        return len({result.kind for result in results})

    assert [kinds(one_result), kinds(first_results), kinds(second_results)] == [1, 1, 3]
    assert kinds(last_results) == 2
    base = one - kinds(one_result)
    assert first - kinds(first_results) == second - kinds(second_results) == base
    assert last - kinds(last_results) == base
    assert base + 5 <= 18

    assert '<a rel="next" href="?q=seeded&amp;page=2">More results →</a>' in first_html
    assert '<a rel="prev" href="?q=seeded&amp;page=2">← Previous results</a>' in last_html
    assert "Page 3 of 3" in last_html and 'rel="next"' not in last_html

    shown = first_results + second_results + last_results
    assert [result.kind for result in shown] == (
        ["Story"] * 35 + ["Quote"] * 3 + ["Campaign"] * 2 + ["Meeting pack"] * 2 + ["Page"]
    )
    assert {story.title for story in stories} == set(titles_of(shown, "Story"))
    assert "Seeded secret" not in titles_of(shown)
    # Bylines: "Anonymous", or the author's name; never the author of an anonymous story.
    every_page = first_html + second_html + last_html
    bylines = {result.title: result.meta for result in shown if result.kind == "Story"}
    for number, story in enumerate(stories):
        expected = "Anonymous" if number % 3 == 0 else f"Quentin Hiddenname{number % 3}"
        assert expected in bylines[story.title]
    assert "Hiddenname0" not in every_page
