"""Recording one person's answers to a pulse as counters, and nothing else.

`record_answers` runs in one transaction: it marks the person as having answered (a second
answer fails on the mark's primary key, so nothing is counted twice) and adds one to one counter
per statement. The counter rows exist before: `ensure_counters` creates, for every team at once,
a zero counter for each statement and score, so no row is born with an answer. The update then
rewrites every counter of the team in one statement, adding 1 or 0, so which rows changed is
not visible from which rows were written.
"""

from django.db import IntegrityError, transaction
from django.db.models import Case, F, Q, Value, When

from .models import SCORES, PrimaryTeam, Pulse, PulseAnswered, PulseCount


class AlreadyAnswered(Exception):
    """The person has answered this pulse before."""


def teams_of(user):
    from stories.models import Team

    return list(Team.objects.filter(members=user).order_by("name"))


def answering_team(user, teams=None):
    """The team `user` answers for: their primary team, or their only team; None to ask.

    A primary team they have since left no longer counts: they are asked again.
    """
    teams = teams_of(user) if teams is None else teams
    primary = PrimaryTeam.objects.filter(user=user).values_list("team_id", flat=True).first()
    for team in teams:
        if team.pk == primary:
            return team
    return teams[0] if len(teams) == 1 else None


def ensure_counters(pulse, team=None):
    """Zero counters for every team (and `team`), statement and score of `pulse` that lack them.

    All teams in one go, in a fixed order, the first time anyone answers; a team made later gets
    its counters on its first answer.
    """
    from stories.models import Team

    statement_ids = list(pulse.statements.values_list("pk", flat=True))
    team_ids = set(Team.objects.values_list("pk", flat=True))
    if team is not None:
        team_ids.add(team.pk)
    have = set(PulseCount.objects.filter(pulse=pulse).values_list("team_id", flat=True).distinct())
    missing = sorted(team_ids - have)
    PulseCount.objects.bulk_create(
        [
            PulseCount(pulse=pulse, team_id=team_id, statement_id=statement_id, score=score)
            for team_id in missing
            for statement_id in sorted(statement_ids)
            for score in SCORES
        ],
        ignore_conflicts=True,
    )


def record_answers(pulse: Pulse, user, team, scores):
    """Count `scores` ({statement id: score}) for `team`, and mark `user` as having answered.

    Raises AlreadyAnswered when they have; ValueError when the scores do not cover exactly the
    pulse's statements with whole numbers from 1 to 7.
    """
    statement_ids = set(pulse.statements.values_list("pk", flat=True))
    if set(scores) != statement_ids or any(score not in SCORES for score in scores.values()):
        raise ValueError("One score from 1 to 7 for each statement of the pulse.")
    ensure_counters(pulse, team)
    chosen = Q()
    for statement_id, score in scores.items():
        chosen |= Q(statement_id=statement_id, score=score)
    try:
        with transaction.atomic():
            PulseAnswered.objects.create(pulse=pulse, user=user)
            PulseCount.objects.filter(pulse=pulse, team=team).update(
                count=F("count") + Case(When(chosen, then=Value(1)), default=Value(0))
            )
    except IntegrityError as error:
        raise AlreadyAnswered from error


def set_primary_team(user, team):
    PrimaryTeam.objects.update_or_create(user=user, defaults={"team": team})
