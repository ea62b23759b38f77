"""Story listings: the stories index with its filters and search, tag pages, the home page's
latest stories and a story's related stories.

A listing is lazy: the page model puts one in the template context and the template asks it for
what it shows, so what a cached fragment already holds costs no query. What a listing shows is
cached in three parts (see home/fragment_versions.py for the versions):

- the head (filter form, result count) is a `{% wagtailcache %}` fragment in the template;
- which stories are on the page (their ids, the total) is a remembered value;
- each card is a `{% wagtailcache %}` fragment of its own, shared by every listing that shows it.

All three are keyed by the listing's versions and the view restrictions the reader fails (read
from the database on every request). The "I learned from this" counts are read live, one query
for the whole page, so a mark changes nothing cached.
"""

from functools import cached_property
from urllib.parse import urlencode

from django.core.paginator import Paginator
from django.db.models import Count, Q

from home import fragment_versions
from home.visibility import failed_restrictions, visible_to_everyone

from . import small_groups
from .filters import FILTER_FIELDS, StoryFilterForm, search_words
from .models import LearnedFromThis, Series, StoryPage, StoryTag, Team

PER_PAGE = 20
LATEST_COUNT = 5
RELATED_COUNT = 4
# Related stories are chosen among this many of the latest stories sharing a tag.
RELATED_CANDIDATES = 500
LISTING_PARAMS = ("q", *FILTER_FIELDS, "page")


def page_number(value):
    try:
        number = int(value)
    except (TypeError, ValueError):
        return 1
    return min(max(number, 1), 10_000)


class Cards:
    """Story cards for `ids`, in that order, as one cached fragment (includes/story_cards.html).

    Its key holds the live "I learned from this" counts of these stories (one query), so a mark
    re-renders only the lists that show that story. The stories themselves are loaded only when
    the fragment is not cached: one query for all of them, one for their tags.
    """

    def __init__(self, ids, index, request, version):
        # `version`: the listing's own ("stories", or a tag's for its page); a story that
        # changes retires every listing that can hold it, so its cards follow.
        self.ids, self.index, self.request, self.version = list(ids), index, request, version

    def __len__(self):
        return len(self.ids)

    @cached_property
    def counts(self):
        rows = (
            LearnedFromThis.objects.filter(story_id__in=self.ids)
            .values("story_id")
            .annotate(total=Count("pk"))
        )
        return {row["story_id"]: row["total"] for row in rows}

    @cached_property
    def minimum(self):
        """The smallest team a card names with an anonymous story (stories/small_groups.py)."""
        return small_groups.minimum(self.request)

    @property
    def key(self):
        """What the fragment depends on beyond the versions: these stories, their counts and
        the smallest team shown with an anonymous story."""
        cards = ",".join(f"{pk}:{self.counts.get(pk, 0)}" for pk in self.ids)
        return f"{cards};{self.minimum}"

    def __iter__(self):
        """The stories, ready for the card template (no query from there on)."""
        by_id = StoryPage.objects.filter(pk__in=self.ids).with_card_data(self.minimum).in_bulk()
        index_url = self.index.get_url(self.request) if self.index else None
        for pk in self.ids:
            story = by_id.get(pk)
            if story is None:
                continue  # unpublished since the ids were remembered
            story.card_url = story.get_url(self.request)
            story.learned_total = self.counts.get(pk, 0)
            story.tag_links = [
                (tag.name, index_url + self.index.reverse_subpage("tag", kwargs={"tag": tag.slug}))
                if index_url
                else (tag.name, None)
                for tag in story.tag_list
            ]
            yield story


def remembered_filter_choices(stories, failed, minimum):
    """The filter form's choices for readers who fail the view restrictions `failed`.

    At 100,000 stories the four queries take about half a second, so they are remembered under
    their own scope, which a publish retires only when it can change a choice
    (`changes_filter_choices`), not with every listing.
    """
    key = (
        "filter-choices",
        fragment_versions.version("filter_choices"),
        fragment_versions.version("story_details"),
        failed,
        minimum,
    )
    return fragment_versions.remember(key, lambda: filter_choices(stories, minimum))


def filter_values(story):
    """What `story` adds to the filter choices, as lookups: its team, series, year and tags."""
    year = story.happened_on.year if story.happened_on else None
    values = {"team_id": story.team_id, "series_id": story.series_id, "happened_on__year": year}
    lookups = [(name, value) for name, value in values.items() if value is not None]
    tags = StoryTag.objects.filter(content_object_id=story.pk).values_list("tag_id", flat=True)
    return lookups + [("tagged_items__tag_id", tag_id) for tag_id in tags]


def changes_filter_choices(story_pk, lookups):
    """Whether a story going live or away (or gaining or losing a tag) can change any reader's
    filter choices: when one of its values (`lookups`) is held by no other live story that every
    reader sees. Otherwise every reader's choices held that value already and still do.

    Checked after the change, one index lookup per value. A value taken off by a republish (a
    team or year edited) is not seen here: that choice finds no stories until the choices are
    next rebuilt (the fragment timeout at the latest).
    """
    others = visible_to_everyone(StoryPage.objects.exclude(pk=story_pk))
    return any(not others.filter(**{name: value}).exists() for name, value in lookups)


def filter_choices(stories, minimum):
    """Choices for the filter form, from the stories the reader can see (four queries).

    A team is offered only through stories that may show it (stories/small_groups.py)."""
    story_ids = stories.values("pk")
    team_story_ids = stories.filter(small_groups.team_shown(minimum)).values("pk")
    tags = (
        StoryTag.objects.filter(content_object__in=story_ids)
        .values_list("tag__slug", "tag__name")
        .distinct()
        .order_by("tag__name")
    )
    teams = Team.objects.filter(stories__in=team_story_ids).distinct().values_list("slug", "name")
    series = Series.objects.filter(stories__in=story_ids).distinct().values_list("slug", "name")
    years = stories.filter(happened_on__isnull=False).dates("happened_on", "year", order="DESC")
    return {
        "tag": list(tags),
        "team": list(teams),
        "series": list(series),
        "year": [(str(day.year), str(day.year)) for day in years],
    }


class StoryListing:
    """One page of the stories index (or of one tag's or one team's page) for one request."""

    def __init__(self, index, request, tag=None, team=None):
        self.index, self.request, self.tag, self.team = index, request, tag, team
        self.params = tuple((name, request.GET.get(name, "")[:1000]) for name in LISTING_PARAMS)
        self.failed = failed_restrictions(request)

    @cached_property
    def minimum(self):
        """The smallest team shown with an anonymous story: a key of what is remembered."""
        return small_groups.minimum(self.request)

    @cached_property
    def version(self):
        """A tag page changes only with the stories that carry the tag; the index with any."""
        scope = f"tag:{self.tag}" if self.tag else "stories"
        return fragment_versions.version(scope)

    @property
    def details_version(self):
        """Team and series slugs (filters) and names (the form's choices) change with it."""
        return fragment_versions.version("story_details")

    @cached_property
    def visible(self):
        return StoryPage.objects.visible_to(self.request)

    @cached_property
    def form(self):
        return StoryFilterForm(
            self.request.GET or None,
            remembered_filter_choices(self.visible, self.failed, self.minimum),
            fixed_tag=self.tag,
            fixed_team=self.team,
        )

    @property
    def query(self):
        """The search words as typed, for the page title (the form cleans them again)."""
        return search_words(self.request.GET.get("q", ""))

    @cached_property
    def filters(self):
        filters = self.form.filters()
        filters.pop("q", None)
        if self.tag:
            filters["tag"] = self.tag
        if self.team:
            # Filtered as the index's team filter is: by the small-groups rule.
            filters["team"] = self.team
        return filters

    @property
    def fixed(self):
        """The tag or team the page's address is about, if any."""
        return self.tag or self.team

    @property
    def followable(self):
        """("tag" or "team", slug) of what this listing is about, for a "Follow" button: its
        own tag or team, or the one filter chosen on the index (a tag or a team, not both)."""
        if self.tag:
            return ("tag", self.tag)
        if self.team:
            return ("team", self.team)
        chosen = [name for name in ("tag", "team") if self.filters.get(name)]
        if len(chosen) == 1:
            return (chosen[0], self.filters[chosen[0]])
        return None

    @cached_property
    def kept_params(self):
        """The filters (and search words) that the page links keep, as query-string pairs."""
        kept = {
            name: value
            for name, value in self.filters.items()
            if not (name == "tag" and self.tag) and not (name == "team" and self.team)
        }
        if self.query:
            kept = {"q": self.query[:200], **kept}
        return kept

    @property
    def is_filtered(self):
        return bool(self.kept_params)

    @property
    def query_string(self):
        """The valid filters the page links keep (remembered with the ids: no form needed)."""
        return self.found["query_string"]

    @property
    def clear_url(self):
        return self.index.get_url(self.request)

    @cached_property
    def found(self):
        """{"ids": the stories on this page, "count": all matching}: the expensive part."""

        def find():
            stories = self.visible.filtered(self.filters, self.minimum)
            words = search_words(self.form.cleaned_data.get("q", "")) if self.form.is_bound else ""
            results = stories.search_words(words) if words else stories.newest_first()
            page = Paginator(results, PER_PAGE).get_page(page_number(self.request.GET.get("page")))
            return {
                "ids": [story.pk for story in page.object_list],
                "count": page.paginator.count,
                "query_string": urlencode(self.kept_params),
            }

        key = (
            "story-listing",
            self.version,
            self.details_version,
            self.failed,
            self.params,
            self.minimum,
        )
        return fragment_versions.remember((*key, self.tag, self.team), find)

    @cached_property
    def page_obj(self):
        """A page of the paginator, for the page links (no query: the total is known)."""
        count = self.found["count"]
        return Paginator(range(count), PER_PAGE).get_page(page_number(self.request.GET.get("page")))

    @property
    def result_count(self):
        return self.found["count"]

    @cached_property
    def cards(self):
        return Cards(self.found["ids"], self.index, self.request, self.version)


def tag_name(stories, slug):
    """The name of the tag `slug` if a story the reader may open has it, else None: a tag only
    drafts use answers exactly like one that does not exist."""
    return (
        StoryTag.objects.filter(tag__slug=slug, content_object__in=stories.values("pk"))
        .values_list("tag__name", flat=True)
        .first()
    )


def latest_cards(index, request):
    """The newest stories, for the home page."""
    failed = failed_restrictions(request)

    def find():
        visible = StoryPage.objects.visible_to(request).newest_first()
        return list(visible.values_list("pk", flat=True)[:LATEST_COUNT])

    version = fragment_versions.version("stories")
    ids = fragment_versions.remember(("latest", version, failed), find)
    return Cards(ids, index, request, version)


class RelatedStories:
    """Under a story: the stories it repeats or that repeat it, and related stories' cards."""

    def __init__(self, story, parts, index, request, failed, preview=False):
        # `parts` is the story with its tags loaded and `index` its parent, both lazy: read
        # only when something is not cached.
        self.story, self.parts, self.index, self.request = story, parts, index, request
        self.failed, self.preview = failed, preview

    @cached_property
    def visible(self):
        return StoryPage.objects.visible_to(self.request)

    @cached_property
    def happened_again(self):
        """(earlier, [later]): links, in the template's cached fragment."""
        story = self.story
        if story.repeat_of_id is None and story.pk is None:
            return None, []
        earlier, later = None, []
        for other in (
            self.visible.repeats_of(story).select_related("repeat_of_action").newest_first()
        ):
            if other.pk == story.repeat_of_id:
                earlier = other
            elif other.pk != story.pk:
                later.append(other)
        return earlier, later

    @cached_property
    def cards(self):
        story = self.story
        version = fragment_versions.version("stories")
        if story.pk is None:
            return Cards([], None, self.request, version)
        if self.preview:
            # A draft's tags are its own, in memory: never remembered for anyone else.
            ids = related_ids(self.parts, self.visible)
        else:
            key = (
                "related",
                story.cache_key,
                version,
                fragment_versions.version("story_details"),
                self.failed,
            )
            ids = fragment_versions.remember(key, lambda: related_ids(self.parts, self.visible))
        return Cards(ids, self.index, self.request, version)


def related_ids(story, visible, limit=RELATED_COUNT):
    """Stories sharing the most tags with this one first, then the most similar by search."""
    others = visible.exclude(pk=story.pk)
    tag_ids = [item.tag_id for item in story.tagged_items.all()]
    chosen = []
    if tag_ids:
        # Among the latest stories with one of the tags only: at 100,000 stories counting the
        # shared tags of every story with a common tag took a quarter of a second.
        recent = (
            StoryTag.objects.filter(tag_id__in=tag_ids)
            .exclude(content_object_id=story.pk)
            .order_by("-content_object_id")
            .values("content_object_id")[:RELATED_CANDIDATES]
        )
        chosen = list(
            others.filter(pk__in=recent, tagged_items__tag_id__in=tag_ids)
            .annotate(shared=Count("tagged_items", filter=Q(tagged_items__tag_id__in=tag_ids)))
            .order_by("-shared", "-first_published_at", "-pk")
            .values_list("pk", flat=True)[:limit]
        )
    if len(chosen) < limit:
        words = similarity_words(story)
        if words:
            candidates = StoryPage.objects.filter(
                pk__in=others.exclude(pk__in=chosen).values("pk")
            ).search(" ".join(words), operator="or")
            chosen += [page.pk for page in candidates[: limit - len(chosen)]]
    return chosen


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
