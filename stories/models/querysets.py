"""How stories are asked for: `StoryPage.objects.visible_to(request).filtered(...).newest_first()`.

Every listing starts from `visible_to` (live stories the reader may open, the view restrictions
read from the database on every call), then narrows. Nothing in a card template may touch the
database again once `with_card_data` has loaded a page of cards: `byline`, `tag_list` and
`get_url(request)` all read loaded data.
"""

from django.db.models import (
    Prefetch,
    Q,
)
from wagtail.models import PageManager
from wagtail.query import PageQuerySet

from home.search import find
from home.visibility import visible_to

CARD_RELATED = ("authorship__author", "team", "series")


def sorted_tags():
    from .pages import StoryTag

    return Prefetch(
        "tagged_items", queryset=StoryTag.objects.select_related("tag").order_by("tag__name")
    )


class StoryQuerySet(PageQuerySet):
    def visible_to(self, request):
        """Live stories this request may open."""
        return visible_to(self, request)

    def newest_first(self):
        return self.order_by("-first_published_at", "-pk")

    def with_card_data(self):
        """Everything a story card shows but its count: one query, plus one for all the tags."""
        return self.select_related(*CARD_RELATED).prefetch_related(sorted_tags())

    def tagged(self, slug):
        from .pages import StoryTag

        return self.filter(pk__in=StoryTag.objects.filter(tag__slug=slug).values("content_object"))

    def filtered(self, filters):
        """Narrowed by the cleaned filters of the stories index (tag, team, part, size, series, year)."""
        stories = self
        if filters.get("tag"):
            stories = stories.tagged(filters["tag"])
        if filters.get("team"):
            stories = stories.filter(team__slug=filters["team"])
        if filters.get("series"):
            stories = stories.filter(series__slug=filters["series"])
        if filters.get("part"):
            stories = stories.filter(part=filters["part"])
        if filters.get("size"):
            stories = stories.filter(size=filters["size"])
        if filters.get("year"):
            stories = stories.filter(happened_on__year=int(filters["year"]))
        return stories

    def search_words(self, words, select_related=()):
        """Ranked by relevance, matched as every search of the site is (`home.search.find`, the
        site search's too): every word, in any of its forms ("refund" finds "refunded")."""
        return find(self, words, select_related=select_related)

    def repeats_of(self, story):
        """The earlier story `story` repeats, and the later ones that repeat it."""
        links = Q(pk=story.repeat_of_id) if story.repeat_of_id else Q(pk__in=[])
        if story.pk:
            links |= Q(repeat_of_id=story.pk)
        return self.filter(links)


StoryManager = PageManager.from_queryset(StoryQuerySet)
