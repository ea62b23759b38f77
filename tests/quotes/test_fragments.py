"""The archive and the home panel are cached fragments: free when warm, fresh after every write."""

import datetime

import pytest
from django.urls import reverse
from taggit.models import Tag

from culture.quotes.factories import QuoteFactory
from culture.quotes.models import Quote

from ..fragment_support import touching, warm_queries
from .conftest import A_MONDAY, at

WEEK = datetime.timedelta(weeks=1)
ARCHIVE = reverse("quotes:archive")
# The tables only the quotes' fragments read: a warm page must not touch them.
QUOTE_TABLES = ('"quotes_quote"', '"quotes_quotetag"', '"taggit_tag"')


@pytest.fixture
def quotes(db, frozen):
    """40 live quotes with two tags each, and three that go live in the weeks to come."""
    frozen(at(A_MONDAY, 9, 0))
    tags = ["learning", "courage", "root cause", "persistence"]
    for number in range(40):
        QuoteFactory(
            text=f"Past quote {number}",
            week=A_MONDAY - number * WEEK,
            tags=[tags[number % 4], tags[(number + 1) % 4]],
        )
    for number in range(1, 4):
        QuoteFactory(text=f"Future quote {number}", week=A_MONDAY + number * WEEK)


def quote_queries(sqls):
    return touching(sqls, QUOTE_TABLES)


@pytest.mark.parametrize("path", [ARCHIVE, ARCHIVE + "?page=3", ARCHIVE + "?tag=courage&q=past"])
def test_a_warm_archive_asks_nothing_about_quotes(
    employee_client, home_page, quotes, path, django_assert_max_num_queries
):
    assert quote_queries(warm_queries(employee_client, path)) == []
    # What is left is the signed-in request and the site header (its admin link asks two).
    with django_assert_max_num_queries(6):
        employee_client.get(path)


def test_a_warm_home_page_asks_nothing_about_quotes(employee_client, home_page, quotes):
    sqls = warm_queries(employee_client, "/")
    assert "Past quote 0" in employee_client.get("/").content.decode()
    assert quote_queries(sqls) == []


def test_each_page_tag_and_search_has_its_own_fragment(employee_client, home_page, quotes):
    def main(query):
        html = employee_client.get(ARCHIVE + query).content.decode()
        return html[html.index("<title>") : html.index("</title>")], html[html.index("<main") :]

    title, first = main("")
    assert "Past quote 0" in first and "(page" not in title
    title, second = main("?page=2")
    assert "Past quote 12" in second and "Past quote 0<" not in second and "(page 2)" in title
    _, tagged = main("?tag=root-cause")
    assert "Past quote 2<" in tagged and "Past quote 0<" not in tagged
    _, found = main("?q=quote+7")
    assert "1 quote matching “quote 7”" in found and "Past quote 0<" not in found


def test_a_new_quote_shows_at_once(employee_client, home_page, quotes, frozen):
    employee_client.get(ARCHIVE)
    employee_client.get("/")
    # Free this week without a signal, so that only the new quote's save retires anything.
    Quote.objects.filter(week=A_MONDAY).update(week=None)
    QuoteFactory(text="A brand new quote", week=A_MONDAY)
    assert "A brand new quote" in employee_client.get(ARCHIVE).content.decode()
    assert "A brand new quote" in employee_client.get("/").content.decode()


def test_an_edited_or_deleted_quote_shows_at_once(employee_client, home_page, quotes):
    employee_client.get(ARCHIVE)
    employee_client.get("/")
    quote = Quote.objects.get(week=A_MONDAY)
    quote.text = "Words changed by the Culture team"
    quote.save()
    assert "Words changed by the Culture team" in employee_client.get(ARCHIVE).content.decode()
    assert "Words changed by the Culture team" in employee_client.get("/").content.decode()
    quote.delete()
    assert "Words changed" not in employee_client.get(ARCHIVE).content.decode()
    home = employee_client.get("/").content.decode()
    assert "Words changed" not in home and "Past quote 1" in home


def test_a_renamed_tag_shows_at_once(employee_client, home_page, quotes):
    assert ">courage</a>" in employee_client.get(ARCHIVE).content.decode()
    tag = Tag.objects.get(name="courage")
    tag.name = "bravery"
    tag.save()
    html = employee_client.get(ARCHIVE).content.decode()
    assert ">bravery</a>" in html and ">courage</a>" not in html


def test_a_quote_goes_live_at_08_08_with_nothing_saved(
    employee_client, employee, home_page, quotes, frozen
):
    next_monday = A_MONDAY + WEEK
    # One second apart: well within the fragments' lifetime, so only the key can tell.
    frozen(at(next_monday, 8, 7, 59))
    employee_client.force_login(employee)  # sessions end after 8 idle hours
    assert "Future quote 1" not in employee_client.get(ARCHIVE).content.decode()
    assert "Future quote 1" not in employee_client.get("/").content.decode()
    frozen(at(next_monday, 8, 8))
    archive = employee_client.get(ARCHIVE).content.decode()
    assert "Future quote 1" in archive
    assert archive.index("Future quote 1") < archive.index("Past quote 0")
    home = employee_client.get("/").content.decode()
    assert "Future quote 1" in home and "Quote of the Week" in home


def test_the_home_panel_says_latest_while_this_week_has_none(employee_client, home_page, frozen):
    frozen(at(A_MONDAY, 9, 0))
    QuoteFactory(text="Words from last week", week=A_MONDAY - WEEK)
    html = employee_client.get("/").content.decode()
    assert "Our latest quote" in html and "Words from last week" in html
    QuoteFactory(text="Words for this week", week=A_MONDAY)
    html = employee_client.get("/").content.decode()
    assert "Our latest quote" not in html and "Words for this week" in html


def test_no_live_quote_no_panel(employee_client, home_page, frozen):
    frozen(at(A_MONDAY, 9, 0))
    QuoteFactory(text="Not yet", week=A_MONDAY + WEEK)
    for _ in range(2):
        html = employee_client.get("/").content.decode()
        assert "quote-panel" not in html and "Not yet" not in html
