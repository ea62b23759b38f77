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
from stories import small_groups

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

    def with_card_data(self, minimum=None):
        """Everything a story card shows but its count: one query, plus one for all the tags.

        `team_is_shown` says whether `shown_team` may name the team (stories/small_groups.py);
        `minimum` is the site's threshold (read from the default site when not given)."""
        if minimum is None:
            minimum = small_groups.minimum()
        return (
            self.select_related(*CARD_RELATED)
            .prefetch_related(sorted_tags())
            .annotate(team_is_shown=small_groups.team_is_shown(minimum))
        )

    def tagged(self, slug):
        from .pages import StoryTag

        return self.filter(pk__in=StoryTag.objects.filter(tag__slug=slug).values("content_object"))

    def filtered(self, filters, minimum=None):
        """Narrowed by the cleaned filters of the stories index (tag, team, part, size, series, year).

        A team finds only the stories that may show it: an anonymous story of a small team is
        not found by its team (`minimum`: the site's threshold, stories/small_groups.py)."""
        stories = self
        if filters.get("tag"):
            stories = stories.tagged(filters["tag"])
        if filters.get("team"):
            if minimum is None:
                minimum = small_groups.minimum()
            stories = stories.filter(team__slug=filters["team"]).filter(
                small_groups.team_shown(minimum)
            )
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
