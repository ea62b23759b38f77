"""A team's history: which stories were discussed, and in how many team meetings.

A story counts as discussed by a team once a published pack of that team with the story on its
agenda has a meeting date in the past (before today, in the site's time zone).
"""

from django.db import models
from django.utils import timezone

from .models import MeetingPackPage, PackStory


def discussed_packs(today=None):
    """Packs whose meeting has happened: published, with a meeting date before today."""
    today = today or timezone.localdate()
    return MeetingPackPage.objects.live().filter(meeting_date__lt=today)


def stories_discussed_by_team(team, today=None):
    """Ids of the stories a team has discussed in earlier meetings (a subquery)."""
    return PackStory.objects.filter(pack__in=discussed_packs(today).filter(team=team)).values(
        "story_id"
    )


def times_discussed(story, today=None):
    """In how many team meetings (published packs whose date has passed) a story was discussed."""
    return PackStory.objects.filter(story=story, pack__in=discussed_packs(today)).count()


def times_discussed_by_story(story_ids, today=None):
    """{story id: meetings} for many stories in one query, for listings."""
    rows = (
        PackStory.objects.filter(story_id__in=story_ids, pack__in=discussed_packs(today))
        .values("story_id")
        .annotate(meetings=models.Count("pack", distinct=True))
    )
    return {row["story_id"]: row["meetings"] for row in rows}
