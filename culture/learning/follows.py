"""Which stories come from what an employee follows.

A followed tag finds its stories; a followed team finds only the stories that may show the team
(`small_groups.team_shown`), so following a small team never tells which anonymous stories are
that team's: they are neither listed, counted nor mailed as the team's.
"""

import datetime

from django.db.models import Q
from django.utils import timezone

from stories import small_groups
from stories.models import StoryTag

from .models import Follow

# "New in what you follow" on the home page: the newest few of the last weeks.
HOME_COUNT = 5
HOME_DAYS = 30


def followed(user, minimum):
    """A Q for the stories that `user`'s follows find (two subqueries, no query of its own)."""
    follows = Follow.objects.of(user)
    by_tag = Q(
        pk__in=StoryTag.objects.filter(tag_id__in=follows.tag_ids()).values("content_object_id")
    )
    by_team = Q(team_id__in=follows.team_ids()) & small_groups.team_shown(minimum)
    return by_tag | by_team


def new_followed_ids(request, now=None, limit=HOME_COUNT):
    """The newest stories from what the reader follows, of the last `HOME_DAYS`: one query."""
    from stories.models import StoryPage

    now = now or timezone.now()
    minimum = small_groups.minimum(request)
    stories = (
        StoryPage.objects.visible_to(request)
        .filter(first_published_at__gt=now - datetime.timedelta(days=HOME_DAYS))
        .filter(followed(request.user, minimum))
        .newest_first()
    )
    return list(stories.values_list("pk", flat=True)[:limit])
