"""Atom and RSS feeds of stories, opened by a personal token that opens nothing else."""

import datetime
import xml.etree.ElementTree as ET
from email.utils import parsedate_to_datetime

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from wagtail.models import PageViewRestriction

from stories.feeds import feed_urls
from stories.models import FeedToken

from . import reading_support
from .reading_support import story

empty_cache = reading_support.empty_cache
stories_index = reading_support.stories_index

pytestmark = pytest.mark.django_db

ATOM = "{http://www.w3.org/2005/Atom}"


@pytest.fixture
def base_url(settings):
    settings.WAGTAILADMIN_BASE_URL = "https://own-it.example.com"
    return settings.WAGTAILADMIN_BASE_URL


def path_of(url, base_url):
    assert url.startswith(base_url + "/")
    return url.removeprefix(base_url)


def token_of(user):
    return FeedToken.objects.get_or_create(user=user)[0].token


def test_atom_feed_works_in_a_feed_reader(
    client, employee, other_employee, stories_index, base_url
):
    named = story(
        parent=stories_index, title="Refund sent twice", author=other_employee, tags=["payments"]
    )
    hidden = story(
        parent=stories_index,
        title="Posters in 25 cities",
        author=other_employee,
        author__anonymous=True,
    )
    url = feed_urls(token_of(employee))["atom"]
    response = client.get(path_of(url, base_url))  # no session: a feed reader
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/atom+xml")
    assert "private" in response["Cache-Control"]

    feed = ET.fromstring(response.content)
    assert feed.find(f"{ATOM}title").text == "Own It: new stories"
    assert feed.find(f"{ATOM}link[@rel='self']").get("href") == url
    assert feed.find(f"{ATOM}updated").text
    entries = feed.findall(f"{ATOM}entry")
    assert [entry.find(f"{ATOM}title").text for entry in entries] == [hidden.title, named.title]
    by_title = {entry.find(f"{ATOM}title").text: entry for entry in entries}
    entry = by_title[named.title]
    assert entry.find(f"{ATOM}link").get("href") == base_url + named.url
    assert entry.find(f"{ATOM}id").text == base_url + named.url
    assert entry.find(f"{ATOM}published").text.startswith(str(named.first_published_at.year))
    assert entry.find(f"{ATOM}updated").text
    assert entry.find(f"{ATOM}author/{ATOM}name").text == "Sam Okafor"
    assert entry.find(f"{ATOM}category").get("term") == "payments"
    assert "What we learned from refund sent twice." in entry.find(f"{ATOM}summary").text
    assert by_title[hidden.title].find(f"{ATOM}author/{ATOM}name").text == "Anonymous"


def test_rss_feed_has_absolute_links_dates_and_bylines(
    client, employee, other_employee, stories_index, base_url
):
    page = story(
        parent=stories_index, title="Posters", author=other_employee, author__anonymous=True
    )
    response = client.get(path_of(feed_urls(token_of(employee))["rss"], base_url))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/rss+xml")
    channel = ET.fromstring(response.content).find("channel")
    assert channel.find("link").text == base_url + "/"
    item = channel.find("item")
    assert item.find("title").text == "Posters"
    assert item.find("link").text == base_url + page.url
    # The date of publication only, at midnight in the site time zone (no clock time).
    published = timezone.localtime(page.first_published_at).date()
    assert parsedate_to_datetime(item.find("pubDate").text) == datetime.datetime.combine(
        published, datetime.time.min, tzinfo=timezone.get_default_timezone()
    )
    # RSS's <author> must be an email address; Django writes the byline as a Dublin Core creator.
    creator = item.find("{http://purl.org/dc/elements/1.1/}creator")
    assert creator.text == "Anonymous"
    assert b"okafor" not in response.content.lower()


def test_tag_feeds_list_only_that_tags_stories(client, employee, stories_index, base_url):
    story(parent=stories_index, title="Refund sent twice", tags=["payments"])
    story(parent=stories_index, title="Posters", tags=["print"])
    urls = feed_urls(token_of(employee), "payments")
    atom = ET.fromstring(client.get(path_of(urls["atom"], base_url)).content)
    assert atom.find(f"{ATOM}title").text == "Own It: stories tagged “payments”"
    assert [e.find(f"{ATOM}title").text for e in atom.findall(f"{ATOM}entry")] == [
        "Refund sent twice"
    ]
    rss = ET.fromstring(client.get(path_of(urls["rss"], base_url)).content)
    assert [item.find("title").text for item in rss.iter("item")] == ["Refund sent twice"]
    missing = feed_urls(token_of(employee), "no-such-tag")["atom"]
    assert client.get(path_of(missing, base_url)).status_code == 404


def test_feeds_leave_out_drafts_and_what_the_token_owner_may_not_see(
    client, employee, stories_index, base_url
):
    from stories.factories import StoryPageFactory

    story(parent=stories_index, title="For everyone")
    secret = story(parent=stories_index, title="Behind a password")
    PageViewRestriction.objects.create(
        page=secret, restriction_type=PageViewRestriction.PASSWORD, password="x"
    )
    StoryPageFactory(parent=stories_index, title="A draft", live=False)
    content = client.get(path_of(feed_urls(token_of(employee))["atom"], base_url)).content
    assert b"For everyone" in content
    assert b"Behind a password" not in content
    assert b"A draft" not in content


def test_a_bad_or_reset_token_gets_404(client, employee, stories_index, base_url):
    story(parent=stories_index, title="Posters")
    for name in ("story_feed_atom", "story_feed_rss"):
        assert client.get(reverse(f"stories:{name}", args=["not-a-token"])).status_code == 404
    token = FeedToken.objects.create(user=employee)
    old_urls = feed_urls(token.token)
    assert client.get(path_of(old_urls["atom"], base_url)).status_code == 200

    client.force_login(employee)
    response = client.post(reverse("stories:feed_token_reset"))
    assert response.status_code == 302
    assert response["Location"] == reverse("account") + "#feeds"
    token.refresh_from_db()
    assert feed_urls(token.token) != old_urls
    client.logout()
    for url in old_urls.values():
        assert client.get(path_of(url, base_url)).status_code == 404
    for url in feed_urls(token.token).values():
        assert client.get(path_of(url, base_url)).status_code == 200


def test_a_deactivated_users_token_stops_working(client, employee, stories_index, base_url):
    url = path_of(feed_urls(token_of(employee))["rss"], base_url)
    assert client.get(url).status_code == 200
    employee.is_active = False
    employee.save()
    assert client.get(url).status_code == 404


def test_the_token_opens_nothing_but_the_feeds(client, employee, stories_index, base_url):
    page = story(parent=stories_index, title="Posters", tags=["print"])
    token = token_of(employee)
    assert client.get(path_of(feed_urls(token)["atom"], base_url)).status_code == 200
    for url in (
        "/",
        stories_index.url,
        page.url,
        stories_index.url + "tag/print/",
        "/search/?q=posters",
        reverse("account"),
    ):
        for attempt in (
            f"{url}{'&' if '?' in url else '?'}token={token}",
            f"/feeds/{token}{url}",
        ):
            response = client.get(attempt)
            assert response.status_code in (302, 404), attempt
            if response.status_code == 302:
                assert response["Location"].startswith(reverse("login"))
        # Nor as a header or a cookie.
        response = Client(HTTP_AUTHORIZATION=f"Bearer {token}").get(url)
        assert response.status_code == 302
        cookie_client = Client()
        cookie_client.cookies["token"] = token
        assert cookie_client.get(url).status_code == 302
    # Resetting needs a signed-in user and a POST.
    assert client.post(reverse("stories:feed_token_reset")).status_code == 302
    assert FeedToken.objects.get(user=employee).token == token


def test_reset_needs_post(employee_client, employee):
    assert employee_client.get(reverse("stories:feed_token_reset")).status_code == 405


def test_settings_page_shows_personal_feed_links_and_a_reset_button(
    employee_client, employee, stories_index, base_url
):
    story(parent=stories_index, title="Refund sent twice", tags=["payments"])
    assert not FeedToken.objects.filter(user=employee).exists()
    html = employee_client.get(reverse("account")).content.decode()
    token = FeedToken.objects.get(user=employee).token  # made on demand
    urls = feed_urls(token)
    assert 'id="feeds"' in html
    assert f'value="{urls["atom"]}"' in html and f'value="{urls["rss"]}"' in html
    assert urls["atom"].startswith(base_url + "/feeds/")
    assert f'action="{reverse("stories:feed_token_reset")}"' in html
    assert "Reset my feed links" in html
    assert 'name="csrfmiddlewaretoken"' in html

    html = employee_client.get(reverse("account") + "?tag=payments").content.decode()
    assert f'value="{feed_urls(token, "payments")["atom"]}"' in html
    assert "Stories tagged “payments”" in html

    other = Client()
    other.force_login(reading_support.UserFactory(username="someone"))
    assert token not in other.get(reverse("account")).content.decode()
