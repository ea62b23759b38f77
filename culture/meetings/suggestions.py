"""Stories to suggest for a pack: for its team, matching its topics, not discussed before."""

from django.db.models import BooleanField, Case, Count, Q, Value, When
from django.utils.text import slugify

from .history import stories_discussed_by_team

MAX_SUGGESTIONS = 20


def suggest_stories(pack, tags=None, limit=MAX_SUGGESTIONS):
    """Published stories for `pack` (its team; its topics when `tags` is None), best first."""
    if tags is None:
        tags = [tag.name for tag in pack.topics.all()]
    return suggest_stories_for(pack.team, tags, exclude_ids=pack.story_ids(), limit=limit)


def suggest_stories_for(team, tags, exclude_ids=(), limit=MAX_SUGGESTIONS):
    """Published stories for a meeting of `team`, best first; also for a pack not saved yet.

    * `tags` (names or slugs): a story must have at least one; stories matching more of them
      come first among equals. No tags: every story.
    * Stories marked "good for meetings" come first, then the team's own stories, then the newest.
      An anonymous story of a team too small to be shown with it (stories/small_groups.py) is
      not the team's own here, and shows no team: the order would name it otherwise.
    * Left out: stories the team discussed in an earlier meeting (a published pack of the team
      whose date has passed) and `exclude_ids` (the stories already on the agenda).

    A fixed number of queries: one for the stories, one each for their tags and authorship.
    """
    from stories import small_groups
    from stories.models import StoryPage

    tag_slugs = sorted({slugify(tag) for tag in tags if slugify(tag)})
    minimum = small_groups.minimum()

    stories = (
        StoryPage.objects.live()
        .exclude(pk__in=stories_discussed_by_team(team))
        .exclude(pk__in=list(exclude_ids))
        .select_related("team", "authorship__author")
        .prefetch_related("tags")
        .annotate(
            team_is_shown=small_groups.team_is_shown(minimum),
            own_team=Case(
                When(
                    Q(team_id=getattr(team, "pk", None)) & small_groups.team_shown(minimum),
                    then=Value(True),
                ),
                default=Value(False),
                output_field=BooleanField(),
            ),
        )
    )
    if tag_slugs:
        stories = stories.annotate(
            matching_tags=Count(
                "tagged_items",
                filter=Q(tagged_items__tag__slug__in=tag_slugs),
                distinct=True,
            )
        ).filter(matching_tags__gt=0)
        ordering = ["-good_for_meetings", "-matching_tags", "-own_team"]
    else:
        ordering = ["-good_for_meetings", "-own_team"]
    return list(stories.order_by(*ordering, "-first_published_at", "-pk")[:limit])
