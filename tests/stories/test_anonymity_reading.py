"""The anonymity promise on every reading URL: an anonymous author's identity reaches no one.

Another employee fetches everything that shows the story (its page, the index, a filtered index,
search, its tag page, site search, the home page, every feed, and the related-stories and
"happened again" blocks on other stories), and none of the author's username, names or email may
appear. The author reads everything first, so any cache that kept something of theirs would show.
"""

import pytest
from django.test import Client
from django.urls import reverse

from home.factories import UserFactory
from stories.factories import TeamFactory
from stories.feeds import feed_urls
from stories.models import FeedToken

from . import reading_support
from .reading_support import story

empty_cache = reading_support.empty_cache
stories_index = reading_support.stories_index

pytestmark = pytest.mark.django_db


@pytest.fixture
def hidden_author(db):
    return UserFactory(
        username="quillfeather",
        first_name="Hermione",
        last_name="Quillfeather",
        email="h.quill@example.com",
    )


def identity_of(user):
    return [user.username, user.first_name, user.last_name, user.email]


def reading_urls(index, hidden, others, token):
    feeds = [
        *feed_urls(token).values(),
        *feed_urls(token, "deliveries").values(),
    ]
    return [
        hidden.url,
        *(page.url for page in others),
        index.url,
        index.url + "?tag=deliveries&team=logistics&size=huge",
        index.url + "?q=pallets",
        index.url + "?q=pallets&part=made",
        index.url + "tag/deliveries/",
        "/search/?q=pallets",
        "/",
        *(url.removeprefix("http://testserver") for url in feeds),
    ]


def assert_nothing_of(user, client, urls, must_show):
    for url in urls:
        response = client.get(url)
        assert response.status_code == 200, url
        text = response.content.decode().lower()
        assert must_show.lower() in text, f"{url} does not show the story at all"
        for part in identity_of(user):
            assert part.lower() not in text, f"{url} shows {part!r}"


def test_an_anonymous_author_appears_on_no_reading_url(
    hidden_author, other_employee, stories_index
):
    team = TeamFactory(name="Logistics")
    hidden = story(
        parent=stories_index,
        title="Forty pallets to the wrong warehouse",
        summary="Pallets went north instead of south; we moved them back overnight.",
        author=hidden_author,
        author__anonymous=True,
        team=team,
        size="huge",
        tags=["deliveries", "warehouses"],
        lessons=["Read the address back before dispatch"],
    )
    # Stories that show it in their own blocks: related (shared tag) and "happened again".
    related = story(parent=stories_index, title="Late courier", tags=["deliveries"])
    repeat = story(parent=stories_index, title="Pallets again", repeat_of=hidden)

    author = Client()
    author.force_login(hidden_author)
    reader = Client()
    reader.force_login(other_employee)
    urls = reading_urls(
        stories_index,
        hidden,
        [related, repeat],
        FeedToken.objects.get_or_create(user=other_employee)[0].token,
    )
    author_urls = reading_urls(
        stories_index,
        hidden,
        [related, repeat],
        FeedToken.objects.get_or_create(user=hidden_author)[0].token,
    )
    for url in author_urls:  # the author warms every cache first
        assert author.get(url).status_code == 200, url

    assert_nothing_of(hidden_author, reader, urls, must_show="Forty pallets")
    story_html = reader.get(hidden.url).content.decode()
    assert '<dd class="story__byline">Anonymous</dd>' in story_html


def test_becoming_anonymous_later_takes_the_name_off_every_cached_page(
    hidden_author, other_employee, stories_index
):
    hidden = story(
        parent=stories_index,
        title="Forty pallets to the wrong warehouse",
        author=hidden_author,
        team=TeamFactory(name="Logistics"),
        size="huge",
        tags=["deliveries"],
        summary="Pallets went north.",
    )
    related = story(parent=stories_index, title="Late courier", tags=["deliveries"])
    repeat = story(parent=stories_index, title="Pallets again", repeat_of=hidden)
    reader = Client()
    reader.force_login(other_employee)
    token = FeedToken.objects.get_or_create(user=other_employee)[0].token
    urls = reading_urls(stories_index, hidden, [related, repeat], token)
    named = [url for url in urls if "Quillfeather" in reader.get(url).content.decode()]
    assert hidden.url in named and stories_index.url in named  # the name was shown, and cached

    hidden.authorship.is_anonymous = True
    hidden.authorship.save()
    assert_nothing_of(hidden_author, reader, urls, must_show="Forty pallets")


def test_the_learned_form_and_count_say_nothing_about_who(
    hidden_author, other_employee, stories_index
):
    hidden = story(
        parent=stories_index,
        title="Forty pallets",
        author=hidden_author,
        author__anonymous=True,
    )
    author = Client()
    author.force_login(hidden_author)
    author.post(reverse("stories:learned", args=[hidden.pk]), {"learned": "1"})
    reader = Client()
    reader.force_login(other_employee)
    assert_nothing_of(hidden_author, reader, [hidden.url], must_show="Forty pallets")
    assert "1 person learned from this." in reader.get(hidden.url).content.decode()
