"""What a campaign gathers by itself from its dates, and the figures of taking part.

Every figure is counted in the database with conditional aggregation, so a campaign page costs
the same few queries with ten stories or ten thousand. Figures count taking part (stories
shared, teams, meetings, "I learned from this" marks); nothing here ranks teams or people.
"""

from django.db.models import Count, Q
from django.utils import timezone
from django.utils.functional import cached_property

from .timeframes import (
    latest_live_quote_week,
    local_today,
    mondays,
    quote_goes_live,
    site_timezone,
    window,
)

# The campaign page lists this many of the stories published in its window, newest first.
STORY_LIST_LIMIT = 30


def _story_window(first_day, last_day, prefix=""):
    start, end = window(first_day, last_day)
    return Q(**{f"{prefix}first_published_at__gte": start, f"{prefix}first_published_at__lt": end})


def figures_for(windows, today=None, minimum=None):
    """Taking-part figures for each named window {name: (first_day, last_day)}.

    Four queries whatever the number of windows or rows: stories, meetings, marks, teams.
    Returns {name: {"stories", "anonymous", "repeats", "meetings", "learned", "teams"}}.
    A team takes part through a story only when the story may show it (`minimum`: the site's
    smallest team shown with an anonymous story, stories/small_groups.py), or by a meeting.
    """
    from culture.meetings.models import MeetingPackPage
    from stories import small_groups
    from stories.models import LearnedFromThis, StoryPage, Team

    if not windows:
        return {}
    today = today or local_today()
    if minimum is None:
        minimum = small_groups.minimum()
    shown = small_groups.team_shown(minimum)
    stories = StoryPage.objects.live()
    packs = MeetingPackPage.objects.live()
    story_counts, pack_counts, mark_counts, team_counts = {}, {}, {}, {}
    for name, (first_day, last_day) in windows.items():
        in_window = _story_window(first_day, last_day)
        story_counts[f"{name}__stories"] = Count("pk", filter=in_window)
        story_counts[f"{name}__anonymous"] = Count(
            "pk", filter=in_window & Q(authorship__is_anonymous=True)
        )
        story_counts[f"{name}__repeats"] = Count(
            "pk", filter=in_window & Q(repeat_of__isnull=False)
        )
        # A meeting is "held" once its day has come.
        held_until = min(last_day, today)
        held = Q(meeting_date__gte=first_day, meeting_date__lte=held_until)
        pack_counts[f"{name}__meetings"] = Count("pk", filter=held)
        start, end = window(first_day, last_day)
        mark_counts[f"{name}__learned"] = Count(
            "pk", filter=Q(created_at__gte=start, created_at__lt=end)
        )
        team_counts[f"{name}__teams"] = Count(
            "pk",
            filter=Q(pk__in=stories.filter(in_window).filter(shown).values("team_id"))
            | Q(pk__in=packs.filter(held).values("team_id")),
        )
    # Each figure counts its own window (FILTER); the WHERE bounds every row to the windows'
    # span, so the date indexes keep the count to the rows in it, not every story ever shared.
    spans = [window(first_day, last_day) for first_day, last_day in windows.values()]
    start, end = min(start for start, _ in spans), max(end for _, end in spans)
    totals = {}
    totals.update(
        stories.filter(first_published_at__gte=start, first_published_at__lt=end).aggregate(
            **story_counts
        )
    )
    totals.update(packs.aggregate(**pack_counts))
    marks = LearnedFromThis.objects.filter(
        story__live=True, created_at__gte=start, created_at__lt=end
    )
    totals.update(marks.aggregate(**mark_counts))
    totals.update(Team.objects.aggregate(**team_counts))
    figures = {name: {} for name in windows}
    for key, value in totals.items():
        name, figure = key.split("__")
        figures[name][figure] = value or 0
    return figures


def progress(campaign, today=None, minimum=None):
    windows = {"campaign": (campaign.start_date, campaign.end_date)}
    figures = figures_for(windows, today, minimum)["campaign"]
    goal = campaign.goal_stories or 1
    figures["goal"] = goal
    figures["percent"] = min(100, round(figures["stories"] * 100 / goal))
    figures["goal_reached"] = figures["stories"] >= goal
    return figures


def quote_calendar(campaign, now=None):
    """The campaign's weeks, each with its quote if that quote is already live.

    A quote is never shown before its Monday 08:08, to anyone: future weeks say when theirs goes
    live instead.
    """
    from culture.quotes.models import Quote

    weeks = mondays(campaign.start_date, campaign.end_date)
    live_until = latest_live_quote_week(now)
    quotes = {quote.week: quote for quote in Quote.objects.live(now).filter(week__in=weeks)}
    return [
        {
            "week": week,
            "quote": quotes.get(week),
            "is_future": week > live_until,
            "goes_live": quote_goes_live(week),
        }
        for week in weeks
    ]


def stories_in_window(campaign, request, minimum):
    from home.visibility import visible_to
    from stories import small_groups
    from stories.models import StoryPage

    return (
        visible_to(StoryPage.objects.all(), request)
        .filter(_story_window(campaign.start_date, campaign.end_date))
        .select_related("team", "authorship__author")
        # `shown_team` reads it: an anonymous story of a small team names no team.
        .annotate(team_is_shown=small_groups.team_is_shown(minimum))
        .order_by("-first_published_at")
    )


def meeting_packs_in_window(campaign, request):
    from culture.meetings.models import MeetingPackPage
    from home.visibility import visible_to

    return (
        visible_to(MeetingPackPage.objects.all(), request)
        .filter(meeting_date__gte=campaign.start_date, meeting_date__lte=campaign.end_date)
        .select_related("team")
        .order_by("meeting_date", "start_time")
    )


class CampaignGathering:
    """What a campaign page shows, each part read when the template first asks for it.

    The template reads these inside its cached fragment, so a warm page costs no query for
    them. The fragment is keyed by the dates below (`today`, and `quote_week`, which moves on
    Monday at 08:08) and by the versions of the stories, quotes and packs it shows.
    """

    def __init__(self, campaign, request, now=None):
        self.campaign = campaign
        self.request = request
        self.now = now or timezone.now()
        self.today = timezone.localdate(self.now, timezone=site_timezone())
        self.quote_week = latest_live_quote_week(self.now)

    @cached_property
    def minimum(self):
        """The smallest team shown with an anonymous story: a key of the cached page."""
        from stories import small_groups

        return small_groups.minimum(self.request)

    @property
    def status(self):
        return self.campaign.status(self.today)

    @property
    def days_left(self):
        return self.campaign.days_left(self.today)

    @cached_property
    def figures(self):
        return progress(self.campaign, self.today, self.minimum)

    @cached_property
    def weeks(self):
        return quote_calendar(self.campaign, self.now)

    @cached_property
    def stories(self):
        return list(stories_in_window(self.campaign, self.request, self.minimum)[:STORY_LIST_LIMIT])

    @property
    def more_stories(self):
        return max(self.figures["stories"] - len(self.stories), 0)

    @cached_property
    def meeting_packs(self):
        return list(meeting_packs_in_window(self.campaign, self.request))

    @cached_property
    def events(self):
        """The events in order, each marked `is_past` (ended before today, site time) or
        `is_today`: by the day, as the fragment is keyed by `today`."""
        events = sorted(self.campaign.events.all(), key=lambda event: event.starts_at)
        tz = site_timezone()
        for event in events:
            day = timezone.localtime(event.end, tz).date()
            event.is_past = day < self.today
            event.is_today = timezone.localtime(event.starts_at, tz).date() <= self.today <= day
        return events

    @property
    def events_to_come(self):
        return [event for event in self.events if not event.is_past]


def campaign_context(campaign, request):
    from home.visibility import failed_restrictions

    return {
        "gathered": CampaignGathering(campaign, request),
        # The stories and packs listed depend on the restrictions the reader fails: asked live.
        "reader_restrictions": failed_restrictions(request),
        "calendar_url": campaign.calendar_url(),
    }
