"""The suggested story of the month: among the stories good for meetings, the one most marked
"I learned from this" during the month (ties: the newest story first)."""

import datetime

from django.db.models import Count, Q
from django.utils import timezone

SUGGESTION_COUNT = 5


def month_bounds(month):
    """The first moment of `month` (a date on its 1st) and of the next, in the site's time zone."""
    start = timezone.make_aware(datetime.datetime.combine(month, datetime.time()))
    following = (month.replace(day=28) + datetime.timedelta(days=4)).replace(day=1)
    end = timezone.make_aware(datetime.datetime.combine(following, datetime.time()))
    return start, end


def suggested_stories(month, limit=SUGGESTION_COUNT):
    """Live stories good for meetings that every employee may open, most marks in `month`
    first, each with `month_marks`: one query."""
    from home.visibility import visible_to_everyone
    from stories.models import StoryPage

    start, end = month_bounds(month)
    in_month = Q(learned_marks__created_at__gte=start, learned_marks__created_at__lt=end)
    return list(
        visible_to_everyone(StoryPage.objects.filter(good_for_meetings=True))
        .annotate(month_marks=Count("learned_marks", filter=in_month))
        .order_by("-month_marks", "-first_published_at", "-pk")[:limit]
    )


def suggestion(month):
    """The one story to suggest for `month`, or None."""
    found = suggested_stories(month, limit=1)
    return found[0] if found else None
