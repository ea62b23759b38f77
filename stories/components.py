"""Panels the stories app adds to shared pages: "Latest stories" on the home page, and the
personal feed links on "Your settings". Registered in stories/wagtail_hooks.py."""

from django.template.loader import render_to_string
from django.utils.functional import SimpleLazyObject
from django.utils.safestring import mark_safe
from laces.components import Component

from home import fragment_versions

from .feeds import feed_urls, lessons_feed_url, tag_on
from .listings import latest_cards
from .models import StoriesIndexPage, StoryPage
from .views.feed_tokens import token_for


def stories_index(request=None):
    """(url, title) of the live stories index, or None. The main menu asks on every page, so
    it is remembered until a section page changes (the "site" scope)."""

    def find():
        index = StoriesIndexPage.objects.live().first()
        return (index.get_url(request), index.title) if index else ("", "")

    found = fragment_versions.remember(("stories-index", fragment_versions.version("site")), find)
    return found if found[0] else None


class LatestStoriesPanel(Component):
    """The newest stories on the home page: which they are is remembered, each card is cached,
    the counts are live (see stories.listings)."""

    template_name = "stories/includes/latest_stories_panel.html"
    order = 20

    def __init__(self, request):
        self.request = request

    def get_context_data(self, parent_context=None):
        request = self.request
        index = SimpleLazyObject(StoriesIndexPage.objects.live().first)  # read on a card miss only
        return {
            # laces renders without the request's context processors; the cache tags need both.
            "request": request,
            "fragments": fragment_versions.Versions(),
            "cards": latest_cards(index, request),
            "index": stories_index(request),
        }


class FeedLinksPanel(Component):
    """The user's personal feed addresses, and the button that resets them."""

    template_name = "stories/account_feeds.html"
    order = 40

    def __init__(self, request):
        self.request = request

    def get_context_data(self, parent_context=None):
        request = self.request
        token = token_for(request.user).token
        tag = None
        slug = request.GET.get("tag", "")[:100]
        if slug:
            # Only a tag on a story this reader may open: a drafts-only tag shows no feed links.
            tag = tag_on(StoryPage.objects.visible_to(request), slug)
        return {
            "request": request,
            "csrf_token": (parent_context or {}).get("csrf_token"),
            "all_feeds": feed_urls(token),
            "tag": tag,
            "tag_feeds": feed_urls(token, tag.slug) if tag else None,
            "lessons_feed": lessons_feed_url(token, tag.slug) if tag else None,
        }

    def render_html(self, parent_context=None):
        return mark_safe(
            render_to_string(self.template_name, self.get_context_data(parent_context))
        )
