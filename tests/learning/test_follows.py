"""Following tags and teams: the buttons, "Your settings", team pages, the home panel, and the
small-groups rule (following a small team never shows which anonymous stories are its own)."""

import datetime

import pytest
from django.utils import timezone
from taggit.models import Tag

from culture.learning.models import Follow
from home.factories import UserFactory
from stories.models import StoryPage, Team
from tests.stories.reading_support import seed

from .conftest import story

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(stories_index, author, payroll, helpdesk):
    return {
        "payroll_secret": story(
            parent=stories_index,
            title="The payslips went out twice",
            author=author,
            author__anonymous=True,
            team=payroll,
            tags=["payslips"],
        ),
        "payroll_named": story(
            parent=stories_index,
            title="A payroll export missed a column",
            team=payroll,
            tags=["spreadsheets"],
        ),
        "helpdesk_secret": story(
            parent=stories_index,
            title="The helpdesk queue lost its tickets",
            author__anonymous=True,
            team=helpdesk,
            tags=["tickets"],
        ),
    }


def team_url(index, slug):
    return index.url + index.reverse_subpage("team", kwargs={"team": slug})


def tag_url(index, slug):
    return index.url + index.reverse_subpage("tag", kwargs={"tag": slug})


def test_follow_and_unfollow_a_tag_from_its_page(employee_client, employee, stories_index, world):
    page = tag_url(stories_index, "payslips")
    html = employee_client.get(page).content.decode()
    assert "Follow “payslips”" in html
    response = employee_client.post(
        "/account/follows/", {"kind": "tag", "slug": "payslips", "follow": "1", "next": page}
    )
    assert response.status_code == 302 and response["Location"] == page
    assert Follow.objects.filter(user=employee, tag__slug="payslips").count() == 1
    # A second press with the same form changes nothing.
    employee_client.post("/account/follows/", {"kind": "tag", "slug": "payslips", "follow": "1"})
    assert Follow.objects.filter(user=employee).count() == 1
    html = employee_client.get(page).content.decode()
    assert "✓ Following “payslips”" in html
    employee_client.post("/account/follows/", {"kind": "tag", "slug": "payslips", "follow": "0"})
    assert not Follow.objects.filter(user=employee).exists()


def test_follow_a_team_from_its_page_and_from_the_filtered_index(
    employee_client, employee, stories_index, world
):
    html = employee_client.get(team_url(stories_index, "helpdesk")).content.decode()
    assert "Follow “Helpdesk”" in html
    html = employee_client.get(stories_index.url + "?team=helpdesk").content.decode()
    assert "Follow “Helpdesk”" in html
    # Unfiltered, the index offers nothing to follow.
    assert "Follow “" not in employee_client.get(stories_index.url).content.decode()


def test_team_page_lists_the_team_but_not_a_small_teams_anonymous_story(
    employee_client, stories_index, world
):
    html = employee_client.get(team_url(stories_index, "payroll")).content.decode()
    assert "Stories of Payroll" in html
    assert "A payroll export missed a column" in html
    assert "The payslips went out twice" not in html
    assert "1 story matches these filters" in html
    html = employee_client.get(team_url(stories_index, "helpdesk")).content.decode()
    assert "The helpdesk queue lost its tickets" in html
    assert employee_client.get(team_url(stories_index, "no-such-team")).status_code == 404


def test_a_followed_small_team_finds_no_anonymous_story_on_the_home_page(
    employee_client, employee, home_page, world, payroll, helpdesk
):
    Follow.objects.create(user=employee, team=payroll)
    Follow.objects.create(user=employee, team=helpdesk)
    html = employee_client.get(home_page.url).content.decode()
    panel = html[html.index("New in what you follow") :]
    panel = panel[: panel.index("</section>")]
    assert "A payroll export missed a column" in panel
    assert "The helpdesk queue lost its tickets" in panel
    assert "The payslips went out twice" not in panel
    # Following its tag instead finds it, as the tag page does, without naming the team.
    Follow.objects.create(user=employee, tag=world["payroll_secret"].tags.first())
    html = employee_client.get(home_page.url).content.decode()
    panel = html[html.index("New in what you follow") :]
    panel = panel[: panel.index("</section>")]
    assert "The payslips went out twice" in panel
    card = panel[panel.index("The payslips went out twice") :]
    card = card[: card.index("</li>")]
    assert "Payroll" not in card


def test_home_panel_shows_only_recent_stories_and_invites_to_follow(
    employee_client, employee, home_page, world, helpdesk
):
    html = employee_client.get(home_page.url).content.decode()
    assert "Follow the tags and teams that matter to you" in html
    Follow.objects.create(user=employee, team=helpdesk)
    StoryPage.objects.filter(pk=world["helpdesk_secret"].pk).update(
        first_published_at=timezone.now() - datetime.timedelta(days=45)
    )
    html = employee_client.get(home_page.url).content.decode()
    assert "Nothing new in the tags and teams you follow this month." in html


def test_settings_page_lists_follows_and_follows_more(employee_client, employee, world, helpdesk):
    Follow.objects.create(user=employee, team=helpdesk)
    html = employee_client.get("/account/").content.decode()
    assert "What you follow" in html
    assert "Team Helpdesk" in html
    assert '<option value="payslips">payslips</option>' in html
    response = employee_client.post(
        "/account/follows/", {"kind": "tag", "slug": "tickets", "follow": "1"}, follow=True
    )
    assert response.redirect_chain[-1][0] == "/account/#follows"
    assert "Tag “tickets”" in response.content.decode()
    # Bad input: a clear message, nothing followed.
    response = employee_client.post(
        "/account/follows/", {"kind": "tag", "slug": "no-such-tag", "follow": "1"}, follow=True
    )
    assert "Choose a tag to follow." in response.content.decode()
    assert Follow.objects.filter(user=employee).count() == 2
    assert (
        employee_client.post("/account/follows/", {"kind": "user", "slug": "x"}).status_code == 404
    )
    # `next` never leads off the site.
    response = employee_client.post(
        "/account/follows/", {"kind": "tag", "slug": "tickets", "next": "https://evil.example/"}
    )
    assert response["Location"] == "/account/#follows"


def test_a_tag_only_drafts_use_cannot_be_followed(employee_client, employee, world):
    draft = world["payroll_named"]
    draft.tags.add("secret-project")
    draft.save_revision()
    employee_client.post("/account/follows/", {"kind": "tag", "slug": "secret-project"})
    assert not Follow.objects.filter(user=employee).exists()


def test_home_panels_queries_do_not_grow(
    employee_client, employee, home_page, stories_index, django_assert_max_num_queries
):
    seed(stories_index, 5)
    for team in Team.objects.all():
        Follow.objects.get_or_create(user=employee, team=team)
    Follow.objects.create(user=employee, tag=Tag.objects.get(slug="seed-0"))
    # Recent, so that they are "new".
    StoryPage.objects.update(first_published_at=timezone.now())
    employee_client.get(home_page.url)
    with django_assert_max_num_queries(1000) as captured:
        employee_client.get(home_page.url)
    few = len(captured.captured_queries)
    seed(stories_index, 40, authors=[UserFactory() for _ in range(5)])
    StoryPage.objects.update(first_published_at=timezone.now())
    employee_client.get(home_page.url)
    with django_assert_max_num_queries(few):
        html = employee_client.get(home_page.url).content.decode()
    assert html.count('class="story-card"') >= 5
