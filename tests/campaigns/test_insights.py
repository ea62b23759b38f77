"""Culture insights: figures against hand-counted seeded data, CSV export, anonymity, permissions."""

import csv
import datetime
import io

import pytest
import time_machine
from django.contrib.contenttypes.models import ContentType
from django.urls import reverse
from wagtail.models import Page, Workflow, WorkflowState

from culture.campaigns.insights import Period, dashboard, weekly_team_rows
from stories.models import LearnedFromThis, StoryPage

from .conftest import london, make_campaign, make_pack, make_story

TODAY = london(2026, 4, 15, 12, 0)
PERIOD = Period(datetime.date(2026, 1, 1), datetime.date(2026, 3, 31))
HOUR = datetime.timedelta(hours=1)


def submitted(story, at, workflow):
    state = WorkflowState.objects.create(
        content_type=ContentType.objects.get_for_model(StoryPage),
        base_content_type=ContentType.objects.get_for_model(Page),
        object_id=str(story.pk),
        workflow=workflow,
        status=WorkflowState.STATUS_APPROVED,
    )
    WorkflowState.objects.filter(pk=state.pk).update(created_at=at)


def mark(story, user, at):
    created = LearnedFromThis.objects.create(story=story, user=user)
    LearnedFromThis.objects.filter(pk=created.pk).update(created_at=at)


@pytest.fixture
def seeded(stories_index, packs_index, campaigns_index, teams, employee, other_employee):
    """The figures below are counted by hand; see each test."""
    finance, support, web = teams
    employee.first_name, employee.last_name = "Erin", "Walsh"
    employee.save()
    other_employee.first_name, other_employee.last_name = "Sam", "Okafor"
    other_employee.save()
    s1 = make_story(
        stories_index,
        london(2026, 1, 10, 10),
        team=finance,
        tags=["email", "deploy"],
        author=employee,
        actions=[
            {"description": "Checklist", "owner": "Ops", "status": "done"},
            {"description": "Second check", "owner": "Ops", "due_date": datetime.date(2026, 4, 30)},
        ],
    )
    s2 = make_story(
        stories_index,
        london(2026, 1, 20, 12),
        team=finance,
        tags=["email"],
        author=other_employee,
        author__anonymous=True,
    )
    s3 = make_story(
        stories_index,
        london(2026, 2, 5, 9),
        team=support,
        tags=["email", "billing"],
        author=other_employee,
        author__anonymous=True,
        repeat_of=s1,
        actions=[
            {"description": "Fix form", "owner": "Web", "due_date": datetime.date(2026, 3, 1)}
        ],
    )
    s4 = make_story(
        stories_index,
        london(2026, 3, 1, 0, 30),
        team=web,
        tags=["deploy"],
        author=employee,
        actions=[{"description": "Alert", "owner": "Ops"}],
    )
    make_story(stories_index, london(2026, 3, 31, 23, 30), team=None, author=employee, repeat_of=s2)
    # Outside the period, or not published: never counted.
    make_story(
        stories_index,
        london(2025, 12, 31, 23, 59),
        team=finance,
        tags=["email"],
        repeat_of=s1,
        actions=[{"description": "Old", "owner": "Ops", "due_date": datetime.date(2026, 1, 1)}],
    )
    make_story(stories_index, london(2026, 4, 1, 0, 0), team=finance, author__anonymous=True)
    make_story(stories_index, london(2026, 2, 14, 9), team=web, tags=["email"]).unpublish()

    workflow = Workflow.objects.create(name="Culture review")
    submitted(s1, london(2026, 1, 9, 10), workflow)  # 24 hours
    submitted(s1, london(2026, 1, 9, 20), workflow)  # a later resubmission is not the first
    submitted(s2, london(2026, 1, 20, 10), workflow)  # 2 hours
    submitted(s3, london(2026, 2, 2, 9), workflow)  # 3 days

    make_pack(packs_index, finance, datetime.date(2026, 2, 10))
    make_pack(packs_index, web, datetime.date(2026, 3, 10))

    mark(s1, other_employee, london(2026, 2, 1, 12))
    mark(s3, employee, london(2026, 3, 15, 12))
    mark(s4, other_employee, london(2026, 3, 30, 0, 30))  # Monday 00:30 BST is Sunday in UTC

    return make_campaign(
        campaigns_index, datetime.date(2026, 3, 1), datetime.date(2026, 3, 31), title="March month"
    )


@time_machine.travel(TODAY)
@pytest.mark.django_db
def test_dashboard_figures_match_the_hand_count(seeded):
    figures = dashboard(PERIOD)
    assert figures["total_stories"] == 5
    assert figures["anonymous_stories"] == 2
    assert figures["anonymous_share"] == 40
    assert [
        (
            row["month"].month,
            row["stories"],
            row["anonymous"],
            row["anonymous_share"],
            row["repeats"],
        )
        for row in figures["monthly"]
    ] == [(1, 2, 1, 50, 0), (2, 1, 1, 100, 1), (3, 2, 0, 0, 1)]
    assert figures["teams"] == [
        {"team": "Finance", "stories": 2},
        {"team": "Support", "stories": 1},
        {"team": "Web", "stories": 1},
        {"team": "No team", "stories": 1},
    ]
    assert figures["tags"] == [
        {"tag": "email", "stories": 3},
        {"tag": "deploy", "stories": 2},
        {"tag": "billing", "stories": 1},
    ]
    waits = figures["waits"]
    assert waits["count"] == 3
    assert waits["median"] == 24 * HOUR
    assert waits["mean"] == (24 + 2 + 72) / 3 * HOUR
    assert [bucket["stories"] for bucket in waits["buckets"]] == [1, 1, 1, 0]
    assert figures["actions"] == {
        "total": 4,
        "done": 1,
        "open": 3,
        "overdue": 1,
        "open_on_time": 2,
    }
    assert figures["repeats"] == 2
    assert [story.repeat_of.title for story in figures["recent_repeats"]] == [
        StoryPage.objects.get(first_published_at=london(2026, 1, 20, 12)).title,
        StoryPage.objects.get(first_published_at=london(2026, 1, 10, 10)).title,
    ]


@time_machine.travel(TODAY)
@pytest.mark.django_db
def test_campaign_is_compared_with_the_same_length_of_time_before_it(seeded):
    comparison = dashboard(PERIOD)["comparison"]
    assert comparison["campaign"] == seeded
    assert comparison["before"] == Period(datetime.date(2026, 1, 29), datetime.date(2026, 2, 28))
    rows = {row["label"]: (row["before"], row["during"]) for row in comparison["rows"]}
    assert rows == {
        "Stories published": (1, 2),
        "Anonymous stories": (1, 0),
        "Repeats (“happened again”)": (1, 1),
        "Teams taking part": (2, 1),
        "Staff meetings held": (1, 1),
        "“I learned from this” marks": (1, 2),
    }


@time_machine.travel(TODAY)
@pytest.mark.django_db
def test_dashboard_page_shows_the_figures_as_svg_charts(seeded, client, culture_member):
    client.force_login(culture_member)
    response = client.get(
        reverse("campaigns_admin:insights"), {"date_from": "2026-01-01", "date_to": "2026-03-31"}
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert html.count('<svg class="insights-chart"') == 7
    assert 'role="img"' in html
    assert "<desc" in html and "Jan 26: 2; Feb 26: 1; Mar 26: 2" in html
    assert "March month compared with the 31 days before it" in html
    # The bar charts' figures as tables too (the monthly ones have their own).
    assert html.count("<summary>Show the numbers</summary>") == 4
    assert '<th scope="row">Finance</th><td>2</td>' in html
    assert '<th scope="row">email</th><td>3</td>' in html
    assert '<script src="http' not in html.split("insights-form")[1]
    assert "Walsh" not in html and "Okafor" not in html


@time_machine.travel(TODAY)
@pytest.mark.django_db
def test_period_is_validated_and_keeps_what_was_typed(client, culture_member):
    client.force_login(culture_member)
    response = client.get(
        reverse("campaigns_admin:insights"), {"date_from": "2026-03-31", "date_to": "2026-01-01"}
    )
    assert response.status_code == 200
    assert response.context["form"].errors["date_to"] == [
        "“To” is before “From”. Choose a later date."
    ]
    assert "figures" not in response.context
    assert b'value="2026-03-31"' in response.content
    response = client.get(reverse("campaigns_admin:insights"), {"date_from": "not a date"})
    assert response.context["form"].errors["date_from"] == ["Enter a valid date."]
    csv_response = client.get(reverse("campaigns_admin:insights_csv"), {"date_from": "nope"})
    assert csv_response.status_code == 302
    assert csv_response["Location"].startswith(reverse("campaigns_admin:insights"))


@time_machine.travel(TODAY)
@pytest.mark.django_db
def test_csv_by_team_and_week_without_any_author(seeded, client, culture_member):
    client.force_login(culture_member)
    response = client.get(
        reverse("campaigns_admin:insights_csv"),
        {"date_from": "2026-01-01", "date_to": "2026-03-31"},
    )
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    assert "own-it-insights-2026-01-01-to-2026-03-31.csv" in response["Content-Disposition"]
    text = response.content.decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(text)))
    assert rows[0] == [
        "Week starting (Monday)",
        "Team",
        "Stories published",
        "Anonymous stories",
        "Repeats",
        "Corrective actions",
        "Corrective actions done",
        "Staff meetings held",
        "“I learned from this” marks",
    ]
    assert rows[1:] == [
        ["2026-01-05", "Finance", "1", "0", "0", "2", "1", "0", "0"],
        ["2026-01-19", "Finance", "1", "1", "0", "0", "0", "0", "0"],
        ["2026-01-26", "Finance", "0", "0", "0", "0", "0", "0", "1"],
        ["2026-02-02", "Support", "1", "1", "1", "1", "0", "0", "0"],
        ["2026-02-09", "Finance", "0", "0", "0", "0", "0", "1", "0"],
        ["2026-02-23", "Web", "1", "0", "0", "1", "0", "0", "0"],
        ["2026-03-09", "Support", "0", "0", "0", "0", "0", "0", "1"],
        ["2026-03-09", "Web", "0", "0", "0", "0", "0", "1", "0"],
        ["2026-03-30", "Web", "0", "0", "0", "0", "0", "0", "1"],
        ["2026-03-30", "(no team)", "1", "0", "1", "0", "0", "0", "0"],
    ]
    for identity in ("erin", "Erin", "Walsh", "sam", "Sam", "Okafor", "@example.com"):
        assert identity not in text


@time_machine.travel(TODAY)
@pytest.mark.django_db
def test_csv_cells_cannot_run_as_formulas(stories_index, client, culture_member):
    from stories.factories import TeamFactory

    make_story(stories_index, london(2026, 2, 1, 9), team=TeamFactory(name="=HYPERLINK(1)"))
    rows = weekly_team_rows(PERIOD)
    assert rows[0]["team"] == "=HYPERLINK(1)"
    client.force_login(culture_member)
    text = client.get(
        reverse("campaigns_admin:insights_csv"),
        {"date_from": "2026-01-01", "date_to": "2026-03-31"},
    ).content.decode("utf-8-sig")
    assert "'=HYPERLINK(1)" in text


@pytest.mark.django_db
def test_only_the_culture_team_sees_insights(client, role_users, superuser):
    from home.roles import CULTURE_TEAM

    urls = [reverse("campaigns_admin:insights"), reverse("campaigns_admin:insights_csv")]
    for role, user in role_users.items():
        client.force_login(user)
        for url in urls:
            response = client.get(url)
            if role == CULTURE_TEAM:
                assert response.status_code == 200, (role, url)
            else:
                assert response.status_code == 302, (role, url)
                assert not response["Location"].startswith(urls[0])
        admin_home = client.get(reverse("wagtailadmin_home"))
        shown = b"Culture insights" in admin_home.content
        assert shown == (role == CULTURE_TEAM), role
    client.force_login(superuser)
    assert client.get(urls[0]).status_code == 200


@pytest.mark.django_db
def test_only_the_culture_team_edits_campaigns(client, role_users, campaigns_index):
    from home.roles import CULTURE_TEAM

    campaign = make_campaign(campaigns_index, datetime.date(2026, 3, 1), datetime.date(2026, 3, 31))
    edit = reverse("wagtailadmin_pages:edit", args=[campaign.pk])
    add = reverse("wagtailadmin_pages:add", args=["campaigns", "campaignpage", campaigns_index.pk])
    for role, user in role_users.items():
        client.force_login(user)
        for url in (edit, add):
            response = client.get(url)
            expected = 200 if role == CULTURE_TEAM else 302
            assert response.status_code == expected, (role, url)


@pytest.mark.django_db
def test_campaigns_are_in_the_culture_teams_admin_menu(client, role_users, campaigns_index):
    from home.roles import CULTURE_TEAM, sync_roles

    sync_roles()
    explore = reverse("wagtailadmin_explore", args=[campaigns_index.pk])
    for role, user in role_users.items():
        client.force_login(user)
        html = client.get(reverse("wagtailadmin_home")).content.decode()
        # The sidebar's menu is JSON inside the page; the address is written with escaped slashes.
        shown = explore.replace("/", "\\u002F") in html or explore in html
        assert shown == (role == CULTURE_TEAM), role
