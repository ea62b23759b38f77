"""A quote goes live at 08:08 on its Monday in the site time zone, not a minute earlier."""

import datetime
import zoneinfo

import pytest
from django.urls import reverse

from culture.quotes.factories import QuoteFactory
from culture.quotes.models import Quote
from culture.quotes.schedule import go_live_at, live_week, monday_of

from .conftest import A_MONDAY, MONDAY_AFTER_FALL_BACK, MONDAY_AFTER_SPRING_FORWARD, at

UTC = datetime.UTC
NEW_YORK = zoneinfo.ZoneInfo("America/New_York")
WEEK = datetime.timedelta(weeks=1)


def test_monday_of_any_day():
    assert monday_of(datetime.date(2026, 6, 15)) == datetime.date(2026, 6, 15)
    assert monday_of(datetime.date(2026, 6, 17)) == datetime.date(2026, 6, 15)
    assert monday_of(datetime.date(2026, 6, 21)) == datetime.date(2026, 6, 15)


@pytest.mark.parametrize(
    "monday, utc_go_live",
    [
        # British Summer Time: 08:08 in London is 07:08 UTC.
        (MONDAY_AFTER_SPRING_FORWARD, datetime.datetime(2026, 3, 30, 7, 8, tzinfo=UTC)),
        # Back on GMT: 08:08 in London is 08:08 UTC.
        (MONDAY_AFTER_FALL_BACK, datetime.datetime(2026, 10, 26, 8, 8, tzinfo=UTC)),
    ],
)
def test_go_live_moment_follows_daylight_saving(settings, monday, utc_go_live):
    settings.TIME_ZONE = "Europe/London"
    assert go_live_at(monday) == utc_go_live


@pytest.mark.django_db
@pytest.mark.parametrize("monday", [A_MONDAY, MONDAY_AFTER_SPRING_FORWARD, MONDAY_AFTER_FALL_BACK])
def test_live_at_0808_not_at_0807(settings, frozen, monday):
    settings.TIME_ZONE = "Europe/London"
    earlier = QuoteFactory(week=monday - WEEK)
    quote = QuoteFactory(week=monday)

    frozen(at(monday, 8, 7, 59))
    assert live_week() == monday - WEEK
    assert not quote.is_live()
    assert Quote.objects.current() == earlier
    assert quote not in Quote.objects.live()
    assert quote in Quote.objects.upcoming()

    frozen(at(monday, 8, 8))
    assert live_week() == monday
    assert quote.is_live()
    assert Quote.objects.current() == quote
    assert quote not in Quote.objects.upcoming()


@pytest.mark.django_db
def test_the_week_before_the_clocks_change_uses_the_old_offset(settings, frozen):
    """On the Sunday night of the change the previous quote is still the quote of the week."""
    settings.TIME_ZONE = "Europe/London"
    quote = QuoteFactory(week=MONDAY_AFTER_SPRING_FORWARD)
    # 07:07 UTC is 08:07 BST: one minute early, although in GMT terms it would be 07:07.
    frozen(datetime.datetime(2026, 3, 30, 7, 7, tzinfo=UTC))
    assert not quote.is_live()
    frozen(datetime.datetime(2026, 3, 30, 7, 8, tzinfo=UTC))
    assert quote.is_live()


@pytest.mark.django_db
def test_a_non_default_time_zone_moves_the_go_live_moment(settings, frozen):
    settings.TIME_ZONE = "America/New_York"
    monday = datetime.date(2026, 3, 9)  # first Monday of US daylight saving time (EDT, UTC-4)
    quote = QuoteFactory(week=monday)
    assert go_live_at(monday) == datetime.datetime(2026, 3, 9, 12, 8, tzinfo=UTC)

    # 08:08 in London (GMT that day) is only 04:08 in New York.
    frozen(at(monday, 8, 8))
    assert not quote.is_live()
    frozen(at(monday, 8, 7, 59, tz=NEW_YORK))
    assert not quote.is_live()
    frozen(at(monday, 8, 8, tz=NEW_YORK))
    assert quote.is_live()


@pytest.mark.django_db
def test_the_quote_of_the_week_stays_until_the_next_goes_live(frozen, week_of_quotes):
    """A week without a quote keeps the last one; it is replaced at the next quote's 08:08."""
    frozen(at(A_MONDAY + 2 * WEEK + datetime.timedelta(days=3), 17, 0))
    week_of_quotes["next"].delete()
    assert Quote.objects.current() == week_of_quotes["this"]


@pytest.mark.django_db
def test_no_quotes_at_all_means_no_current_quote():
    assert Quote.objects.current() is None


# Through the pages: home panel, archive, quote page, wallpaper, search


def _pages(client, quote):
    return {
        "home": client.get("/").content.decode(),
        "archive": client.get(reverse("quotes:archive")).content.decode(),
        "detail": client.get(reverse("quotes:detail", args=[quote.pk])).status_code,
        "wallpaper": client.get(
            reverse("quotes:wallpaper", args=[quote.pk, "1920x1080"])
        ).status_code,
        "search": client.get("/search/", {"q": "seven times"}).content.decode(),
    }


@pytest.mark.django_db
def test_employees_see_the_new_quote_from_0808_not_before(
    employee_client, home_page, frozen, week_of_quotes
):
    this, last, upcoming = week_of_quotes["this"], week_of_quotes["last"], week_of_quotes["next"]

    frozen(at(A_MONDAY, 8, 7))
    pages = _pages(employee_client, this)
    assert "Fall seven times" not in pages["home"]
    assert "Ever tried. Ever failed." in pages["home"]
    assert "Fall seven times" not in pages["archive"]
    assert "Ever tried. Ever failed." in pages["archive"]
    assert pages["detail"] == 404
    assert pages["wallpaper"] == 404
    assert "Fall seven times" not in pages["search"]

    frozen(at(A_MONDAY, 8, 8))
    pages = _pages(employee_client, this)
    assert "Fall seven times" in pages["home"]
    assert "Quote of the Week" in pages["home"]
    assert "Fall seven times" in pages["archive"]
    assert pages["detail"] == 200
    assert pages["wallpaper"] == 200
    # Next week's is still hidden everywhere.
    assert upcoming.text not in pages["home"] + pages["archive"]
    assert employee_client.get(reverse("quotes:detail", args=[upcoming.pk])).status_code == 404
    assert last.text in pages["archive"]


@pytest.mark.django_db
def test_future_quotes_are_hidden_from_every_role_but_the_culture_team(
    client, home_page, frozen, week_of_quotes, role_users
):
    from home.roles import CULTURE_TEAM

    frozen(at(A_MONDAY, 9, 0))
    upcoming = week_of_quotes["next"]
    for role, user in role_users.items():
        client.force_login(user)
        detail = client.get(reverse("quotes:detail", args=[upcoming.pk]))
        wallpaper = client.get(reverse("quotes:wallpaper", args=[upcoming.pk, "1170x2532"]))
        archive = client.get(reverse("quotes:archive")).content.decode()
        assert upcoming.text not in archive, role
        assert upcoming.text not in client.get("/").content.decode(), role
        if role == CULTURE_TEAM:
            assert detail.status_code == 200
            assert b"Preview for the Culture team" in detail.content
            assert wallpaper.status_code == 200
        else:
            assert detail.status_code == 404, role
            assert wallpaper.status_code == 404, role


@pytest.mark.django_db
def test_home_page_without_any_quote_still_works(employee_client, home_page):
    response = employee_client.get("/")
    assert response.status_code == 200
    assert b"quote-panel" not in response.content
    archive = employee_client.get(reverse("quotes:archive"))
    assert archive.status_code == 200
    assert b"No quotes yet" in archive.content


@pytest.mark.django_db
def test_home_shows_last_weeks_quote_when_this_week_has_none(
    employee_client, home_page, frozen, week_of_quotes
):
    week_of_quotes["this"].delete()
    frozen(at(A_MONDAY, 12, 0))
    html = employee_client.get("/").content.decode()
    assert "Ever tried. Ever failed." in html
    assert "Our latest quote" in html
