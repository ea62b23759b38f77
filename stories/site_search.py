"""What the site search finds of the stories: live stories the reader may open, first of all.

They are matched exactly as the stories index matches its "Words to find" (`home.search.find`,
through `StoryQuerySet.search_words`), so both find the same stories in the same order.
"""

from django.db.models import Count
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext_lazy
from taggit.models import Tag

from home import fragment_versions
from home.search import highlight
from home.site_search import SearchSource, narrow_query
from home.visibility import failed_restrictions, visible_to

from .models import StoriesIndexPage, StoryPage, StoryTag

POPULAR_TAGS = 8
VOCABULARY_STORIES = 2000
VOCABULARY_TAGS = 500


class StorySource(SearchSource):
    slug = "story"
    kind = _("Story")
    kind_plural = _("Stories")
    count_phrase = ngettext_lazy("%(count)d story", "%(count)d stories", "count")
    order = 10
    page_model = StoryPage
    # The byline: the author's name, or "Anonymous" (`StoryPage.byline`), with no query each.
    select_related = ("authorship__author",)
    vocabulary_scopes = ("stories", "story_details")
    narrow_label = _("Filter these stories by tag, team, size or year")

    @cached_property
    def visible(self):
        return StoryPage.objects.visible_to(self.request)

    def found(self, words):
        # The index's own search, on the stories the index lists when no filter is chosen.
        return self.visible.search_words(words, select_related=self.select_related)

    def candidates(self):
        return self.visible

    def result(self, story, stems):
        return self.make_result(
            story.title,
            story.get_url(self.request),
            summary=highlight(story.search_description or story.summary, stems),
            date=story.first_published_at,
            byline=story.byline,
        )

    def vocabulary_texts(self):
        rows = self.visible.newest_first().values_list("title", "summary")[:VOCABULARY_STORIES]
        tags = (
            Tag.objects.filter(stories_storytag_items__content_object__in=self.visible.values("pk"))
            .values_list("name", flat=True)
            .distinct()[:VOCABULARY_TAGS]
        )
        return [text for row in rows for text in row] + list(tags)

    @cached_property
    def index(self):
        return visible_to(StoriesIndexPage.objects.all(), self.request).first()

    @cached_property
    def index_url(self):
        return self.index.get_url(self.request) if self.index else None

    def narrow_url(self, words):
        return narrow_query(self.index_url, words) if self.index_url else None

    def browse_links(self):
        return [(_("Browse all stories"), self.index_url)] if self.index_url else []

    def tag_links(self):
        """The tags most used by the stories this reader may see, each to its tag page."""
        if not self.index_url:
            return []

        def popular():
            rows = (
                StoryTag.objects.filter(content_object__in=self.visible.values("pk"))
                .values("tag__name", "tag__slug")
                .annotate(uses=Count("pk"))
                .order_by("-uses", "tag__name")[:POPULAR_TAGS]
            )
            return [(row["tag__name"], row["tag__slug"]) for row in rows]

        key = (
            "search-popular-tags",
            fragment_versions.version("stories"),
            fragment_versions.version("story_details"),
            failed_restrictions(self.request),
        )
        return [
            (name, self.index_url + self.index.reverse_subpage("tag", kwargs={"tag": slug}))
            for name, slug in fragment_versions.remember(key, popular)
        ]


SEARCH_SOURCES = [StorySource]
