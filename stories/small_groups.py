"""Small groups: when an anonymous story's team may be shown, filtered and counted.

"Anonymous, Finance" names the author when Finance is two people. So an anonymous story's team
is shown only when the team has at least `anonymity_min_group` active members (site settings,
default 5); the source of truth is `Team.members`. Named stories keep their team. Every surface
that shows, filters or counts a story's team asks here, in SQL where it lists many stories:

- `minimum(request)`: the threshold, read from the site settings;
- `team_shown(minimum, prefix)`: a Q for stories whose team may be shown (named, or of a large
  enough team), for filters, choices and counts; `prefix` reaches stories from other models
  ("story__" from a "learned from this" mark);
- `shown_team_name(minimum, prefix)`: the team's name, "Other teams" when it may not be shown,
  for figures grouped by team;
- `StoryPage.shown_team`: the team a page or card shows, from `team_is_shown` annotated by
  `StoryQuerySet.with_card_data(minimum)` (no query per card).

Fragments that show a team are retired when a team's members change, a member is activated or
deactivated, or the setting changes (stories/fragment_signals.py); the decision itself is never
cached apart from the fragments it shaped.
"""

from django.db.models import BooleanField, Case, CharField, Count, F, Q, Value, When
from django.utils.translation import gettext_lazy as _

# The name figures use for the teams they may not name; a string, so a CSV cell can hold it.
OTHER_TEAMS = _("Other teams")
DEFAULT_MINIMUM = 5


def minimum(request=None):
    """The smallest team shown with an anonymous story: the setting of the request's site, or
    of the default site where there is no request (the digest, figures, pack suggestions)."""
    from wagtail.models import Site

    from home.models import SiteSettings

    if request is not None:
        return SiteSettings.for_request(request).anonymity_min_group
    site = Site.objects.filter(is_default_site=True).first()
    return SiteSettings.for_site(site).anonymity_min_group if site else DEFAULT_MINIMUM


def large_teams(minimum):
    """The ids of the teams with at least `minimum` active members, as a subquery."""
    from .models import Team

    return (
        Team.objects.annotate(active=Count("members", filter=Q(members__is_active=True)))
        .filter(active__gte=minimum)
        .values("pk")
    )


def team_shown(minimum, prefix=""):
    """Stories whose team readers may see: named ones, and anonymous ones of a large team.

    A story with no authorship row reads as "Anonymous" (`StoryPage.byline`), so it counts as
    anonymous here too.
    """
    return Q(**{f"{prefix}authorship__is_anonymous": False}) | Q(
        **{f"{prefix}team__in": large_teams(minimum)}
    )


def team_is_shown(minimum, prefix=""):
    """`team_shown` as a boolean annotation."""
    return Case(
        When(team_shown(minimum, prefix), then=Value(True)),
        default=Value(False),
        output_field=BooleanField(),
    )


def shown_team_name(minimum, prefix=""):
    """The story's team name for figures: "Other teams" when it may not be shown, None for no
    team. An annotation, so that figures stay one grouped query."""
    return Case(
        When(**{f"{prefix}team__isnull": True}, then=Value(None)),
        When(team_shown(minimum, prefix), then=F(f"{prefix}team__name")),
        default=Value(str(OTHER_TEAMS)),
        output_field=CharField(),
    )


def story_team_is_shown(story, minimum_size=None):
    """Whether one story's team may be shown (two queries at most), from the team it holds
    in memory, so a preview shows what publishing would; listings annotate it instead. A story
    not saved yet counts as anonymous, as `StoryPage.author_is_anonymous` does."""
    from .models import StoryAuthorship

    if story.team_id is None:
        return False
    if minimum_size is None:
        minimum_size = minimum()
    if large_teams(minimum_size).filter(pk=story.team_id).exists():
        return True
    named = StoryAuthorship.objects.filter(story_id=story.pk, is_anonymous=False)
    return story.pk is not None and named.exists()


def sees_membership(user):
    """Whether `user` may see who is in which team: those who manage teams (the Culture team),
    asked on every request. Moderators choose a story's team by name only."""
    return user.has_perm("stories.change_team")
