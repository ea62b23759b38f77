"""Pulse results: per team and company-wide only for groups of enough people; the trend."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from wagtail.models import Site

from culture.pulse import results
from culture.pulse.factories import PulseFactory, answer
from home.models import SiteSettings

TODAY = timezone.localdate()


def answer_all(pulse, team, score, people=None):
    for user in list(team.members.all())[:people]:
        answer(pulse, user, team, score=score)


def by_name(result):
    return {group.name: group for group in result.teams}


def closed(pulse):
    """The day after `pulse` closes: its scores are shown from then on."""
    return pulse.closes_on + datetime.timedelta(days=1)


def test_teams_below_the_minimum_fold_into_other_teams(db, make_team, pulse):
    support, sales = make_team("Support", 5), make_team("Sales", 6)
    finance, legal = make_team("Finance", 3), make_team("Legal", 2)
    answer_all(pulse, support, 6)
    answer_all(pulse, sales, 4)
    answer_all(pulse, finance, 2)
    answer_all(pulse, legal, 7)
    (result,) = results.results([pulse], minimum=5, today=closed(pulse))
    groups = by_name(result)
    assert set(groups) == {"Support", "Sales", "Other teams"}
    assert groups["Support"].people == 5 and groups["Sales"].people == 6
    assert groups["Other teams"].people == 5 and groups["Other teams"].is_other
    assert result.people == 16 and result.company.people == 16
    # Every statement answered 6 in Support; three of the seven are worded negatively, so the
    # safety score turns them round: (4 × 6 + 3 × 2) / 7.
    assert [mean for _, mean in groups["Support"].statements] == [6.0] * 7
    assert groups["Support"].score == round((4 * 6 + 3 * 2) / 7, 1)


def test_a_small_other_group_pulls_in_the_smallest_named_team(db, make_team, pulse):
    """Otherwise company minus named teams would give away the one person's answers."""
    support, sales, finance = (
        make_team("Support", 5),
        make_team("Sales", 6),
        make_team("Finance", 1),
    )
    answer_all(pulse, support, 6)
    answer_all(pulse, sales, 4)
    answer_all(pulse, finance, 1)
    (result,) = results.results([pulse], minimum=5, today=closed(pulse))
    groups = by_name(result)
    assert set(groups) == {"Sales", "Other teams"}
    assert groups["Other teams"].people == 6
    assert result.company.people == 12


def test_nothing_is_shown_below_the_minimum(db, make_team, pulse):
    support = make_team("Support", 4)
    answer_all(pulse, support, 6)
    (result,) = results.results([pulse], minimum=5, today=closed(pulse))
    assert result.teams == [] and result.company is None and result.score is None
    assert result.people == 4


def test_the_minimum_is_the_site_setting_of_small_groups(
    client, home_page, make_team, culture_member, pulse
):
    support = make_team("Support", 4)
    answer_all(pulse, support, 6)
    client.force_login(culture_member)
    url = reverse("campaigns_admin:insights")
    period = {"date_from": TODAY - datetime.timedelta(days=60), "date_to": TODAY}
    html = client.get(url, period).content.decode()
    assert "Support" not in html.split('id="pulse-title"')[1].split("</section>")[0]
    settings = SiteSettings.for_site(Site.objects.get(is_default_site=True))
    settings.anonymity_min_group = 4
    settings.save()
    html = client.get(url, period).content.decode()
    section = html.split('id="pulse-title"')[1].split("</section>")[0]
    assert "Support" in section


def test_insights_show_the_trend_across_pulses(client, home_page, make_team, culture_member):
    support, sales = make_team("Support", 5), make_team("Sales", 5)
    scores = {-120: 3, -60: 4, -5: 6}
    for days, score in scores.items():
        opens_on = TODAY + datetime.timedelta(days=days)
        pulse = PulseFactory(title=f"Pulse {days}", opens_on=opens_on)
        answer_all(pulse, support, score)
        answer_all(pulse, sales, score)
    found = results.trend(TODAY - datetime.timedelta(days=365), TODAY, minimum=5)
    assert [result.pulse.title for result in found.results] == [
        "Pulse -120",
        "Pulse -60",
        "Pulse -5",
    ]
    assert [result.company.people for result in found.results] == [10, 10, 10]
    # The score rises with the positive answers and falls with the negative ones: 3 -> 4; the
    # running pulse shows how many answered, its score only once it closes.
    expected = [round((4 * s + 3 * (8 - s)) / 7, 1) for s in scores.values()]
    assert [result.score for result in found.results] == [*expected[:2], None]
    rows = [(name, [g.score for g in groups]) for name, groups in found.team_rows]
    assert rows == [("Sales", [*expected[:2], None]), ("Support", [*expected[:2], None])]
    assert [g.people for g in found.team_rows[0][1]] == [5, 5, 5]
    assert found.latest.pulse.title == "Pulse -60"

    client.force_login(culture_member)
    response = client.get(
        reverse("campaigns_admin:insights"),
        {"date_from": TODAY - datetime.timedelta(days=365), "date_to": TODAY},
    )
    html = response.content.decode()
    section = html.split('id="pulse-title"')[1]
    assert "Psychological-safety score per pulse" in section
    assert "Pulse -120" in section and "Statement by statement: Pulse -60" in section
    assert "5 answered" in section
    # Next to the stories trend.
    assert html.index("monthly-title") < html.index("pulse-title") < html.index("tags-title")


def test_a_running_pulse_shows_its_scores_only_once_it_has_closed(db, make_team, pulse):
    """Live scores compared before and after one colleague answers would give them away."""
    support = make_team("Support", 6)
    answer_all(pulse, support, 6, people=5)
    (running,) = results.results([pulse], minimum=5, today=pulse.closes_on)
    assert running.is_open and running.people == 5
    assert running.score is None and running.company.statements == []
    assert [(g.name, g.people, g.score) for g in running.teams] == [("Support", 5, None)]
    assert running.statement_rows == []
    (after,) = results.results([pulse], minimum=5, today=closed(pulse))
    assert not after.is_open and after.score is not None
    assert [mean for _, mean in after.teams[0].statements] == [6.0] * 7


def seed(make_team, pulses, teams, people):
    team_list = [make_team(f"Team {t:02d}", people) for t in range(teams)]
    for number in range(pulses):
        pulse = PulseFactory(
            opens_on=TODAY - datetime.timedelta(days=20 * (number + 1)),
            closes_on=TODAY - datetime.timedelta(days=20 * number + 1),
        )
        for team in team_list:
            answer_all(pulse, team, 1 + (number + team.pk) % 7)


@pytest.mark.parametrize("pulses,teams,people", [(1, 1, 5), (4, 6, 6)])
def test_results_cost_three_queries_whatever_the_data(
    db, make_team, pulses, teams, people, django_assert_max_num_queries
):
    seed(make_team, pulses, teams, people)
    with django_assert_max_num_queries(3):
        found = results.trend(TODAY - datetime.timedelta(days=365), TODAY, minimum=5)
        assert len(found.results) == pulses
        assert found.team_rows and found.latest


def test_insights_page_costs_the_same_queries_with_more_pulses_and_teams(
    client, home_page, make_team, culture_member
):
    client.force_login(culture_member)
    url = reverse("campaigns_admin:insights")
    period = {"date_from": TODAY - datetime.timedelta(days=365), "date_to": TODAY}
    seed(make_team, 1, 1, 5)
    client.get(url, period)
    with CaptureQueriesContext(connection) as few:
        client.get(url, period)
    few_count = len(few)
    assert few_count > 5
    seed(make_team, 4, 6, 6)
    with CaptureQueriesContext(connection) as many:
        client.get(url, period)
    assert len(many) <= few_count


def test_superusers_see_totals_only(client, superuser, home_page, make_team, pulse):
    """No page shows one person's answers: the insights show groups of five or more, and the
    pulse's admin shows how many answered, not who or what."""
    support = make_team("Support", 5)
    answer_all(pulse, support, 2)
    client.force_login(superuser)
    html = client.get("/admin/snippets/pulse/pulse/").content.decode()
    for user in support.members.all():
        assert user.username not in html
