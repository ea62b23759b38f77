"""Progress for everyone on the campaign page, and the running campaign on the home page."""

import datetime

import pytest
import time_machine

from culture.campaigns.gathering import progress
from stories.models import LearnedFromThis

from .conftest import london, make_campaign, make_pack, make_story

START, END = datetime.date(2026, 4, 1), datetime.date(2026, 4, 30)
TODAY = london(2026, 4, 20, 12, 0)


@pytest.fixture
def seeded(campaigns_index, stories_index, packs_index, teams, employee, other_employee):
    """Hand-counted: 3 stories in the window (2 teams), 1 before; 2 packs held, 1 to come;
    3 marks in the window, 1 before."""
    finance, support, web = teams
    campaign = make_campaign(campaigns_index, START, END, goal_stories=4)
    a = make_story(stories_index, london(2026, 4, 2, 9), team=finance)
    b = make_story(stories_index, london(2026, 4, 3, 9), team=finance, author__anonymous=True)
    make_story(stories_index, london(2026, 4, 15, 9), team=None)
    before = make_story(stories_index, london(2026, 3, 20, 9), team=support)
    make_pack(packs_index, web, datetime.date(2026, 4, 10))
    make_pack(packs_index, finance, datetime.date(2026, 4, 20))
    make_pack(packs_index, support, datetime.date(2026, 4, 25))  # not held yet on the 20th
    for story, user, when in [
        (a, employee, london(2026, 4, 5, 10)),
        (b, employee, london(2026, 4, 6, 10)),
        (a, other_employee, london(2026, 4, 19, 10)),
        (before, employee, london(2026, 3, 25, 10)),
    ]:
        mark = LearnedFromThis.objects.create(story=story, user=user)
        LearnedFromThis.objects.filter(pk=mark.pk).update(created_at=when)
    return campaign


@time_machine.travel(TODAY)
@pytest.mark.django_db
def test_progress_figures_from_seeded_data(seeded):
    figures = progress(seeded)
    assert figures["stories"] == 3
    assert figures["anonymous"] == 1
    assert figures["teams"] == 2  # Finance (stories, a meeting) and Web (a meeting); none twice
    assert figures["meetings"] == 2
    assert figures["learned"] == 3
    assert figures["percent"] == 75
    assert not figures["goal_reached"]


@time_machine.travel(TODAY)
@pytest.mark.django_db
def test_campaign_page_shows_an_accessible_progress_bar_and_never_ranks(seeded, employee_client):
    html = employee_client.get(seeded.url).content.decode()
    assert 'max="4" value="3"' in html
    assert "<progress" in html and "aria-labelledby=" in html
    assert "<strong>3</strong> of 4 stories shared" in html
    assert "<strong>2</strong> teams took part" in html
    assert "<strong>2</strong> staff meetings held" in html
    assert "<strong>3</strong> “I learned from this” marks" in html
    assert "11 days left" in html  # 20 to 30 April, today included
    for ranking_word in ("leaderboard", "ranking", "top team", "most mistakes"):
        assert ranking_word not in html.lower()


@time_machine.travel(TODAY)
@pytest.mark.django_db
def test_anonymous_author_never_shows_on_the_campaign_page(
    campaigns_index, stories_index, employee_client, other_employee
):
    campaign = make_campaign(campaigns_index, START, END)
    other_employee.first_name, other_employee.last_name = "Sam", "Secretive"
    other_employee.save()
    make_story(
        stories_index,
        london(2026, 4, 2, 9),
        title="Anonymous one",
        author=other_employee,
        author__anonymous=True,
    )
    html = employee_client.get(campaign.url).content.decode()
    assert "Anonymous one" in html
    assert "Secretive" not in html
    assert "Anonymous" in html


@pytest.mark.django_db
def test_home_banner_while_a_campaign_runs(seeded, employee_client, employee, home_page):
    with time_machine.travel(london(2026, 4, 28, 9)):
        html = employee_client.get("/").content.decode()
    assert "campaign-banner" in html
    assert "Mistake Management Month" in html
    assert "3 days left" in html
    assert 'max="4" value="3"' in html
    with time_machine.travel(london(2026, 4, 30, 9)):
        employee_client.force_login(employee)  # sessions end after 8 idle hours
        assert "last day" in employee_client.get("/").content.decode()
    with time_machine.travel(london(2026, 5, 1, 0, 1)):
        assert "campaign-banner" not in employee_client.get("/").content.decode()
    with time_machine.travel(london(2026, 3, 31, 23, 59)):
        assert "campaign-banner" not in employee_client.get("/").content.decode()


@pytest.mark.django_db
def test_banner_comes_first_among_home_panels(seeded, employee, rf):
    from home.panels import home_page_panels

    request = rf.get("/")
    request.user = employee
    with time_machine.travel(TODAY):
        panels = home_page_panels(request)
    assert type(panels[0]).__name__ == "CampaignBanner"


@pytest.mark.django_db
def test_archive_highlights_the_running_campaign_and_lists_past_ones(
    campaigns_index, employee_client
):
    make_campaign(campaigns_index, START, END, title="Spring month")
    make_campaign(
        campaigns_index,
        datetime.date(2025, 10, 1),
        datetime.date(2025, 10, 31),
        title="Autumn month",
    )
    make_campaign(
        campaigns_index, datetime.date(2026, 9, 1), datetime.date(2026, 9, 30), title="Next autumn"
    )
    with time_machine.travel(TODAY):
        html = employee_client.get(campaigns_index.url).content.decode()
    current = html.index("Running now")
    assert current < html.index("Spring month") < html.index("Coming up")
    assert html.index("Coming up") < html.index("Next autumn") < html.index("Past campaigns")
    assert html.index("Past campaigns") < html.index("Autumn month")


@pytest.mark.django_db
def test_menu_has_campaigns(campaigns_index, employee_client):
    html = employee_client.get("/").content.decode()
    assert f'<a href="{campaigns_index.url}"' in html and ">Campaigns</a>" in html
