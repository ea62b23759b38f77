"""The queries behind every story listing: a fixed number of SQL queries whatever the data size.

Every listing starts from `home.visibility.visible_to` (live stories the reader may open), then
fetches a page of cards with `with_card_data`: authorship, author, team and series joined, tags
prefetched in one query, the "I learned from this" count as a subquery. Nothing in a card template
may touch the database again: `byline`, `tag_list` and `get_url(request)` all read loaded data.
"""

from django.db.models import (
    BooleanField,
    Count,
    IntegerField,
    OuterRef,
    Prefetch,
    Q,
    Subquery,
    Value,
)
from django.db.models.expressions import RawSQL
from django.db.models.functions import Coalesce

from home.visibility import visible_to

from . import cache
from .models import LearnedFromThis, Series, StoryAuthorship, StoryPage, StoryTag, Team

PER_PAGE = 20
RELATED_COUNT = 4
LATEST_COUNT = 5
MAX_QUERY_LENGTH = 200

CARD_RELATED = ("authorship__author", "team", "series")


def learned_count():
    """How many employees learned from the story, as a subquery (no GROUP BY over the page)."""
    marks = (
        LearnedFromThis.objects.filter(story=OuterRef("pk"))
        .order_by()
        .values("story")
        .annotate(total=Count("pk"))
        .values("total")
    )
    return Coalesce(Subquery(marks, output_field=IntegerField()), Value(0))


def with_card_data(queryset):
    """Everything a story card shows, in one query plus one for all the tags."""
    return (
        queryset.select_related(*CARD_RELATED)
        .prefetch_related(
            Prefetch(
                "tagged_items",
                queryset=StoryTag.objects.select_related("tag").order_by("tag__name"),
            )
        )
        .annotate(learned_total=learned_count())
    )


def visible_stories(request):
    """Live stories this request may open, newest first. Built once per request (visible_to
    reads the view restrictions), then narrowed by each listing."""
    stories = getattr(request, "_visible_stories", None)
    if stories is None:
        stories = visible_to(StoryPage.objects.all(), request)
        stories = stories.order_by("-first_published_at", "-pk")
        request._visible_stories = stories
    return stories


def cards_in_order(ids):
    """Card-ready stories for `ids`, in that order (search results keep their ranking)."""
    by_id = with_card_data(StoryPage.objects.filter(pk__in=ids)).in_bulk()
    return [by_id[pk] for pk in ids if pk in by_id]


# Filters -----------------------------------------------------------------------------------


def filter_choices(stories):
    """Choices for the filter form, from the stories the reader can see (four small queries)."""
    story_ids = stories.values("pk")
    tags = (
        StoryTag.objects.filter(content_object__in=story_ids)
        .values_list("tag__slug", "tag__name")
        .distinct()
        .order_by("tag__name")
    )
    teams = Team.objects.filter(stories__in=story_ids).distinct().values_list("slug", "name")
    series = Series.objects.filter(stories__in=story_ids).distinct().values_list("slug", "name")
    years = stories.filter(happened_on__isnull=False).dates("happened_on", "year", order="DESC")
    return {
        "tag": list(tags),
        "team": list(teams),
        "series": list(series),
        "year": [(str(day.year), str(day.year)) for day in years],
    }


def apply_filters(stories, filters):
    """Narrow `stories` by the cleaned filters (tag, team, part, size, series, year)."""
    if filters.get("tag"):
        stories = stories.filter(
            pk__in=StoryTag.objects.filter(tag__slug=filters["tag"]).values("content_object")
        )
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


def search_or_list(stories, query):
    """A search (ranked by relevance) when there are words, otherwise the list newest first.

    Wagtail's search only filters on indexed fields, so the filters are applied first, as a set of
    ids the search is limited to.
    """
    query = search_words(query)
    if not query:
        return stories
    limited = StoryPage.objects.filter(pk__in=stories.values("pk"))
    return limited.search(query, operator="and")


def search_words(query):
    """The words of a search, without double quotes.

    The search backend for SQLite puts each word in an FTS5 string without escaping a `"` inside
    it, so a single quote mark typed by a reader was an SQL error. A plain-text search gives
    quotes no meaning anyway.
    """
    return " ".join(query.replace('"', " ").split())


# One story ---------------------------------------------------------------------------------


def _route_annotations(user_id):
    """Per-request facts about a story, as plain SQL subqueries on the story's own id.

    Written as RawSQL because this query runs on every story page view: the ORM takes about 4 ms
    to build and compile the same subqueries as Exists()/Subquery() expressions, RawSQL next to
    nothing. Only table and column names from the models' _meta go into the SQL; every value is
    a parameter. Tested on SQLite and PostgreSQL (tests/stories/test_reading.py).
    """
    story_id = f'"{StoryPage._meta.db_table}"."{StoryPage._meta.pk.column}"'
    learned = LearnedFromThis._meta.db_table
    authorship = StoryAuthorship._meta.db_table
    return {
        "author_is_anonymous": RawSQL(
            f"SELECT a.is_anonymous FROM {authorship} a WHERE a.story_id = {story_id}",
            (),
            output_field=BooleanField(),
        ),
        "learned_total": RawSQL(
            f"SELECT COUNT(*) FROM {learned} m WHERE m.story_id = {story_id}",
            (),
            output_field=IntegerField(),
        ),
        "learned_by_me": RawSQL(
            f"EXISTS(SELECT 1 FROM {learned} m WHERE m.story_id = {story_id} AND m.user_id = %s)",
            (user_id,),
            output_field=BooleanField(),
        ),
    }


def story_for_route(index, request, slug):
    """The live story `slug` under `index`, with what a reader's page needs.

    One query answers whether the author is anonymous (part of the cache key of the story's body)
    and how many learned from it. Authorship, team and series are not joined: only the cached body
    needs them. That row is the same for every reader, so it is cached in the current generation
    (publishing, marks and the rest retire it); the reader's own "I learned" mark and the view
    restrictions are asked on every request, never from a cache.
    """

    def shared_row():
        stories = StoryPage.objects.filter(
            live=True, path__startswith=index.path, depth=index.depth + 1, slug=slug
        ).annotate(**_route_annotations(0))
        # False, not None, marks "no such story" so that a missing slug is cached too.
        return next(iter(stories[:1]), False)

    story = cache.fragment(("route", index.pk, slug), shared_row)
    if not story:
        return None
    user_id = request.user.pk
    story.learned_by_me = bool(user_id) and (
        LearnedFromThis.objects.filter(story_id=story.pk, user_id=user_id).exists()
    )
    return story


def story_details(story):
    """Tags, lessons, actions and questions of one story: four queries whatever their number."""
    from django.db.models import prefetch_related_objects

    prefetch_related_objects(
        [story],
        Prefetch(
            "tagged_items", queryset=StoryTag.objects.select_related("tag").order_by("tag__name")
        ),
        "lessons",
        "actions",
        "questions",
    )
    return story


def related_stories(story, request, limit=RELATED_COUNT):
    """Stories sharing the most tags with this one first, then the most similar by search."""
    visible = visible_stories(request).exclude(pk=story.pk)
    tag_ids = [item.tag_id for item in story.tagged_items.all()]
    chosen = []
    if tag_ids:
        chosen = list(
            visible.filter(tagged_items__tag_id__in=tag_ids)
            .annotate(shared=Count("tagged_items", filter=Q(tagged_items__tag_id__in=tag_ids)))
            .order_by("-shared", "-first_published_at", "-pk")
            .values_list("pk", flat=True)[:limit]
        )
    if len(chosen) < limit:
        words = similarity_words(story)
        if words:
            candidates = StoryPage.objects.filter(
                pk__in=visible.exclude(pk__in=chosen).values("pk")
            ).search(" ".join(words), operator="or")
            chosen += [page.pk for page in candidates[: limit - len(chosen)]]
    return cards_in_order(chosen)


# Words too common to say which stories are alike: English ones, and those nearly every story uses.
COMMON_WORDS = """
about after again also because been before being could from have into just more most only other
over same some than that their them then there these they this through very were what when which
while with would your happened learned learnt lesson lessons mistake mistakes story stories
"""
STOP_WORDS = frozenset(COMMON_WORDS.split())


def similarity_words(story):
    """Distinctive words of the title and summary, for the "similar stories" search."""
    words = []
    for word in f"{story.title} {story.summary}".lower().split():
        word = "".join(char for char in word if char.isalnum())
        if len(word) > 3 and word not in STOP_WORDS and word not in words:
            words.append(word)
    return words[:12]


def happened_again(story, request):
    """The earlier story this one repeats, and later stories that repeat it, if readers may see them."""
    if story.pk is None and story.repeat_of_id is None:
        return None, []
    links = visible_stories(request).filter(Q(pk=story.repeat_of_id) | Q(repeat_of_id=story.pk))
    if story.pk is None:
        links = links.filter(pk=story.repeat_of_id)
    earlier, later = None, []
    for other in links.only("pk", "title", "url_path", "path", "depth", "first_published_at"):
        if other.pk == story.repeat_of_id:
            earlier = other
        else:
            later.append(other)
    return earlier, later
