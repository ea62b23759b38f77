"""This app's additions to shared pages, the digest and the admin."""

from wagtail import hooks
from wagtail.snippets.models import register_snippet

from culture.quotes.digest import DIGEST_LEADS_HOOK
from home.panels import ACCOUNT_PANELS_HOOK, HOME_PANELS_HOOK
from stories.extensions import STORY_LISTING_PANELS_HOOK

from .admin import StoryOfTheMonthViewSet
from .components import FollowButton, FollowsPanel, NewInWhatYouFollowPanel, StoryOfTheMonthPanel
from .digest import followed_section, story_of_the_month_section

register_snippet(StoryOfTheMonthViewSet)


@hooks.register(HOME_PANELS_HOOK)
def story_of_the_month_panel(request):
    return StoryOfTheMonthPanel(request)


@hooks.register(HOME_PANELS_HOOK)
def new_in_what_you_follow_panel(request):
    return NewInWhatYouFollowPanel(request) if request.user.is_authenticated else None


@hooks.register(ACCOUNT_PANELS_HOOK)
def follows_panel(request):
    return FollowsPanel(request) if request.user.is_authenticated else None


@hooks.register(STORY_LISTING_PANELS_HOOK)
def follow_button(request, listing):
    return FollowButton.for_listing(request, listing) if request.user.is_authenticated else None


# The story of the month leads the digest; then what the reader follows.
hooks.register(DIGEST_LEADS_HOOK, story_of_the_month_section, order=10)
hooks.register(DIGEST_LEADS_HOOK, followed_section, order=20)
