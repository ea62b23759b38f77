"""Panels the stories app adds to shared pages: "Latest stories" on the home page, and the
personal feed links on "Your settings". Registered in stories/wagtail_hooks.py."""

from django.core.cache import cache as django_cache
from django.template.loader import render_to_string
from django.utils.safestring import mark_safe
from laces.components import Component

from . import cache
from .feeds import feed_urls, tag_on
from .models import StoriesIndexPage
from .queries import LATEST_COUNT, visible_stories, with_card_data
from .views.feed_tokens import token_for


def stories_index(request=None):
    """(url, title) of the live stories index, or None. Cached: the main menu asks on every page."""
    cache_key = cache.key("index-url", cache.generation())
    found = django_cache.get(cache_key)
    if found is None:
        index = StoriesIndexPage.objects.live().first()
        found = (index.get_url(request), index.title) if index else ("", "")
        django_cache.set(cache_key, found, cache.timeout())
    return found if found[0] else None


class LatestStoriesPanel(Component):
    """The newest stories on the home page: a cached fragment, no query when warm."""

    template_name = "stories/reading/latest_stories_panel.html"
    order = 20

    def __init__(self, request):
        self.request = request

    def get_context_data(self, parent_context=None):
        request = self.request
        index = stories_index(request)

        def build():
            stories = list(with_card_data(visible_stories(request))[:LATEST_COUNT])
            from .views.reading import render_cards

            index_page = StoriesIndexPage.objects.live().first() if stories else None
            return render_cards(stories, index_page, request, heading_level=3)

        cards = cache.fragment(("latest", cache.failed_restrictions(request)), build)
        return {"cards_html": mark_safe(cards), "index": index}


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
            tag = tag_on(visible_stories(request), slug)
        return {
            "request": request,
            "csrf_token": (parent_context or {}).get("csrf_token"),
            "all_feeds": feed_urls(token),
            "tag": tag,
            "tag_feeds": feed_urls(token, tag.slug) if tag else None,
        }

    def render_html(self, parent_context=None):
        return mark_safe(
            render_to_string(self.template_name, self.get_context_data(parent_context))
        )
