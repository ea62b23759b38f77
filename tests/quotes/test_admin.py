"""The Culture team manages quotes in the Wagtail admin: one per week, and a queue of weeks ahead."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from culture.quotes.factories import QuoteFactory
from culture.quotes.models import Quote
from home.roles import CULTURE_TEAM, EMPLOYEES, MODERATORS, TEAM_LEADS

from .conftest import A_MONDAY, at

WEEK = datetime.timedelta(weeks=1)


def url(name, *args):
    return reverse(Quote.snippet_viewset.get_url_name(name), args=args)


def form_data(**overrides):
    data = {
        "text": "Experience is the name every one gives to their mistakes.",
        "author": "Oscar Wilde",
        "source": "Lady Windermere's Fan (1892)",
        "why_it_matters": "",
        "tags": "learning",
        "week": "",
    }
    data.update(overrides)
    return data


@pytest.mark.django_db
def test_a_day_in_the_week_is_moved_to_its_monday():
    quote = Quote(text="x", author="y", week=datetime.date(2026, 6, 18))  # a Thursday
    quote.full_clean()
    assert quote.week == A_MONDAY
    quote.save()
    assert Quote.objects.get().week == A_MONDAY


@pytest.mark.django_db
def test_a_second_quote_for_a_week_is_refused_naming_the_week_and_the_holder():
    QuoteFactory(text="Fall seven times, stand up eight.", author="Japanese proverb", week=A_MONDAY)
    second = Quote(text="Another", author="Someone", week=A_MONDAY + datetime.timedelta(days=2))
    with pytest.raises(ValidationError) as refused:
        second.full_clean()
    message = refused.value.message_dict["week"][0]
    assert "Monday 15 June 2026" in message
    assert "Fall seven times, stand up eight." in message
    assert "Japanese proverb" in message
    assert len(refused.value.message_dict["week"]) == 1  # not also Django's generic message


@pytest.mark.django_db
def test_editing_a_quote_keeps_its_own_week():
    quote = QuoteFactory(week=A_MONDAY)
    quote.text = "Edited"
    quote.full_clean()  # its own week is not "already taken"
    assert quote.week == A_MONDAY


@pytest.mark.django_db
def test_culture_team_adds_a_quote_in_the_admin(client, culture_member):
    client.force_login(culture_member)
    response = client.post(url("add"), form_data(week="2026-06-17"))
    assert response.status_code == 302, response.content.decode()[:2000]
    quote = Quote.objects.get()
    assert quote.week == A_MONDAY
    assert list(quote.tags.names()) == ["learning"]


@pytest.mark.django_db
def test_the_admin_form_refuses_a_taken_week_and_keeps_what_was_typed(client, culture_member):
    QuoteFactory(text="Fall seven times, stand up eight.", author="Japanese proverb", week=A_MONDAY)
    client.force_login(culture_member)
    response = client.post(url("add"), form_data(week="2026-06-19"))
    assert response.status_code == 200
    html = response.content.decode()
    assert "The week of Monday 15 June 2026 already has a quote" in html
    assert "Fall seven times, stand up eight." in html
    assert "Experience is the name every one gives to their mistakes." in html  # kept
    assert Quote.objects.count() == 1


@pytest.mark.django_db
def test_only_the_culture_team_sees_future_quotes_in_the_admin(
    client, role_users, superuser, frozen, week_of_quotes
):
    """Other apps may let a role view quotes (team leads pick a meeting's opening quote): they
    see live quotes only, in the listing and in the chooser; the queue is the Culture team's.
    The chooser picks a pack's opening quote, which must be live, so it offers live quotes to the
    Culture team too."""
    frozen(at(A_MONDAY, 9, 0))
    upcoming = week_of_quotes["next"]
    chooser = reverse(Quote.snippet_viewset.chooser_viewset.get_url_name("choose"))
    chosen = reverse(
        Quote.snippet_viewset.chooser_viewset.get_url_name("chosen"), args=[upcoming.pk]
    )
    for role, user in role_users.items():
        client.force_login(user)
        listing = client.get(url("list"))
        queue = client.get(reverse("quote_queue:index"))
        choose = client.get(chooser)
        if role == CULTURE_TEAM:
            assert listing.status_code == 200
            assert upcoming.text in listing.content.decode()
            assert queue.status_code == 200
            assert week_of_quotes["this"].text in choose.json()["html"]
            assert upcoming.text not in choose.json()["html"]
            assert client.get(chosen).status_code == 404
            continue
        assert queue.status_code in (302, 403), role
        assert client.get(url("edit", upcoming.pk)).status_code in (302, 403), role
        if role == EMPLOYEES:
            assert listing.status_code == 302  # employees cannot open the admin at all
            continue
        assert role in (MODERATORS, TEAM_LEADS)
        if listing.status_code == 200:
            html = listing.content.decode()
            assert week_of_quotes["this"].text in html, role
            assert upcoming.text not in html, role
            assert upcoming.text not in choose.json()["html"], role
            assert client.get(chosen).status_code == 404, role
        else:
            assert listing.status_code in (302, 403), role
    client.force_login(superuser)
    assert upcoming.text in client.get(url("list")).content.decode()


@pytest.mark.django_db
def test_listing_shows_schedule_and_filters_by_it(client, culture_member, frozen, week_of_quotes):
    QuoteFactory(text="Not scheduled yet", week=None)
    frozen(at(A_MONDAY, 9, 0))
    client.force_login(culture_member)
    html = client.get(url("list")).content.decode()
    assert "Quote of the week" in html and "Scheduled" in html and "Gone live" in html
    scheduled = client.get(url("list"), {"status": "scheduled"}).content.decode()
    assert "Truth emerges" in scheduled
    assert "Fall seven times" not in scheduled
    unscheduled = client.get(url("list"), {"status": "unscheduled"}).content.decode()
    assert "Not scheduled yet" in unscheduled
    assert "Truth emerges" not in unscheduled
    searched = client.get(url("list"), {"q": "Bacon"}).content.decode()
    assert "Truth emerges" in searched
    assert "Fall seven times" not in searched


@pytest.mark.django_db
def test_queue_shows_filled_and_empty_weeks_ahead(client, culture_member, frozen, week_of_quotes):
    QuoteFactory(text="In four weeks", week=A_MONDAY + 4 * WEEK)
    frozen(at(A_MONDAY, 7, 0))  # before 08:08: this week's quote is filled but not live yet
    client.force_login(culture_member)
    response = client.get(reverse("quote_queue:index"))
    assert response.status_code == 200
    rows = response.context["rows"]
    assert len(rows) == 13
    assert [row["week"] for row in rows][:2] == [A_MONDAY, A_MONDAY + WEEK]
    filled = {row["week"] for row in rows if row["quote"]}
    assert filled == {A_MONDAY, A_MONDAY + WEEK, A_MONDAY + 4 * WEEK}
    assert response.context["filled"] == 2
    assert response.context["weeks_ahead"] == 12
    html = response.content.decode()
    assert "2 of the next 12 weeks have a quote" in html
    empty_week = A_MONDAY + 2 * WEEK
    assert f"{url('add')}?week={empty_week.isoformat()}" in html
    assert html.count("add a quote for this week") == 10


@pytest.mark.django_db
def test_adding_from_an_empty_week_fills_in_that_week(client, culture_member):
    client.force_login(culture_member)
    response = client.get(url("add"), {"week": "2026-06-22"})
    assert response.status_code == 200
    assert 'value="2026-06-22"' in response.content.decode()


@pytest.mark.django_db
def test_quote_of_the_week_settings_are_editable_by_the_culture_team(
    client, culture_member, home_page
):
    client.force_login(culture_member)
    response = client.get(
        reverse("wagtailsettings:edit", args=["quotes", "quotesettings", home_page.get_site().pk])
    )
    assert response.status_code == 200
    assert b"webhook" in response.content.lower()
