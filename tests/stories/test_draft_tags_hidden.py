"""The front end says nothing about drafts: a tag only drafts use is a tag that does not exist.

Every front-end address that takes a tag (or searches for one) must answer a tag used only by a
draft, or only by a story in review, exactly as it answers a slug never used: the same status and
the same page, apart from the slug the reader typed. A published story's tag still works.
"""

import re

import pytest
from django.test import Client
from django.urls import reverse
from taggit.models import Tag

from culture.quotes.factories import QuoteFactory
from culture.quotes.schedule import live_week
from stories.models import FeedToken, StoryPage

from . import reading_support
from .reading_support import story
from .sharing_support import client_for, story_form

empty_cache = reading_support.empty_cache
stories_index = reading_support.stories_index

pytestmark = pytest.mark.django_db

DRAFT_TAG = "secret-merger"
IN_REVIEW_TAG = "pending-thing"
NEVER_USED = "no-such-tag-q7x"
PUBLISHED_TAG = "owned-in-public"


@pytest.fixture
def hidden_stories(stories_index, other_employee):
    """A draft never submitted and a story in review, both written on the share form."""
    author = client_for(other_employee)
    author.post(reverse("stories:share"), story_form(title="Merger draft", tags=DRAFT_TAG))
    author.post(
        reverse("stories:share"),
        story_form(title="Pending review", tags=IN_REVIEW_TAG, submit="1"),
    )
    assert not StoryPage.objects.filter(live=True).exists()
    assert set(Tag.objects.values_list("slug", flat=True)) >= {DRAFT_TAG, IN_REVIEW_TAG}


@pytest.fixture
def reader(employee):
    client = Client()
    client.force_login(employee)
    return client


def token_of(user):
    return FeedToken.objects.get_or_create(user=user)[0].token


def addresses(index, token, slug):
    """Every front-end address that takes a tag slug, or could find one by searching."""
    return {
        "account": f"{reverse('account')}?tag={slug}",
        "tag page": f"{index.url}tag/{slug}/",
        "index filter": f"{index.url}?tag={slug}",
        "index search": f"{index.url}?q={slug}",
        "site search": f"{reverse('search')}?q={slug}",
        "quotes archive": f"{reverse('quotes:archive')}?tag={slug}",
        "atom feed": reverse("stories:story_tag_feed_atom", args=[token, slug]),
        "rss feed": reverse("stories:story_tag_feed_rss", args=[token, slug]),
    }


def normalised(response, slug):
    """The body with the slug and the per-response secrets (CSRF, nonces, dates) taken out."""
    body = response.content.decode()
    body = body.replace(slug, "SLUG")
    body = re.sub(r'(name="csrfmiddlewaretoken" value=")[^"]*', r"\1", body)
    body = re.sub(r'nonce="[^"]*"', "", body)
    body = re.sub(r"<(lastBuildDate|updated)>[^<]*", r"<\1>", body)
    return body


def test_a_drafts_only_tag_answers_like_a_tag_that_does_not_exist(
    reader, employee, stories_index, hidden_stories
):
    token = token_of(employee)
    expected = {
        name: (response.status_code, normalised(response, NEVER_USED))
        for name, response in (
            (name, reader.get(url))
            for name, url in addresses(stories_index, token, NEVER_USED).items()
        )
    }
    for slug in (DRAFT_TAG, IN_REVIEW_TAG):
        for name, url in addresses(stories_index, token, slug).items():
            response = reader.get(url)
            status, body = expected[name]
            assert response.status_code == status, (slug, name)
            assert normalised(response, slug) == body, (slug, name)
    assert expected["atom feed"][0] == expected["rss feed"][0] == 404
    assert expected["tag page"][0] == 404


def test_a_published_storys_tag_still_works(reader, employee, stories_index, hidden_stories):
    story(parent=stories_index, title="The lesson we shared", tags=[PUBLISHED_TAG])
    QuoteFactory(text="A live quote with the tag.", week=live_week(), tags=[PUBLISHED_TAG])
    token = token_of(employee)
    urls = addresses(stories_index, token, PUBLISHED_TAG)
    for name, url in urls.items():
        response = reader.get(url)
        assert response.status_code == 200, name
    assert "The lesson we shared" in reader.get(urls["tag page"]).content.decode()
    assert "The lesson we shared" in Client().get(urls["atom feed"]).content.decode()
    account = reader.get(urls["account"]).content.decode()
    assert f"Stories tagged “{PUBLISHED_TAG}”" in account
    assert "A live quote with the tag." in reader.get(urls["quotes archive"]).content.decode()


def test_a_tag_on_a_quote_not_live_yet_is_not_confirmed_by_the_archive(reader):
    QuoteFactory(text="Next week's quote.", week=None, tags=["next-weeks-theme"])
    hidden = reader.get(f"{reverse('quotes:archive')}?tag=next-weeks-theme")
    unknown = reader.get(f"{reverse('quotes:archive')}?tag={NEVER_USED}")
    assert hidden.status_code == unknown.status_code == 200
    assert normalised(hidden, "next-weeks-theme") == normalised(unknown, NEVER_USED)
