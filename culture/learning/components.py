"""Panels this app adds to shared pages (laces components, registered in wagtail_hooks.py):
"Follow" on tag and team pages, "What you follow" on "Your settings", and on the home page the
story of the month and "New in what you follow".

None is cached: each is a fixed number of small queries, and what they show (what you follow,
what you may open) is decided on every request.
"""

from functools import cached_property

from django.urls import reverse
from django.utils.functional import SimpleLazyObject
from laces.components import Component
from taggit.models import Tag

from home import fragment_versions
from stories.listings import Cards
from stories.models import StoriesIndexPage, StoryPage, StoryTag, Team

from .follows import new_followed_ids
from .models import Follow, StoryOfTheMonth


def _csrf(parent_context):
    return (parent_context or {}).get("csrf_token")


class FollowButton(Component):
    """ "Follow this tag / team" under a listing's heading (stories.extensions)."""

    template_name = "learning/panels/follow_button.html"

    def __init__(self, request, kind, target):
        self.request, self.kind, self.target = request, kind, target

    @classmethod
    def for_listing(cls, request, listing):
        from .views import followable

        about = listing.followable
        if about is None:
            return None
        target = followable(request, *about)
        return cls(request, about[0], target) if target is not None else None

    def get_context_data(self, parent_context=None):
        following = Follow.objects.filter(
            user_id=self.request.user.pk, **{self.kind: self.target}
        ).exists()
        return {
            "csrf_token": _csrf(parent_context),
            "kind": self.kind,
            "target": self.target,
            "following": following,
            "next": self.request.get_full_path(),
            "action_url": reverse("learning:follow"),
        }


class FollowsPanel(Component):
    """On "Your settings": the tags and teams the user follows, and a form to follow more."""

    template_name = "learning/panels/follows.html"
    order = 25

    def __init__(self, request):
        self.request = request

    def get_context_data(self, parent_context=None):
        user = self.request.user
        follows = list(
            Follow.objects.of(user)
            .select_related("tag", "team")
            .order_by("tag__name", "team__name")
        )
        visible = StoryPage.objects.visible_to(self.request)
        followed_tags = {f.tag_id for f in follows if f.tag_id}
        followed_teams = {f.team_id for f in follows if f.team_id}
        tags = (
            Tag.objects.filter(
                pk__in=StoryTag.objects.filter(content_object__in=visible.values("pk")).values(
                    "tag_id"
                )
            )
            .exclude(pk__in=followed_tags)
            .order_by("name")
            .values_list("slug", "name")
        )
        teams = Team.objects.exclude(pk__in=followed_teams).values_list("slug", "name")
        return {
            "csrf_token": _csrf(parent_context),
            "tags": [f.tag for f in follows if f.tag_id],
            "teams": [f.team for f in follows if f.team_id],
            "tag_choices": list(tags),
            "team_choices": list(teams),
            "action_url": reverse("learning:follow"),
            "next": reverse("account") + "#follows",
        }


class NewInWhatYouFollowPanel(Component):
    """The newest stories from the tags and teams the reader follows, as story cards."""

    template_name = "learning/panels/new_in_what_you_follow.html"
    order = 18

    def __init__(self, request):
        self.request = request

    def get_context_data(self, parent_context=None):
        request = self.request
        follows = Follow.objects.of(request.user).exists()
        index = SimpleLazyObject(StoriesIndexPage.objects.live().first)  # read on a card miss
        ids = new_followed_ids(request) if follows else []
        return {
            "request": request,
            "fragments": fragment_versions.Versions(),
            "follows": follows,
            # The listing scope of the whole index: a publish anywhere can add a card here.
            "cards": Cards(ids, index, request, fragment_versions.version("stories")),
            "settings_url": reverse("account") + "#follows",
        }


class StoryOfTheMonthPanel(Component):
    """This month's story for the reading club, with its questions; team leads get "Start a
    meeting pack with it". Nothing when there is no pick or the reader may not open it."""

    template_name = "learning/panels/story_of_the_month.html"
    order = 15

    def __init__(self, request):
        self.request = request

    @cached_property
    def pick(self):
        pick = StoryOfTheMonth.objects.for_month().first()
        if pick is None:
            return None
        story = (
            StoryPage.objects.visible_to(self.request)
            .filter(pk=pick.story_id)
            .select_related("authorship__author")
            .prefetch_related("questions")
            .first()
        )
        if story is None:
            return None
        pick.shown_story = story
        return pick

    def can_start_pack(self):
        from culture.meetings.models import MeetingPacksIndexPage

        index = MeetingPacksIndexPage.objects.first()
        return index is not None and index.permissions_for_user(self.request.user).can_add_subpage()

    def render_html(self, parent_context=None):
        if self.pick is None:
            return ""
        return super().render_html(parent_context)

    def get_context_data(self, parent_context=None):
        pick = self.pick
        story = pick.shown_story
        return {
            "pick": pick,
            "story": story,
            "story_url": story.get_url(self.request),
            "learned_total": story.learned_state(self.request.user)["learned_total"],
            "start_url": (
                reverse("meetings:start") + f"?story={story.pk}" if self.can_start_pack() else ""
            ),
        }
