"""Small groups in campaigns and insights: an anonymous story of a two-person team is not shown
with its team on the campaign page, does not make the team "take part", and is counted under
"Other teams" on the insights dashboard and in its CSV; one of a six-person team keeps its team
everywhere (stories/small_groups.py)."""

import csv
import datetime
import io

import pytest
import time_machine
from django.urls import reverse

from culture.campaigns.gathering import progress
from culture.campaigns.insights import Period, dashboard, weekly_team_rows
from home.factories import UserFactory
from stories.factories import TeamFactory
from stories.models import LearnedFromThis

from .conftest import london, make_campaign, make_story

START, END = datetime.date(2026, 4, 1), datetime.date(2026, 4, 30)
TODAY = london(2026, 4, 20, 12, 0)
PERIOD = Period(START, END)

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(campaigns_index, stories_index, employee):
    author = UserFactory(username="hushed", first_name="Hushed", last_name="Writer")
    payroll = TeamFactory(name="Payroll", members=[author, UserFactory()])
    helpdesk = TeamFactory(name="Helpdesk", members=6)
    campaign = make_campaign(campaigns_index, START, END, goal_stories=4)
    small = make_story(
        stories_index,
        london(2026, 4, 2, 9),
        title="Payslips twice",
        team=payroll,
        author=author,
        author__anonymous=True,
    )
    make_story(
        stories_index,
        london(2026, 4, 3, 9),
        title="Lost tickets",
        team=helpdesk,
        author__anonymous=True,
    )
    mark = LearnedFromThis.objects.create(story=small, user=employee)
    LearnedFromThis.objects.filter(pk=mark.pk).update(created_at=london(2026, 4, 5, 10))
    return {"campaign": campaign, "payroll": payroll}


@time_machine.travel(TODAY)
def test_campaign_page_and_progress(world, employee_client):
    figures = progress(world["campaign"])
    assert figures["stories"] == 2
    assert figures["teams"] == 1  # Helpdesk; Payroll's story may not name it
    html = employee_client.get(world["campaign"].url).content.decode()
    assert "Payslips twice" in html and "Lost tickets" in html
    assert "Helpdesk" in html and "Payroll" not in html
    assert "<strong>1</strong> team took part" in html


@time_machine.travel(TODAY)
def test_a_named_story_makes_its_small_team_take_part(world, stories_index):
    make_story(stories_index, london(2026, 4, 4, 9), team=world["payroll"])
    assert progress(world["campaign"])["teams"] == 2


@time_machine.travel(TODAY)
def test_insights_fold_the_small_team_into_other_teams(world, client, culture_member):
    figures = dashboard(PERIOD)
    assert figures["teams"] == [
        {"team": "Helpdesk", "stories": 1},
        {"team": "Other teams", "stories": 1},
    ]
    assert figures["teams_with_stories"] == 1
    client.force_login(culture_member)
    page = client.get(reverse("campaigns_admin:insights"), {"date_from": START, "date_to": END})
    assert page.status_code == 200
    html = page.content.decode()
    assert "Helpdesk" in html and "Other teams" in html and "Payroll" not in html


@time_machine.travel(TODAY)
def test_csv_folds_the_small_team_into_other_teams(world, client, culture_member):
    rows = weekly_team_rows(PERIOD)
    assert {(row["team"], row["stories"], row["learned"]) for row in rows} == {
        ("Helpdesk", 1, 0),
        ("Other teams", 1, 1),  # Payroll's story and the mark on it, in the same week
    }
    client.force_login(culture_member)
    response = client.get(
        reverse("campaigns_admin:insights_csv"), {"date_from": START, "date_to": END}
    )
    text = b"".join(response).decode("utf-8-sig")
    teams = {row[1] for row in list(csv.reader(io.StringIO(text)))[1:]}
    assert teams == {"Helpdesk", "Other teams"}
