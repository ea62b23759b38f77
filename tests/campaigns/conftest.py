"""Fixtures for campaign tests: the sections of the site a campaign gathers from."""

import datetime
import zoneinfo

import pytest

from culture.campaigns.models import CampaignEvent, CampaignIndexPage, CampaignPage
from culture.meetings.models import MeetingPackPage, MeetingPacksIndexPage
from stories.factories import StoriesIndexPageFactory, StoryPageFactory, TeamFactory

LONDON = zoneinfo.ZoneInfo("Europe/London")


def london(*args):
    return datetime.datetime(*args, tzinfo=LONDON)


@pytest.fixture
def stories_index(home_page):
    return StoriesIndexPageFactory(parent=home_page)


@pytest.fixture
def packs_index(home_page):
    index = home_page.add_child(instance=MeetingPacksIndexPage(title="Meeting packs", slug="packs"))
    index.save_revision().publish()
    return index


@pytest.fixture
def campaigns_index(home_page):
    index = home_page.add_child(instance=CampaignIndexPage(title="Campaigns", slug="campaigns"))
    index.save_revision().publish()
    return index


def make_campaign(index, start, end, title="Mistake Management Month", events=(), **fields):
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
    campaign.save_revision().publish()
    return CampaignPage.objects.get(pk=campaign.pk)


def make_story(index, published_at, **kwargs):
    return StoryPageFactory(parent=index, first_published_at=published_at, **kwargs)


def make_pack(index, team, meeting_date, title=None):
    pack = index.add_child(
        instance=MeetingPackPage(
            title=title or f"{team.name} meeting {meeting_date}",
            slug=f"pack-{team.slug}-{meeting_date}-{MeetingPackPage.objects.count()}",
            team=team,
            meeting_date=meeting_date,
        )
    )
    pack.save_revision().publish()
    return pack


@pytest.fixture
def teams(db):
    # Big enough that anonymous stories show their team (stories/small_groups.py).
    return [TeamFactory(name=name, members=5) for name in ("Finance", "Support", "Web")]
