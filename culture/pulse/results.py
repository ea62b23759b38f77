"""Pulse results: per team and company-wide, only for groups of enough people.

The smallest group shown is the site's "smallest team" setting, read through
stories/small_groups.py (`small_groups.minimum`), the one rule for small groups. Teams with
fewer people answering are counted together as "Other teams"; when even that group is too small
but not empty, the smallest named teams join it until it is large enough, because otherwise the
company-wide figure minus the named teams would give the small group's answers away.

Everything is read from the counters in three queries (the pulses, their statements, the summed
counters), however many pulses, teams and people there are.
"""

from dataclasses import dataclass, field

from django.db.models import F, Sum

from stories import small_groups

from .models import HIGHEST, LOWEST, Pulse, PulseCount


@dataclass
class Tally:
    """Sums of counters for one group: per statement, how many answered and the sum of scores."""

    answers: dict = field(default_factory=dict)  # statement id -> number of answers
    totals: dict = field(default_factory=dict)  # statement id -> sum of scores

    def add(self, statement_id, answers, total):
        self.answers[statement_id] = self.answers.get(statement_id, 0) + answers
        self.totals[statement_id] = self.totals.get(statement_id, 0) + total

    def merge(self, other):
        for statement_id, answers in other.answers.items():
            self.add(statement_id, answers, other.totals[statement_id])

    @property
    def people(self):
        # Each person answers every statement once, so any statement's count is the headcount.
        return max(self.answers.values(), default=0)


@dataclass
class GroupResult:
    name: str
    people: int
    # (statement, mean score as answered, 1–7), in the pulse's order of statements.
    statements: list
    # The mean safety score, 1–7, negatively worded statements turned round (8 − score).
    score: float | None
    is_other: bool = False
    is_company: bool = False


@dataclass
class PulseResult:
    pulse: Pulse
    people: int
    teams: list  # GroupResult of each team shown by name, then "Other teams"
    company: GroupResult | None  # None while fewer than the minimum answered
    # While the pulse runs, groups carry their headcount only, no scores (see `results`).
    is_open: bool = False

    @property
    def score(self):
        return self.company.score if self.company else None

    @property
    def statement_rows(self):
        """[(statement, [company-wide mean, then each shown group's mean])], for a table."""
        if self.company is None:
            return []
        groups = [self.company, *self.teams]
        return [
            (statement, [group.statements[index][1] for group in groups])
            for index, (statement, _) in enumerate(self.company.statements)
        ]


def _group(name, tally, statements, **flags):
    rows, safety, answers = [], 0, 0
    for statement in statements:
        count = tally.answers.get(statement.pk, 0)
        total = tally.totals.get(statement.pk, 0)
        rows.append((statement, round(total / count, 1) if count else None))
        if count:
            safety += (LOWEST + HIGHEST) * count - total if statement.reverse_scored else total
            answers += count
    score = round(safety / answers, 1) if answers else None
    return GroupResult(name, tally.people, rows, score, **flags)


def _fold(tallies, minimum):
    """Split {team name: Tally} into teams shown by name and the "Other teams" tally."""
    named = {name: tally for name, tally in tallies.items() if tally.people >= minimum}
    other = Tally()
    for name, tally in tallies.items():
        if name not in named:
            other.merge(tally)
    # A small "Other teams" group would be the company's figure minus the named teams': the
    # smallest named teams join it until it is large enough (or none are left).
    while 0 < other.people < minimum and named:
        smallest = min(named, key=lambda name: (named[name].people, name))
        other.merge(named.pop(smallest))
    return named, other


def _headcount_only(group):
    return GroupResult(group.name, group.people, [], None, group.is_other, group.is_company)


def results(pulses, minimum=None, today=None):
    """A PulseResult for each of `pulses`, oldest first. Three queries.

    A pulse's scores are shown once it has closed; while it runs, only how many answered. Live
    scores would change with each answer, and comparing them before and after a colleague says
    "I just answered" would give that person's answers away.
    """
    from django.utils import timezone

    today = today or timezone.localdate()
    if minimum is None:
        minimum = small_groups.minimum()
    pulses = sorted(pulses, key=lambda pulse: (pulse.opens_on, pulse.pk))
    if not pulses:
        return []
    through = Pulse.statements.through
    statements = {pulse.pk: [] for pulse in pulses}
    links = (
        through.objects.filter(pulse__in=pulses)
        .select_related("pulsestatement")
        .order_by("pulsestatement__sort_order", "pulsestatement__pk")
    )
    for link in links:
        statements[link.pulse_id].append(link.pulsestatement)
    tallies = {pulse.pk: {} for pulse in pulses}
    rows = (
        PulseCount.objects.filter(pulse__in=pulses, count__gt=0)
        .values("pulse_id", "team__name", "statement_id")
        .annotate(answers=Sum("count"), total=Sum(F("count") * F("score")))
        .order_by()
    )
    for row in rows:
        tally = tallies[row["pulse_id"]].setdefault(row["team__name"], Tally())
        tally.add(row["statement_id"], row["answers"], row["total"])

    found = []
    for pulse in pulses:
        shown = statements[pulse.pk]
        named, other = _fold(tallies[pulse.pk], minimum)
        company = Tally()
        for tally in tallies[pulse.pk].values():
            company.merge(tally)
        teams = [_group(name, named[name], shown) for name in sorted(named)]
        if other.people >= minimum:
            teams.append(_group(str(small_groups.OTHER_TEAMS), other, shown, is_other=True))
        company_result = (
            _group("", company, shown, is_company=True) if company.people >= minimum else None
        )
        is_open = pulse.closes_on >= today
        if is_open:
            teams = [_headcount_only(group) for group in teams]
            company_result = company_result and _headcount_only(company_result)
        found.append(
            PulseResult(
                pulse=pulse,
                people=company.people,
                teams=teams,
                company=company_result,
                is_open=is_open,
            )
        )
    return found


@dataclass
class Trend:
    """The pulses of a period, for the culture insights."""

    results: list
    minimum: int

    @property
    def team_rows(self):
        return team_rows(self.results)

    @property
    def latest(self):
        return latest_with_results(self.results)


def trend(first_day, last_day, minimum=None, today=None):
    """Results of the pulses that opened between the two days (and have opened), oldest first."""
    from django.utils import timezone

    today = today or timezone.localdate()
    if minimum is None:
        minimum = small_groups.minimum()
    pulses = Pulse.objects.filter(
        opens_on__gte=first_day, opens_on__lte=min(last_day, today)
    ).order_by("opens_on", "pk")
    return Trend(results(list(pulses), minimum, today), minimum)


def team_rows(found):
    """Each group shown, pulse by pulse: [(name, [GroupResult or None, …])].

    Teams by name, then "Other teams"; None where the group was not shown in that pulse.
    """
    names = sorted({group.name for result in found for group in result.teams if not group.is_other})
    other = str(small_groups.OTHER_TEAMS)
    rows = []
    for name in [*names, other]:
        cells = []
        for result in found:
            by_name = {group.name: group for group in result.teams}
            cells.append(by_name.get(name))
        if any(cell is not None for cell in cells):
            rows.append((name, cells))
    return rows


def latest_with_results(found):
    """The latest closed pulse whose company-wide results may be shown, or None."""
    return next(
        (result for result in reversed(found) if result.company and not result.is_open), None
    )
