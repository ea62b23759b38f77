"""The stories section: an index page and the story pages under it."""

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Exists, OuterRef
from django.http import Http404
from django.utils import timezone
from django.utils.functional import SimpleLazyObject
from django.utils.translation import gettext_lazy as _
from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey
from taggit.models import TaggedItemBase
from wagtail.admin.panels import FieldPanel, HelpPanel, InlinePanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField
from wagtail.models import Orderable, Page, PageViewRestriction
from wagtail.search import index
from wagtail.url_routing import RouteResult

from home.permissions import SectionIndexMixin
from home.promote_panels import intranet_promote_panels
from home.search import WordFormsMixin
from home.title_panel import title_panel
from home.visibility import failed_restrictions
from stories import small_groups
from stories.admin_panels import AuthorPanel, BlamelessCheckPanel, SimilarStoriesPanel
from stories.extensions import story_page_panels

from .querysets import StoryManager

# Rich text in stories is kept simple: it must read well in a meeting pack and an email too.
STORY_TEXT_FEATURES = ["bold", "italic", "link", "ol", "ul"]

MAX_LESSONS = 20
MAX_ACTIONS = 20
MAX_QUESTIONS = 10


def _restrictions_by_path(page):
    """The view restrictions on a page and its ancestors, in one query.

    Wagtail's own `get_view_restrictions` first fetches the ancestors to resolve aliases (one more
    query on every request). Above a story there are only the root, the home page and the stories
    index, all singletons that are never aliases, so their paths are enough. A page that is itself
    an alias keeps Wagtail's way.
    """
    if page.alias_of_id:
        return Page.get_view_restrictions(page)
    step = Page.steplen
    paths = [page.path[:end] for end in range(step, len(page.path) + 1, step)]
    return PageViewRestriction.objects.filter(page__path__in=paths)


class StoriesIndexPage(SectionIndexMixin, RoutablePageMixin, Page):
    """The stories section. Its children are the stories; it lists, filters and searches them.

    Reading: `/stories/` lists live stories newest first with filters and search in its GET
    parameters; `/stories/tag/<slug>/` is the same list for one tag (stories.listings).
    """

    intro = models.CharField(
        max_length=250,
        blank=True,
        help_text=_("A line above the list, for example “Mistakes we made, and what we learned.”"),
    )

    content_panels = [
        title_panel(_("The heading of the list of stories.")),
        FieldPanel("intro"),
    ]
    promote_panels = intranet_promote_panels()

    parent_page_types = ["home.HomePage"]
    subpage_types = ["stories.StoryPage"]
    max_count = 1

    class Meta:
        verbose_name = _("stories index")

    def route(self, request, path_components):
        # A live story in one query, as its own type (Wagtail's way takes two); drafts, tag
        # pages and unknown slugs go Wagtail's usual way.
        if len(path_components) == 1 and self.live:
            story = StoryPage.objects.child_of(self).live().filter(slug=path_components[0]).first()
            if story is not None:
                return RouteResult(story)
        return super().route(request, path_components)

    def get_view_restrictions(self):
        return _restrictions_by_path(self)

    def get_context(self, request, *args, **kwargs):
        from stories.listings import StoryListing

        context = super().get_context(request, *args, **kwargs)
        context["listing"] = StoryListing(self, request, tag=kwargs.get("tag"))
        return context

    @path("tag/<slug:tag>/", name="tag")
    def tag_page(self, request, tag):
        """The stories with one tag; the other filters and search still apply."""
        from stories.listings import tag_name

        name = tag_name(StoryPage.objects.visible_to(request), tag)
        if name is None:
            raise Http404("No stories with this tag")
        return self.render(
            request,
            tag=tag,
            template="stories/tag_page.html",
            context_overrides={"tag": tag, "tag_name": name},
        )


class StoryTag(TaggedItemBase):
    content_object = ParentalKey(
        "stories.StoryPage", on_delete=models.CASCADE, related_name="tagged_items"
    )


class StoryPage(WordFormsMixin, Page):
    """A blameless story of a mistake: what happened, how it was owned, made right and learned from.

    The author is not a field of the page (see `StoryAuthorship`), so that no revision, API
    representation or admin screen can carry an anonymous author's identity.
    """

    class Part(models.TextChoices):
        MADE = "made", _("I made the mistake")
        RECEIVED = "received", _("I was on the receiving end")
        WITNESSED = "witnessed", _("I saw it happen")

    class Size(models.TextChoices):
        SMALL = "small", _("Small")
        MEDIUM = "medium", _("Medium")
        LARGE = "large", _("Large")
        HUGE = "huge", _("Huge")

    summary = models.CharField(
        max_length=200, help_text=_("One line: what went wrong and what changed because of it.")
    )
    happened_on = models.DateField(
        null=True,
        blank=True,
        help_text=_("When it happened. Month and year are enough; the day is stored as the 1st."),
    )
    team = models.ForeignKey(
        "stories.Team",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="stories",
    )
    series = models.ForeignKey(
        "stories.Series",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="stories",
    )
    tags = ClusterTaggableManager(through=StoryTag, blank=True)
    part = models.CharField(
        _("your part in it"), max_length=12, choices=Part.choices, default=Part.MADE
    )
    size = models.CharField(max_length=8, choices=Size.choices, default=Size.SMALL)

    what_happened = RichTextField(features=STORY_TEXT_FEATURES)
    who_was_affected = RichTextField(
        _("who was affected, and how"), features=STORY_TEXT_FEATURES, blank=True
    )
    own_it = RichTextField(
        _("own it"),
        features=STORY_TEXT_FEATURES,
        blank=True,
        help_text=_("How and how fast the mistake was acknowledged, and to whom."),
    )
    make_it_right = RichTextField(
        _("make it right"),
        features=STORY_TEXT_FEATURES,
        blank=True,
        help_text=_("What was done for the people affected, going beyond the minimum."),
    )
    learn_and_prevent = RichTextField(
        _("learn and prevent"),
        features=STORY_TEXT_FEATURES,
        blank=True,
        help_text=_("What changed so that it does not happen again."),
    )

    good_for_meetings = models.BooleanField(
        default=False,
        help_text=_(
            "Set by moderators: a story that works well for discussion in a staff meeting."
        ),
    )
    repeat_of = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="repeats",
        help_text=_("If this mistake happened before, the earlier story. Counted as a repeat."),
    )
    # The author's "This is a repeat of …" from "Has this happened before?": a suggestion that
    # moderators confirm by setting `repeat_of` (only that one is counted and shown to readers).
    suggested_repeat_of = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("the author says it repeats"),
        help_text=_(
            "Chosen by the author from “Has this happened before?”. Confirm it by choosing the "
            "same story under “Repeat of”."
        ),
    )

    content_panels = [
        title_panel(
            _(
                "A plain headline that says what went wrong, for example “A test email went to "
                "every customer”. Employees see it on the site, in lists, search and feeds."
            )
        ),
        FieldPanel("summary"),
        BlamelessCheckPanel(heading=_("Blameless check")),
        AuthorPanel(heading=_("Who wrote it (seen by the Culture team only)")),
        MultiFieldPanel(
            [
                FieldPanel("happened_on"),
                FieldPanel("team"),
                FieldPanel("part"),
                FieldPanel("size"),
                FieldPanel("tags"),
                FieldPanel("series"),
            ],
            heading=_("About the mistake"),
        ),
        FieldPanel("what_happened"),
        FieldPanel("who_was_affected"),
        MultiFieldPanel(
            [FieldPanel("own_it"), FieldPanel("make_it_right"), FieldPanel("learn_and_prevent")],
            heading=_("Own it · Make it right · Learn and prevent"),
        ),
        InlinePanel("lessons", label=_("Lesson"), max_num=MAX_LESSONS),
        InlinePanel("actions", label=_("Corrective action"), max_num=MAX_ACTIONS),
        InlinePanel("questions", label=_("Discussion question"), max_num=MAX_QUESTIONS),
        MultiFieldPanel(
            [
                HelpPanel(
                    content=_(
                        "Moderators: mark stories that work well in staff meetings, and link "
                        "a story to an earlier one when the same mistake happened again."
                    )
                ),
                FieldPanel("good_for_meetings"),
                SimilarStoriesPanel(heading=_("Has this happened before?")),
                FieldPanel("repeat_of"),
            ],
            heading=_("Moderation"),
        ),
    ]
    promote_panels = intranet_promote_panels()

    search_fields = Page.search_fields + [
        index.SearchField("summary"),
        index.SearchField("what_happened"),
        index.SearchField("who_was_affected"),
        index.SearchField("own_it"),
        index.SearchField("make_it_right"),
        index.SearchField("learn_and_prevent"),
        index.RelatedFields("lessons", [index.SearchField("text")]),
        index.RelatedFields("tags", [index.SearchField("name")]),
        index.SearchField("search_word_forms"),
        index.FilterField("team"),
        index.FilterField("series"),
        index.FilterField("part"),
        index.FilterField("size"),
        index.FilterField("first_published_at"),
    ]

    parent_page_types = ["stories.StoriesIndexPage"]
    subpage_types = []

    objects = StoryManager()

    class Meta:
        verbose_name = "story"
        verbose_name_plural = "stories"

    def permissions_for_user(self, user):
        from stories.permissions import StoryPermissionTester

        return StoryPermissionTester(user, self)

    def get_view_restrictions(self):
        # Asked of the database on every request: an access decision never comes from a cache.
        return _restrictions_by_path(self)

    def get_context(self, request, *args, **kwargs):
        from stories.listings import RelatedStories

        context = super().get_context(request, *args, **kwargs)
        previewing = getattr(request, "is_preview", False) or not self.live
        failed = failed_restrictions(request)
        minimum = small_groups.minimum(request)
        if previewing:
            is_anonymous = self.author_is_anonymous()
            team_is_shown = small_groups.story_team_is_shown(self, minimum)
        else:
            is_anonymous, team_is_shown = self.anonymity_state(minimum)
        story = self if previewing else SimpleLazyObject(lambda: self.with_all_parts(minimum))
        index = SimpleLazyObject(StoriesIndexPage.objects.parent_of(self).first)
        context.update(
            # The story's own parts are cached with the page's key (its last publish), its
            # anonymity, the names it shows and the day (an action becomes overdue). On a miss
            # they are read in one go; a preview shows the draft held in memory.
            story=story,
            is_anonymous=is_anonymous,
            # Whether readers may see the team (stories/small_groups.py): asked on every view
            # with the anonymity, and a key of the cached story.
            team_is_shown=team_is_shown,
            today=timezone.localdate(),
            index=index,
            failed_restrictions=failed,
            related=RelatedStories(self, story, index, request, failed, preview=previewing),
            story_panels=story_page_panels(request, self),
            # A preview or a draft cannot be reacted to.
            can_react=not previewing,
            **self.learned_state(request.user),
        )
        return context

    def with_all_parts(self, minimum=None):
        """This story again with everything its page shows: five queries whatever its size."""
        return (
            StoryPage.objects.with_card_data(minimum)
            .prefetch_related("lessons", "actions", "questions")
            .get(pk=self.pk)
        )

    def learned_state(self, user):
        """How many learned from the story, and whether this reader did: one query."""
        from .reactions import LearnedFromThis

        if self.pk is None:
            return {"learned_total": 0, "learned_by_me": False}
        marks = LearnedFromThis.objects.filter(story_id=self.pk).aggregate(
            total=models.Count("pk"), mine=models.Count("pk", filter=models.Q(user_id=user.pk))
        )
        return {"learned_total": marks["total"], "learned_by_me": bool(marks["mine"])}

    def author_is_anonymous(self):
        """Read on every view (a small query), so that the cached story changes with it at once,
        even in a process whose cache did not hear of the change."""
        from .authorship import StoryAuthorship

        if self.pk is None:
            return True
        return StoryAuthorship.objects.filter(story_id=self.pk, is_anonymous=True).exists()

    def anonymity_state(self, minimum):
        """(whether the author is anonymous, whether readers may see the team) in one query,
        read on every view of a live story, as `author_is_anonymous`."""
        from .authorship import StoryAuthorship

        anonymous = StoryAuthorship.objects.filter(story_id=OuterRef("pk"), is_anonymous=True)
        row = (
            StoryPage.objects.filter(pk=self.pk)
            .annotate(anonymous=Exists(anonymous), shown=small_groups.team_is_shown(minimum))
            .values_list("anonymous", "shown", "team_id")
            .first()
        )
        if row is None:
            return True, False
        return row[0], row[1] and row[2] is not None

    @property
    def shown_team(self):
        """The team readers may see: None for an anonymous story of a team smaller than the
        site's threshold (stories/small_groups.py). Listings annotate `team_is_shown`
        (`StoryQuerySet.with_card_data`), so a card costs no query."""
        if self.team_id is None:
            return None
        shown = getattr(self, "team_is_shown", None)
        if shown is None:
            shown = small_groups.story_team_is_shown(self)
        return self.team if shown else None

    @property
    def tag_list(self):
        """The story's tags, from the prefetched `tagged_items` (see StoryQuerySet.with_card_data)."""
        return [item.tag for item in self.tagged_items.all()]

    @property
    def byline(self):
        """The name readers see: the author's, or "Anonymous".

        Listings prefetch `authorship__author` (select_related) so this costs no query per story.
        """
        authorship = getattr(self, "authorship", None)
        if authorship is None or authorship.is_anonymous:
            return _("Anonymous")
        return authorship.author.get_full_name() or authorship.author.get_username()

    def clean(self):
        super().clean()
        if self.happened_on is not None and self.happened_on.day != 1:
            self.happened_on = self.happened_on.replace(day=1)
        if self.repeat_of_id and self.repeat_of_id == self.pk:
            raise ValidationError({"repeat_of": _("A story cannot be a repeat of itself.")})


class StoryLesson(Orderable):
    """One short lesson, shown as “Lesson 1”, “Lesson 2”, … in its order."""

    page = ParentalKey(StoryPage, on_delete=models.CASCADE, related_name="lessons")
    text = models.CharField(max_length=300)

    panels = [FieldPanel("text")]

    def __str__(self):
        return self.text


class CorrectiveAction(Orderable):
    """A change someone owns so the mistake does not happen again."""

    class Status(models.TextChoices):
        OPEN = "open", _("Open")
        DONE = "done", _("Done")

    page = ParentalKey(StoryPage, on_delete=models.CASCADE, related_name="actions")
    description = models.CharField(max_length=300)
    owner = models.CharField(
        _("owning team or role"),
        max_length=120,
        help_text=_("A team or a role, never a person's name."),
    )
    due_date = models.DateField(null=True, blank=True)
    status = models.CharField(max_length=8, choices=Status.choices, default=Status.OPEN)

    panels = [
        FieldPanel("description"),
        FieldPanel("owner"),
        FieldPanel("due_date"),
        FieldPanel("status"),
    ]

    def __str__(self):
        return self.description

    @property
    def is_overdue(self):
        return (
            self.status == self.Status.OPEN
            and self.due_date is not None
            and self.due_date < timezone.localdate()
        )


class DiscussionQuestion(Orderable):
    """A question for a staff meeting that discusses the story."""

    page = ParentalKey(StoryPage, on_delete=models.CASCADE, related_name="questions")
    text = models.CharField(max_length=300)

    panels = [FieldPanel("text")]

    def __str__(self):
        return self.text
