"""Answering the pulse: one answer per person, stored only as counters, never with the person."""

import datetime
import re

import pytest
from django.db import connection
from django.utils import timezone

from culture.pulse.answering import AlreadyAnswered, ensure_counters
from culture.pulse.factories import PulseFactory, answer
from culture.pulse.models import (
    SCORES,
    PrimaryTeam,
    Pulse,
    PulseAnswered,
    PulseCount,
    PulseStatement,
)
from stories.factories import TeamFactory

ANSWER_URL = "/pulse/{}/answer/"


def post_data(pulse, score="5", **extra):
    data = {f"statement_{statement.pk}": score for statement in pulse.statements.all()}
    data.update(extra)
    return data


def counts(pulse, team):
    return {
        (row.statement_id, row.score): row.count
        for row in PulseCount.objects.filter(pulse=pulse, team=team)
    }


def test_the_default_statements_are_edmondsons_seven(db):
    statements = list(PulseStatement.objects.all())
    assert len(statements) == 7
    assert statements[0].text.startswith("If you make a mistake on this team")
    assert [s.sort_order for s in statements if s.reverse_scored] == [1, 3, 5]


def test_home_page_panel_offers_the_running_pulse(client, home_page, employee, pulse):
    team = TeamFactory(name="Support")
    team.members.add(employee)
    client.force_login(employee)
    html = client.get("/").content.decode()
    assert "Spring pulse" in html
    assert "If you make a mistake on this team, it is often held against you." in html
    assert "You answer for Support." in html
    assert 'name="team"' not in html  # one team: nothing to ask


def test_an_answer_adds_to_counters_and_marks_the_person_once(client, home_page, employee, pulse):
    team = TeamFactory(name="Support")
    team.members.add(employee)
    client.force_login(employee)
    response = client.post(ANSWER_URL.format(pulse.pk), post_data(pulse, "6"))
    assert response.status_code == 302
    assert PulseAnswered.objects.filter(pulse=pulse, user=employee).exists()
    team_counts = counts(pulse, team)
    assert sum(team_counts.values()) == 7
    assert all(team_counts[(statement.pk, 6)] == 1 for statement in pulse.statements.all())

    # A second answer is refused and counts nothing.
    client.post(ANSWER_URL.format(pulse.pk), post_data(pulse, "1"))
    assert counts(pulse, team) == team_counts
    assert PulseAnswered.objects.filter(pulse=pulse).count() == 1
    with pytest.raises(AlreadyAnswered):
        answer(pulse, employee, team, score=2)
    assert counts(pulse, team) == team_counts
    html = client.get("/").content.decode()
    assert "Thank you for answering" in html
    assert 'name="statement_' not in html


def test_nothing_stored_links_an_answer_to_the_person(db, pulse):
    """The mark has only pulse and person; counters have no person, time or id."""
    assert {f.name for f in PulseAnswered._meta.concrete_fields} == {"pulse", "user"}
    assert {f.name for f in PulseCount._meta.concrete_fields} == {
        "pulse",
        "team",
        "statement",
        "score",
        "count",
    }
    for model in (PulseAnswered, PulseCount):
        fields = model._meta.concrete_fields
        assert not any(f.get_internal_type() in ("AutoField", "BigAutoField") for f in fields)
        assert not any(f.get_internal_type() in ("DateTimeField", "DateField") for f in fields)
        columns = {
            c.name
            for c in connection.introspection.get_table_description(
                connection.cursor(), model._meta.db_table
            )
        }
        assert "id" not in columns


def test_counters_exist_at_zero_for_every_team_before_anyone_is_counted(db, pulse, make_team):
    """No counter row is born with an answer, and an answer rewrites all its team's rows: the
    rows' keys and their order as stored say nothing about which scores were chosen."""
    support = make_team("Support", 3)
    make_team("Finance", 2)
    ensure_counters(pulse)
    keys = PulseCount.objects.filter(pulse=pulse).order_by("pk")
    before = list(keys.values_list("team_id", "statement_id", "score"))
    assert len(before) == 2 * 7 * len(SCORES)
    assert not PulseCount.objects.filter(pulse=pulse, count__gt=0).exists()

    def stored_order():
        # As the database hands the rows out, without ORDER BY: on PostgreSQL an updated row
        # moves to wherever its new version is written.
        rows = PulseCount.objects.filter(pulse=pulse, team=support).order_by()
        return list(rows.values_list("statement_id", "score"))

    stored = stored_order()
    first, second = support.members.all()[:2]
    answer(pulse, first, support, score=2)
    answer(pulse, second, support, score=7)
    assert list(keys.values_list("team_id", "statement_id", "score")) == before
    # Every row of the team was written each time, so none moved ahead of the others.
    assert stored_order() == stored


def test_the_first_answer_creates_every_teams_counters_at_once(db, pulse, make_team):
    support, finance = make_team("Support", 3), make_team("Finance", 2)
    answer(pulse, support.members.first(), support, score=4)
    # Finance's counters exist although nobody in Finance answered.
    assert PulseCount.objects.filter(pulse=pulse, team=finance).count() == 7 * len(SCORES)


def test_a_person_in_several_teams_chooses_a_primary_team_on_first_answer(
    client, home_page, employee, pulse
):
    support, sales = TeamFactory(name="Support"), TeamFactory(name="Sales")
    support.members.add(employee)
    sales.members.add(employee)
    client.force_login(employee)
    html = client.get("/").content.decode()
    assert "Which team do you answer for?" in html

    # Forgetting the team and one statement: a clear message, and what was chosen is kept.
    data = post_data(pulse, "3")
    first, *rest = pulse.statements.all()
    del data[f"statement_{first.pk}"]
    response = client.post(ANSWER_URL.format(pulse.pk), data)
    assert response.status_code == 400
    html = response.content.decode()
    assert "Choose the team you answer for." in html
    assert "Choose a number from 1 to 7 for this statement." in html
    for statement in rest:
        assert re.search(rf'name="statement_{statement.pk}" value="3"[^>]*checked', html)
    assert not PulseAnswered.objects.exists()

    response = client.post(ANSWER_URL.format(pulse.pk), post_data(pulse, "3", team=sales.pk))
    assert response.status_code == 302
    assert PrimaryTeam.objects.get(user=employee).team == sales
    assert sum(counts(pulse, sales).values()) == 7
    assert sum(counts(pulse, support).values()) == 0


def test_a_primary_team_set_by_the_culture_team_is_used_without_asking(
    client, home_page, employee, pulse
):
    support, sales = TeamFactory(name="Support"), TeamFactory(name="Sales")
    support.members.add(employee)
    sales.members.add(employee)
    PrimaryTeam.objects.create(user=employee, team=support)
    client.force_login(employee)
    html = client.get("/").content.decode()
    assert "You answer for Support." in html and 'name="team"' not in html
    # A team posted anyway is ignored: the primary team counts.
    client.post(ANSWER_URL.format(pulse.pk), post_data(pulse, team=sales.pk))
    assert sum(counts(pulse, support).values()) == 7


def test_someone_in_no_team_is_told_how_to_take_part(client, home_page, employee, pulse):
    client.force_login(employee)
    assert "not in a team on this site yet" in client.get("/").content.decode()
    response = client.post(ANSWER_URL.format(pulse.pk), post_data(pulse))
    assert "not in a team on this site yet" in response.content.decode()
    assert not PulseAnswered.objects.exists()


def test_a_closed_pulse_takes_no_answers(client, home_page, employee):
    team = TeamFactory(name="Support")
    team.members.add(employee)
    closed = PulseFactory(opens_on=timezone.localdate() - datetime.timedelta(days=30))
    client.force_login(employee)
    assert client.post(ANSWER_URL.format(closed.pk), post_data(closed)).status_code == 404
    assert "not in a team" not in client.get("/").content.decode()
    assert closed.title not in client.get("/").content.decode()


def test_scores_outside_the_scale_are_refused(client, home_page, employee, pulse):
    team = TeamFactory(name="Support")
    team.members.add(employee)
    client.force_login(employee)
    response = client.post(ANSWER_URL.format(pulse.pk), post_data(pulse, "9"))
    assert response.status_code == 400
    assert not PulseCount.objects.filter(count__gt=0).exists()


def test_pulses_may_not_overlap_or_end_before_they_start(db, pulse):
    from django.core.exceptions import ValidationError

    overlapping = Pulse(title="Again", opens_on=pulse.closes_on, closes_on=pulse.closes_on)
    with pytest.raises(ValidationError):
        overlapping.full_clean()
    backwards = Pulse(
        title="Backwards",
        opens_on=pulse.closes_on + datetime.timedelta(days=10),
        closes_on=pulse.closes_on + datetime.timedelta(days=5),
    )
    with pytest.raises(ValidationError):
        backwards.full_clean()


def test_home_panel_costs_the_same_queries_with_many_teams_and_statements(
    client, home_page, employee, make_team, django_assert_max_num_queries
):
    from culture.pulse.factories import PulseStatementFactory

    team = make_team("Support", 2)
    team.members.add(employee)
    small = PulseFactory()
    client.force_login(employee)
    client.get("/")  # warm the cached panels of other apps
    from django.test.utils import CaptureQueriesContext

    # A full query log (it keeps 9000) would capture nothing.
    connection.queries_log.clear()
    with CaptureQueriesContext(connection) as few:
        client.get("/")
    few_count = len(few)
    small.delete()
    extra = [PulseStatementFactory() for _ in range(10)]
    PulseFactory(statements=[*PulseStatement.objects.all(), *extra])
    for number in range(6):
        other = make_team(f"Team {number}", 3)
        other.members.add(employee)
    PrimaryTeam.objects.create(user=employee, team=team)
    client.get("/")  # team changes retire other apps' cached panels: warm them again
    assert few_count > 5
    connection.queries_log.clear()
    with django_assert_max_num_queries(few_count):
        client.get("/")


def test_no_admin_shows_counters_or_marks(client, superuser, pulse):
    from wagtail.snippets.models import get_snippet_models

    models = set(get_snippet_models())
    assert PulseCount not in models and PulseAnswered not in models
    client.force_login(superuser)
    response = client.get("/admin/snippets/pulse/pulse/")
    assert response.status_code == 200
    assert "People answered" in response.content.decode()
    assert client.get("/admin/snippets/pulse/pulsecount/").status_code == 404
    assert client.get("/admin/snippets/pulse/pulseanswered/").status_code == 404


def test_statements_are_fixed_once_someone_answered(client, superuser, pulse, make_team):
    team = make_team("Support", 1)
    answer(pulse, team.members.first(), team)
    client.force_login(superuser)
    html = client.get(f"/admin/snippets/pulse/pulse/edit/{pulse.pk}/").content.decode()
    assert "Fixed: people have answered this pulse." in html


def test_the_culture_team_opens_a_pulse_with_the_active_statements(client, culture_member):
    from home.roles import sync_roles

    sync_roles()
    PulseStatement.objects.filter(sort_order=7).update(active=False)
    client.force_login(culture_member)
    html = client.get("/admin/snippets/pulse/pulse/add/").content.decode()
    active = PulseStatement.objects.filter(active=True)
    assert html.count("checked") >= active.count()
    today = timezone.localdate()
    response = client.post(
        "/admin/snippets/pulse/pulse/add/",
        {
            "title": "Autumn pulse",
            "intro": "One minute.",
            "opens_on": today.isoformat(),
            "closes_on": (today + datetime.timedelta(days=14)).isoformat(),
            "statements": [statement.pk for statement in active],
        },
    )
    assert response.status_code == 302
    pulse = Pulse.objects.get(title="Autumn pulse")
    assert set(pulse.statements.all()) == set(active)
    # Closing before opening is refused, with the dates kept.
    response = client.post(
        "/admin/snippets/pulse/pulse/add/",
        {
            "title": "Backwards",
            "opens_on": "2031-05-10",
            "closes_on": "2031-05-01",
            "statements": [statement.pk for statement in active],
        },
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "The pulse must close on or after the day it opens." in html
    assert "2031-05-10" in html
