"""Small groups: an anonymous story's team is shown, filtered and counted only for a team of at
least `anonymity_min_group` active members (stories/small_groups.py).

"Payroll" has two people (the author and one more), "Helpdesk" six. Each has an anonymous story;
every reading surface must name Helpdesk with its story and never Payroll. A named story keeps
its team whatever the team's size. Every page is read once first, so a fragment cached before a
change would show.
"""

import pytest
from django.test import Client
from wagtail.models import Site

from home.factories import UserFactory
from home.models import SiteSettings
from stories import small_groups
from stories.factories import TeamFactory
from stories.feeds import feed_urls
from stories.models import FeedToken, StoryPage, Team

from . import reading_support
from .reading_support import story

empty_cache = reading_support.empty_cache
stories_index = reading_support.stories_index

pytestmark = pytest.mark.django_db


@pytest.fixture
def author(db):
    return UserFactory(username="quietauthor")


@pytest.fixture
def payroll(author):
    return TeamFactory(name="Payroll", members=[author, UserFactory()])


@pytest.fixture
def helpdesk(db):
    return TeamFactory(name="Helpdesk", members=6)


@pytest.fixture
def world(stories_index, author, payroll, helpdesk):
    small = story(
        parent=stories_index,
        title="The payslips went out twice",
        summary="A rerun sent every payslip twice; we wrote to everyone the same morning.",
        author=author,
        author__anonymous=True,
        team=payroll,
        tags=["payslips"],
    )
    large = story(
        parent=stories_index,
        title="The helpdesk queue lost its tickets",
        summary="A filter hid new payslips tickets for a day; we went through them by hand.",
        author=UserFactory(),
        author__anonymous=True,
        team=helpdesk,
        tags=["payslips"],
    )
    return {"index": stories_index, "small": small, "large": large}


@pytest.fixture
def reader(other_employee):
    client = Client()
    client.force_login(other_employee)
    return client


def text_of(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    return response.content.decode()


def surfaces(world, token):
    index = world["index"]
    feeds = [*feed_urls(token).values(), *feed_urls(token, "payslips").values()]
    return [
        world["small"].url,
        world["large"].url,
        index.url,
        index.url + "?q=payslips",
        index.url + "tag/payslips/",
        "/search/?q=payslips",
        "/",
        *(url.removeprefix("http://testserver") for url in feeds),
    ]


def test_the_helper_decides_by_active_members(world, payroll, helpdesk):
    assert set(small_groups.large_teams(5).values_list("pk", flat=True)) == {helpdesk.pk}
    shown = StoryPage.objects.filter(small_groups.team_shown(5))
    assert list(shown.values_list("pk", flat=True)) == [world["large"].pk]
    assert small_groups.story_team_is_shown(world["small"]) is False
    assert small_groups.story_team_is_shown(world["large"]) is True
    # Inactive people do not count.
    helpdesk.members.update(is_active=False)
    assert not small_groups.large_teams(5).exists()


def test_no_reading_surface_names_the_small_team(world, reader, other_employee):
    token = FeedToken.objects.get_or_create(user=other_employee)[0].token
    shown_large = 0
    for url in surfaces(world, token):
        text = text_of(reader, url)
        assert "Payroll" not in text, url
        shown_large += "Helpdesk" in text
    # The story page, the index, search, the tag page and the home page name Helpdesk (feeds and
    # site search show no team at all).
    assert shown_large >= 5


def test_the_story_page_and_card_of_the_large_team_name_it(world, reader):
    assert "<dd>Helpdesk</dd>" in text_of(reader, world["large"].url)
    assert "<dt>Team</dt>" not in text_of(reader, world["small"].url)
    assert "Helpdesk" in text_of(reader, world["index"].url)


def test_filters_offer_and_find_only_the_large_team(world, reader):
    index = world["index"]
    page = text_of(reader, index.url)
    assert 'value="helpdesk"' in page and 'value="payroll"' not in page
    # The small team is not a choice, so it filters nothing and says so; the count stays honest.
    filtered = text_of(reader, index.url + "?team=payroll")
    assert "2 stories" in filtered and "Payroll" not in filtered
    found = StoryPage.objects.live().filtered({"team": "payroll"}, 5)
    assert not found.exists()
    assert list(StoryPage.objects.live().filtered({"team": "helpdesk"}, 5)) == [world["large"]]
    assert "1 story matches these filters" in text_of(reader, index.url + "?team=helpdesk")
    assert "1 story matches" in text_of(reader, index.url + "tag/payslips/?team=helpdesk")


def test_a_named_story_keeps_its_small_team(stories_index, payroll, reader):
    named = story(parent=stories_index, title="I sent the wrong total", team=payroll)
    assert "<dd>Payroll</dd>" in text_of(reader, named.url)
    page = text_of(reader, stories_index.url)
    assert 'value="payroll"' in page
    assert "1 story matches these filters" in text_of(reader, stories_index.url + "?team=payroll")


def test_fragments_are_retired_when_the_team_drops_below_the_threshold(world, reader, helpdesk):
    index = world["index"]
    for url in (world["large"].url, index.url, index.url + "?team=helpdesk", "/"):
        assert "Helpdesk" in text_of(reader, url)
    helpdesk.members.remove(*helpdesk.members.all()[:2])  # six → four
    for url in (world["large"].url, index.url, "/"):
        assert "Helpdesk" not in text_of(reader, url), url
    assert "1 story matches" not in text_of(reader, index.url + "?team=helpdesk")
    helpdesk.members.add(UserFactory())  # back to five
    assert "Helpdesk" in text_of(reader, world["large"].url)


def test_deactivating_a_member_retires_them_too(world, reader, helpdesk):
    assert "Helpdesk" in text_of(reader, world["large"].url)
    for person in helpdesk.members.all()[:2]:
        person.is_active = False
        person.save()
    assert "Helpdesk" not in text_of(reader, world["large"].url)
    assert "Helpdesk" not in text_of(reader, world["index"].url)


def test_deleting_a_member_retires_them_too(world, reader, helpdesk):
    assert "Helpdesk" in text_of(reader, world["index"].url)
    for person in helpdesk.members.all()[:2]:
        person.delete()
    assert "Helpdesk" not in text_of(reader, world["index"].url)


def test_the_setting_decides_and_its_change_retires_them(world, reader):
    assert "Payroll" not in text_of(reader, world["index"].url)
    settings = SiteSettings.for_site(Site.objects.get(is_default_site=True))
    settings.anonymity_min_group = 2
    settings.save()
    assert "Payroll" in text_of(reader, world["index"].url)
    assert "<dd>Payroll</dd>" in text_of(reader, world["small"].url)
    settings.anonymity_min_group = 7
    settings.save()
    assert "Helpdesk" not in text_of(reader, world["index"].url)


def test_the_team_listing_shows_membership_to_the_culture_team_only(
    client, world, moderator, culture_member, author
):
    url = "/admin/snippets/stories/team/"
    client.force_login(culture_member)
    page = text_of(client, url)
    assert "Active members" in page and "quietauthor" in page  # the members filter
    assert "member_count" in text_of(client, url + "?ordering=-member_count")
    assert Team.objects.count() == 2
    client.force_login(moderator)
    page = text_of(client, url)
    assert "Helpdesk" in page and "Payroll" in page
    assert "Active members" not in page and "quietauthor" not in page
    # Filtering or sorting by members is ignored, not answered.
    assert "Payroll" in text_of(client, url + f"?members={author.pk}&ordering=-member_count")
    export = b"".join(client.get(url + "?export=csv")).decode()
    assert "Payroll" in export and "members" not in export
    client.force_login(culture_member)
    assert "Active members" in b"".join(client.get(url + "?export=csv")).decode()
