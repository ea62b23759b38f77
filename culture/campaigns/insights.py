"""Culture insights: how the learning culture is doing over a period, for the Culture team.

Every figure is aggregated in the database (TruncMonth/TruncWeek, Count with filters), so the
dashboard costs a fixed number of queries however many stories there are. The one list of values
fetched, for the median time to publication, is two timestamps per story.

No figure here carries an author: stories are counted by month, team, tag and week only.
"""

import datetime
import statistics
from dataclasses import dataclass

from django.db.models import CharField, Count, OuterRef, Q, Subquery
from django.db.models.functions import Cast, TruncMonth, TruncQuarter, TruncWeek
from django.utils.translation import gettext_lazy as _

from culture.pulse import results as pulse_results
from stories import small_groups

from .gathering import figures_for
from .timeframes import local_today, months, site_timezone, window

TOP_TAGS = 10
NO_TEAM_LABEL = _("No team")
RECENT_REPEATS = 10
# Buckets of the time from submission to publication.
WAIT_BUCKETS = [
    (_("Under a day"), datetime.timedelta(days=1)),
    (_("1–3 days"), datetime.timedelta(days=3)),
    (_("3–7 days"), datetime.timedelta(days=7)),
    (_("Over a week"), None),
]


@dataclass(frozen=True)
class Period:
    first_day: datetime.date
    last_day: datetime.date

    @property
    def bounds(self):
        return window(self.first_day, self.last_day)

    @property
    def days(self):
        return (self.last_day - self.first_day).days + 1


def published_stories(period):
    from stories.models import StoryPage

    start, end = period.bounds
    return StoryPage.objects.live().filter(
        first_published_at__gte=start, first_published_at__lt=end
    )


def _as_date(value):
    if isinstance(value, datetime.datetime):
        return value.astimezone(site_timezone()).date()
    return value


def per_month(period):
    """Stories, anonymous stories and repeats for each month of the period (one query)."""
    rows = (
        published_stories(period)
        .annotate(month=TruncMonth("first_published_at", tzinfo=site_timezone()))
        .values("month")
        .annotate(
            stories=Count("pk"),
            anonymous=Count("pk", filter=Q(authorship__is_anonymous=True)),
            repeats=Count("pk", filter=Q(repeat_of__isnull=False)),
        )
        .order_by("month")
    )
    by_month = {_as_date(row["month"]): row for row in rows}
    result = []
    for month in months(period.first_day, period.last_day):
        row = by_month.get(month, {})
        stories = row.get("stories", 0)
        anonymous = row.get("anonymous", 0)
        result.append(
            {
                "month": month,
                "stories": stories,
                "anonymous": anonymous,
                "repeats": row.get("repeats", 0),
                "anonymous_share": round(anonymous * 100 / stories) if stories else None,
            }
        )
    return result


def per_team(period, minimum=None):
    """Stories per team, in alphabetical order (not a league table); one query.

    Anonymous stories of teams too small to be shown with them are counted as "Other teams",
    after the named teams (stories/small_groups.py)."""
    if minimum is None:
        minimum = small_groups.minimum()
    rows = (
        published_stories(period)
        .annotate(team_label=small_groups.shown_team_name(minimum))
        .values("team_label")
        .annotate(stories=Count("pk"))
        .order_by()
    )
    return [
        {"team": row["team_label"] or NO_TEAM_LABEL, "stories": row["stories"]}
        for row in sorted(rows, key=lambda row: _team_order(row["team_label"]))
    ]


def _team_order(name):
    """Teams by name, then "Other teams", then stories with no team."""
    return (name is None, name == str(small_groups.OTHER_TEAMS), name or "")


def top_tags(period, limit=TOP_TAGS):
    from stories.models import StoryTag

    rows = (
        StoryTag.objects.filter(content_object__in=published_stories(period).values("pk"))
        .values("tag__name")
        .annotate(stories=Count("content_object", distinct=True))
        .order_by("-stories", "tag__name")[:limit]
    )
    return [{"tag": row["tag__name"], "stories": row["stories"]} for row in rows]


def time_to_publication(period):
    """From the first submission to the "Culture review" workflow to first publication.

    Stories published without going through a workflow have no submission time and are left
    out. One query: two timestamps per story.
    """
    from wagtail.models import WorkflowState

    first_submission = (
        WorkflowState.objects.filter(
            content_type__app_label="stories",
            content_type__model="storypage",
            object_id=Cast(OuterRef("pk"), output_field=CharField()),
        )
        .order_by("created_at")
        .values("created_at")[:1]
    )
    pairs = (
        published_stories(period)
        .annotate(submitted_at=Subquery(first_submission))
        .filter(submitted_at__isnull=False)
        .values_list("submitted_at", "first_published_at")
    )
    waits = [published - submitted for submitted, published in pairs if published >= submitted]
    buckets = []
    lower = datetime.timedelta(0)
    for label, upper in WAIT_BUCKETS:
        count = sum(1 for wait in waits if wait >= lower and (upper is None or wait < upper))
        buckets.append({"label": label, "stories": count})
        lower = upper
    if not waits:
        return {"count": 0, "median": None, "mean": None, "buckets": buckets}
    seconds = [wait.total_seconds() for wait in waits]
    return {
        "count": len(waits),
        "median": datetime.timedelta(seconds=statistics.median(seconds)),
        "mean": datetime.timedelta(seconds=statistics.fmean(seconds)),
        "buckets": buckets,
    }


def corrective_actions(period, today=None):
    """Corrective actions of the stories published in the period, by their status today."""
    from stories.models import CorrectiveAction

    today = today or local_today()
    is_open = Q(status=CorrectiveAction.Status.OPEN)
    overdue = is_open & Q(due_date__lt=today)
    figures = CorrectiveAction.objects.filter(
        page__in=published_stories(period).values("pk")
    ).aggregate(
        total=Count("pk"),
        done=Count("pk", filter=Q(status=CorrectiveAction.Status.DONE)),
        open=Count("pk", filter=is_open),
        overdue=Count("pk", filter=overdue),
    )
    figures["open_on_time"] = figures["open"] - figures["overdue"]
    return figures


def recent_repeats(period, limit=RECENT_REPEATS):
    """The latest stories marked as a repeat of an earlier one: titles only."""
    return list(
        published_stories(period)
        .filter(repeat_of__isnull=False)
        .select_related("repeat_of")
        .order_by("-first_published_at")[:limit]
    )


def actions_not_held(period, limit=RECENT_REPEATS):
    """Did the fix hold? The repeats published in the period for which a moderator named the
    earlier story's corrective action that should have prevented them, latest first."""
    return list(
        published_stories(period)
        .filter(repeat_of_action__isnull=False)
        .select_related("repeat_of", "repeat_of_action__owner_team")
        .order_by("-first_published_at")[:limit]
    )


def _rate(repeats, stories):
    return round(repeats * 100 / stories) if stories else None


def repeats_per_quarter(period):
    """Stories, repeats, repeats whose earlier action did not hold, and the repeat rate, for
    each quarter the period touches (one query)."""
    rows = (
        published_stories(period)
        .annotate(quarter=TruncQuarter("first_published_at", tzinfo=site_timezone()))
        .values("quarter")
        .annotate(
            stories=Count("pk"),
            repeats=Count("pk", filter=Q(repeat_of__isnull=False)),
            not_held=Count("pk", filter=Q(repeat_of_action__isnull=False)),
        )
        .order_by("quarter")
    )
    by_quarter = {_as_date(row["quarter"]): row for row in rows}
    quarters = sorted(
        {
            month.replace(month=(month.month - 1) // 3 * 3 + 1)
            for month in months(period.first_day, period.last_day)
        }
    )
    result = []
    for quarter in quarters:
        row = by_quarter.get(quarter, {})
        stories, repeats = row.get("stories", 0), row.get("repeats", 0)
        result.append(
            {
                "quarter": quarter,
                "label": f"{quarter.year} Q{(quarter.month - 1) // 3 + 1}",
                "stories": stories,
                "repeats": repeats,
                "not_held": row.get("not_held", 0),
                "rate": _rate(repeats, stories),
            }
        )
    return result


def repeats_per_tag(period, limit=TOP_TAGS):
    """The repeat rate of the tags with the most repeats in the period (one query)."""
    from stories.models import StoryTag

    rows = (
        StoryTag.objects.filter(content_object__in=published_stories(period).values("pk"))
        .values("tag__name")
        .annotate(
            stories=Count("content_object", distinct=True),
            repeats=Count(
                "content_object",
                filter=Q(content_object__repeat_of__isnull=False),
                distinct=True,
            ),
        )
        .filter(repeats__gt=0)
        .order_by("-repeats", "-stories", "tag__name")[:limit]
    )
    return [
        {
            "tag": row["tag__name"],
            "stories": row["stories"],
            "repeats": row["repeats"],
            "rate": _rate(row["repeats"], row["stories"]),
        }
        for row in rows
    ]


def chosen_campaign(campaign=None, today=None):
    """The campaign to compare: the one asked for, else the latest that has started."""
    from .models import CampaignPage

    if campaign is not None:
        return campaign
    today = today or local_today()
    return CampaignPage.objects.live().filter(start_date__lte=today).order_by("-start_date").first()


COMPARED_FIGURES = [
    ("stories", _("Stories published")),
    ("anonymous", _("Anonymous stories")),
    ("repeats", _("Repeats (“happened again”)")),
    ("teams", _("Teams taking part")),
    ("meetings", _("Staff meetings held")),
    ("learned", _("“I learned from this” marks")),
]


def campaign_comparison(campaign, today=None, minimum=None):
    """The campaign's figures next to those of the same number of days just before it."""
    if campaign is None:
        return None
    today = today or local_today()
    length = campaign.end_date - campaign.start_date
    before_end = campaign.start_date - datetime.timedelta(days=1)
    before_start = before_end - length
    figures = figures_for(
        {
            "during": (campaign.start_date, campaign.end_date),
            "before": (before_start, before_end),
        },
        today,
        minimum,
    )
    rows = []
    for key, label in COMPARED_FIGURES:
        during, before = figures["during"][key], figures["before"][key]
        rows.append(
            {
                "label": label,
                "during": during,
                "before": before,
                "change": during - before,
                "change_percent": round((during - before) * 100 / before) if before else None,
            }
        )
    return {
        "campaign": campaign,
        "before": Period(before_start, before_end),
        "during": Period(campaign.start_date, campaign.end_date),
        "is_running": campaign.end_date >= today,
        "rows": rows,
    }


def dashboard(period, campaign=None, today=None, minimum=None):
    today = today or local_today()
    monthly = per_month(period)
    teams = per_team(period, minimum)
    total = sum(row["stories"] for row in monthly)
    anonymous = sum(row["anonymous"] for row in monthly)
    return {
        "period": period,
        "total_stories": total,
        "anonymous_stories": anonymous,
        "anonymous_share": round(anonymous * 100 / total) if total else None,
        "repeats": sum(row["repeats"] for row in monthly),
        # Only the teams shown by name: "Other teams" may stand for several.
        "teams_with_stories": sum(
            1 for row in teams if row["team"] not in (NO_TEAM_LABEL, str(small_groups.OTHER_TEAMS))
        ),
        "monthly": monthly,
        "teams": teams,
        "tags": top_tags(period),
        "waits": time_to_publication(period),
        "actions": corrective_actions(period, today),
        "recent_repeats": recent_repeats(period),
        "not_held": actions_not_held(period),
        "repeats_per_quarter": repeats_per_quarter(period),
        "repeats_per_tag": repeats_per_tag(period),
        "comparison": campaign_comparison(chosen_campaign(campaign, today), today, minimum),
        # The psychological-safety pulses that opened in the period (culture/pulse/results.py).
        "pulses": pulse_results.trend(period.first_day, period.last_day, minimum, today),
    }


# CSV export ------------------------------------------------------------------------------------

CSV_COLUMNS = [
    ("week", _("Week starting (Monday)")),
    ("team", _("Team")),
    ("stories", _("Stories published")),
    ("anonymous", _("Anonymous stories")),
    ("repeats", _("Repeats")),
    ("actions", _("Corrective actions")),
    ("actions_done", _("Corrective actions done")),
    ("meetings", _("Staff meetings held")),
    ("learned", _("“I learned from this” marks")),
]
NO_TEAM = _("(no team)")


def weekly_team_rows(period, today=None, minimum=None):
    """The figures by team and by week: four grouped queries merged here. No author, ever.

    What comes from an anonymous story of a team too small to be shown with it (the story, its
    actions, its marks) is counted under "Other teams" (stories/small_groups.py); meetings are
    the team's own and keep its name."""
    from culture.meetings.models import MeetingPackPage
    from stories.models import CorrectiveAction, LearnedFromThis

    today = today or local_today()
    if minimum is None:
        minimum = small_groups.minimum()
    tz = site_timezone()
    start, end = period.bounds
    rows = {}

    def add(week, team, **values):
        key = (_as_date(week), team or NO_TEAM)
        row = rows.setdefault(key, {name: 0 for name, _ in CSV_COLUMNS[2:]})
        for name, value in values.items():
            row[name] += value

    for row in (
        published_stories(period)
        .annotate(
            week=TruncWeek("first_published_at", tzinfo=tz),
            team_label=small_groups.shown_team_name(minimum),
        )
        .values("week", "team_label")
        .annotate(
            stories=Count("pk"),
            anonymous=Count("pk", filter=Q(authorship__is_anonymous=True)),
            repeats=Count("pk", filter=Q(repeat_of__isnull=False)),
        )
        .order_by()
    ):
        add(
            row["week"],
            row["team_label"],
            stories=row["stories"],
            anonymous=row["anonymous"],
            repeats=row["repeats"],
        )
    for row in (
        CorrectiveAction.objects.filter(page__in=published_stories(period).values("pk"))
        .annotate(
            week=TruncWeek("page__first_published_at", tzinfo=tz),
            team_label=small_groups.shown_team_name(minimum, prefix="page__"),
        )
        .values("week", "team_label")
        .annotate(
            actions=Count("pk"),
            actions_done=Count("pk", filter=Q(status=CorrectiveAction.Status.DONE)),
        )
        .order_by()
    ):
        add(
            row["week"],
            row["team_label"],
            actions=row["actions"],
            actions_done=row["actions_done"],
        )
    for row in (
        MeetingPackPage.objects.live()
        .filter(meeting_date__gte=period.first_day, meeting_date__lte=min(period.last_day, today))
        .annotate(week=TruncWeek("meeting_date"))
        .values("week", "team__name")
        .annotate(meetings=Count("pk"))
        .order_by()
    ):
        add(row["week"], row["team__name"], meetings=row["meetings"])
    for row in (
        LearnedFromThis.objects.filter(story__live=True, created_at__gte=start, created_at__lt=end)
        .annotate(
            week=TruncWeek("created_at", tzinfo=tz),
            team_label=small_groups.shown_team_name(minimum, prefix="story__"),
        )
        .values("week", "team_label")
        .annotate(learned=Count("pk"))
        .order_by()
    ):
        add(row["week"], row["team_label"], learned=row["learned"])

    other = str(small_groups.OTHER_TEAMS)
    ordered = sorted(
        rows.items(),
        key=lambda item: (item[0][0], item[0][1] == NO_TEAM, item[0][1] == other, item[0][1]),
    )
    return [{"week": week, "team": team, **values} for (week, team), values in ordered]
