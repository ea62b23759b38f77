"""Fixtures and helpers for the site search tests: the sections search reaches, and the results
read back from the page as a reader sees them.

Test modules import the fixtures they use by name (pytest finds them in the module's namespace).
"""

import html
import re
from dataclasses import dataclass

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from culture.campaigns.models import CampaignEvent, CampaignIndexPage, CampaignPage
from culture.meetings.factories import MeetingPackPageFactory, MeetingPacksIndexPageFactory
from stories.factories import StoriesIndexPageFactory, StoryPageFactory, TeamFactory
from stories.models import StoryPage


@pytest.fixture
def stories_index(home_page):
    return StoriesIndexPageFactory(parent=home_page)


@pytest.fixture
def campaigns_index(home_page):
    index = home_page.add_child(instance=CampaignIndexPage(title="Campaigns", slug="campaigns"))
    index.save_revision().publish()
    return index


@pytest.fixture
def packs_index(home_page):
    return MeetingPacksIndexPageFactory(parent=home_page)


@pytest.fixture
def team(db):
    return TeamFactory(name="Support")


def publish(page):
    page.save_revision().publish()
    return type(page).objects.get(pk=page.pk)


def make_story(index, **kwargs):
    """A published story, published through Wagtail so that its lessons and tags are indexed."""
    return publish(StoryPageFactory(parent=index, **kwargs))


def make_campaign(index, title, start, end, events=(), **fields):
    campaign = CampaignPage(
        title=title,
        slug=fields.pop("slug", None) or f"campaign-{start:%Y-%m-%d}",
        start_date=start,
        end_date=end,
        **fields,
    )
    for number, event in enumerate(events):
        campaign.events.add(CampaignEvent(sort_order=number, **event))
    index.add_child(instance=campaign)
    return publish(campaign)


def make_pack(index, team, topics=(), **kwargs):
    pack = MeetingPackPageFactory(parent=index, team=team, **kwargs)
    if topics:
        # Saved before publishing, as the story factory saves its tags: the search index reads
        # the page's tags from the database as soon as the page row is saved.
        pack.topics.add(*topics)
        pack.save()
    return publish(pack)


@dataclass
class Found:
    kind: str
    title: str
    url: str
    meta: str
    summary: str


RESULT = re.compile(r'<li class="search-result">(.*?)</li>', re.S)


def read_results(page):
    """The results on a search page, in order, as the reader sees them."""
    found = []
    for item in RESULT.findall(page):
        url, title = re.search(
            r'<h3 class="search-result__title"><a href="([^"]+)">(.*?)</a></h3>', item, re.S
        ).groups()
        meta = re.search(r'<p class="search-result__meta">(.*?)</p>', item, re.S).group(1)
        kind = re.search(r'<span class="badge search-result__kind">(.*?)</span>', meta).group(1)
        summary = re.search(r'<p class="search-result__summary">(.*?)</p>', item, re.S)
        found.append(
            Found(
                kind=kind,
                title=html.unescape(title),
                url=html.unescape(url),
                meta=" ".join(meta.split()),
                summary=summary.group(1) if summary else "",
            )
        )
    return found


def site_search(client, words, page=None):
    """(the results, the whole page, the number of queries) of /search/?q=words."""
    params = {"q": words, **({"page": page} if page else {})}
    with CaptureQueriesContext(connection) as queries:
        response = client.get("/search/", params)
    assert response.status_code == 200
    body = response.content.decode()
    return read_results(body), body, len(queries)


def index_search(client, index, words):
    """The stories the stories index lists for ?q=words, in order (their page URLs)."""
    response = client.get(index.url, {"q": words})
    assert response.status_code == 200
    return read_story_cards(response.content.decode())


def read_story_cards(page):
    """The URLs of the story cards on a page, in order."""
    return re.findall(r'<h2 class="story-card__title"><a href="([^"]+)">', page)


def urls_of(results, kind=None):
    return [result.url for result in results if kind is None or result.kind == kind]


def titles_of(results, kind=None):
    return [result.title for result in results if kind is None or result.kind == kind]


def story_url(story):
    return StoryPage.objects.get(pk=story.pk).url
