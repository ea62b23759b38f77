"""A team's history: which stories were discussed, and in how many team meetings.

A story counts as discussed by a team once a published pack of that team with the story on its
agenda has a meeting date in the past (before today, in the site's time zone).
"""

import uuid

from django.conf import settings
from django.core.cache import cache
from django.db import models
from django.utils import timezone

from .models import MeetingPackPage, PackStory

GENERATION_KEY = "meetings:history-generation"


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


def _cache_timeout():
    # With a per-process memory cache another worker does not see `forget_history`, so keep
    # counts briefly there; a shared cache (Redis) sees it at once.
    backend = settings.CACHES["default"]["BACKEND"]
    return 30 if backend.endswith(("LocMemCache", "DummyCache")) else 60 * 60


def cached_times_discussed(story):
    """`times_discussed`, cached: the story page shows it to every reader, at no query when warm.

    Keyed by today's date (a meeting moves into the past at midnight) and by a generation token
    that `forget_history` replaces whenever a pack's stories or state change.
    """
    generation = cache.get(GENERATION_KEY)
    if generation is None:
        generation = uuid.uuid4().hex[:12]
        if not cache.add(GENERATION_KEY, generation, None):
            generation = cache.get(GENERATION_KEY) or generation
    today = timezone.localdate()
    key = f"meetings:discussed:{generation}:{story.pk}:{today.isoformat()}"
    count = cache.get(key)
    if count is None:
        count = times_discussed(story, today)
        cache.set(key, count, _cache_timeout())
    return count


def forget_history():
    """Retire every cached count (called when a pack is saved, published, unpublished, deleted)."""
    cache.delete(GENERATION_KEY)
