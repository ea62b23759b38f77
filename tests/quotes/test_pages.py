"""The archive, a quote's page, the home panel and the menu: content and constant query counts."""

import datetime
from io import StringIO

import pytest
from django.core.management import call_command
from django.urls import reverse

from culture.quotes.demo import QUOTES
from culture.quotes.factories import QuoteFactory
from culture.quotes.models import Quote
from culture.quotes.schedule import monday_of, site_now

from .conftest import A_MONDAY, at

WEEK = datetime.timedelta(weeks=1)


def seed(count, frozen):
    """`count` past quotes, each with two tags, and three future ones."""
    frozen(at(A_MONDAY, 9, 0))
    tags = ["learning", "courage", "root cause", "persistence"]
    for number in range(count):
        QuoteFactory(
            week=A_MONDAY - number * WEEK,
            tags=[tags[number % 4], tags[(number + 1) % 4]],
            why_it_matters="Because." if number % 2 else "",
        )
    for number in range(1, 4):
        QuoteFactory(text=f"Future quote {number}", week=A_MONDAY + number * WEEK)


@pytest.mark.django_db
def test_archive_lists_past_quotes_newest_first_paginated(employee_client, home_page, frozen):
    seed(30, frozen)
    response = employee_client.get(reverse("quotes:archive"))
    page = response.context["archive"].page_obj
    assert page.paginator.count == 30
    weeks = [quote.week for quote in page.object_list]
    assert weeks == sorted(weeks, reverse=True)
    assert weeks[0] == A_MONDAY
    html = response.content.decode()
    assert "Future quote" not in html
    assert "Page 1 of 3" in html
    last = employee_client.get(reverse("quotes:archive"), {"page": 3})
    last_weeks = [q.week for q in last.context["archive"].page_obj.object_list]
    assert last_weeks[-1] == A_MONDAY - 29 * WEEK
    assert "Future quote" not in last.content.decode()
    # Out-of-range and junk page numbers fall back to a real page, not an error.
    assert employee_client.get(reverse("quotes:archive"), {"page": "x"}).status_code == 200
    assert employee_client.get(reverse("quotes:archive"), {"page": 99}).status_code == 200


@pytest.mark.django_db
def test_archive_filters_by_tag_and_words_but_never_shows_the_future(
    employee_client, home_page, frozen
):
    seed(8, frozen)
    QuoteFactory(text="Courage is future too", week=A_MONDAY + 10 * WEEK, tags=["courage"])
    by_tag = employee_client.get(reverse("quotes:archive"), {"tag": "courage"})
    quotes = list(by_tag.context["archive"].page_obj.object_list)
    assert quotes and all("courage" in q.tags.names() for q in quotes)
    assert "Courage is future too" not in by_tag.content.decode()
    by_words = employee_client.get(reverse("quotes:archive"), {"q": "future"})
    assert by_words.context["archive"].page_obj.paginator.count == 0
    assert b"No quote matches" in by_words.content
    unknown_tag = employee_client.get(reverse("quotes:archive"), {"tag": "nope"})
    assert unknown_tag.context["archive"].page_obj.paginator.count == 0


@pytest.mark.django_db
def test_quote_page_shows_why_it_matters_and_wallpaper_links(
    employee_client, home_page, frozen, week_of_quotes
):
    frozen(at(A_MONDAY, 9, 0))
    quote = week_of_quotes["this"]
    html = employee_client.get(reverse("quotes:detail", args=[quote.pk])).content.decode()
    assert "Why this matters" in html and "Short enough to remember" in html
    for size in ("1920x1080", "2560x1440", "1170x2532"):
        assert reverse("quotes:wallpaper", args=[quote.pk, size]) in html
    assert "Preview for the Culture team" not in html


@pytest.mark.django_db
def test_menu_links_to_the_archive(employee_client, home_page):
    html = employee_client.get("/").content.decode()
    assert f'href="{reverse("quotes:archive")}"' in html
    assert ">Quotes</a>" in html


@pytest.mark.django_db
@pytest.mark.parametrize("path", ["/", "/quotes/", "/quotes/?page=2", "/quotes/?tag=courage"])
def test_query_count_does_not_grow_with_the_number_of_quotes(
    client, employee, home_page, frozen, django_assert_max_num_queries, path
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def queries_for(count):
        Quote.objects.all().delete()
        seed(count, frozen)
        client.force_login(employee)
        client.get(path)  # warm per-process caches (site root paths, settings)
        with CaptureQueriesContext(connection) as captured:
            assert client.get(path).status_code == 200
        return len(captured)

    few = queries_for(14)
    many = queries_for(300)
    assert few == many, f"{path}: {few} queries with 14 quotes, {many} with 300"
    with django_assert_max_num_queries(few):
        client.get(path)


@pytest.mark.django_db
def test_load_demo_adds_quotes_past_present_and_future_once(settings, home_page):
    settings.DEBUG = True
    call_command("load_demo", stdout=StringIO())
    assert Quote.objects.count() == len(QUOTES) >= 12
    this_monday = monday_of(site_now().date())
    weeks = set(Quote.objects.values_list("week", flat=True))
    assert this_monday in weeks
    assert sum(1 for week in weeks if week and week < this_monday) >= 10
    assert sum(1 for week in weeks if week and week > this_monday) >= 3
    assert Quote.objects.filter(author__startswith="attributed to").exists()
    before = list(Quote.objects.order_by("pk").values_list("pk", "week", "updated_at"))
    call_command("load_demo", stdout=StringIO())
    assert list(Quote.objects.order_by("pk").values_list("pk", "week", "updated_at")) == before
