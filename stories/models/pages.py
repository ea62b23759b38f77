"""The stories section: an index page and the story pages under it."""

from django.conf import settings
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
from wagtail.admin.panels import (
    FieldPanel,
    FieldRowPanel,
    HelpPanel,
    InlinePanel,
    MultiFieldPanel,
)
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField
from wagtail.models import Orderable, Page, PageViewRestriction
from wagtail.search import index
from wagtail.url_routing import RouteResult

from home.permissions import SectionIndexMixin
from home.promote_panels import intranet_promote_panels
from home.roles import CULTURE_TEAM, MODERATORS, TEAM_LEADS
from home.search import WordFormsMixin
from home.title_panel import title_panel
from home.visibility import failed_restrictions
from stories import small_groups
from stories.admin_forms import StoryAdminForm
from stories.admin_panels import AuthorPanel, BlamelessCheckPanel, SimilarStoriesPanel
from stories.extensions import story_listing_panels, story_page_panels

from .querysets import StoryManager
from .taxonomy import Team

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
    parameters; `/stories/tag/<slug>/` is the same list for one tag (stories.listings), with its
    lessons at `…/lessons/` (stories.lessons); `/stories/team/<slug>/` the list for one team.
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
        listing = StoryListing(self, request, tag=kwargs.get("tag"), team=kwargs.get("team"))
        context["listing"] = listing
        # "Follow this tag / team" and the like, from the programs built on stories.
        context["listing_panels"] = story_listing_panels(request, listing)
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

    @path("tag/<slug:tag>/lessons/", name="tag_lessons")
    def tag_lessons(self, request, tag):
        """The numbered lessons of one tag's stories, most "I learned from this" first."""
        from stories.lessons import lessons_of, visible_tag_stories
        from stories.listings import tag_name

        name = tag_name(StoryPage.objects.visible_to(request), tag)
        if name is None:
            raise Http404("No stories with this tag")
        stories = visible_tag_stories(request, tag)
        return self.render(
            request,
            template="stories/tag_lessons.html",
            context_overrides={
                "tag": tag,
                "tag_name": name,
                "stories": stories,
                "lessons": lessons_of(stories),
                "tag_url": self.get_url(request) + self.reverse_subpage("tag", kwargs={"tag": tag}),
            },
        )

    @path("tag/<slug:tag>/lessons/checklist/", name="tag_lessons_checklist")
    def tag_lessons_checklist(self, request, tag):
        """The same lessons as a one-page PDF checklist to print."""
        from stories.checklist import checklist_response
        from stories.lessons import lessons_of, visible_tag_stories
        from stories.listings import tag_name

        name = tag_name(StoryPage.objects.visible_to(request), tag)
        if name is None:
            raise Http404("No stories with this tag")
        return checklist_response(tag, name, lessons_of(visible_tag_stories(request, tag)), request)

    @path("team/<slug:team>/", name="team")
    def team_page(self, request, team):
        """One team's stories; the other filters and search still apply. An anonymous story of a
        team below the anonymity minimum is not listed here (stories/small_groups.py), and the
        page answers the same for every team, whatever its stories."""
        found = Team.objects.filter(slug=team).values_list("name", flat=True).first()
        if found is None:
            raise Http404("No such team")
        return self.render(
            request,
            team=team,
            template="stories/team_page.html",
            context_overrides={"team": team, "team_name": found},
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
    # Did the fix hold? The earlier story's corrective action that should have prevented this
    # repeat (it "did not hold"), or `repeat_not_prevented`: none of them was meant to.
    repeat_of_action = models.ForeignKey(
        "stories.CorrectiveAction",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="repeats_after",
        verbose_name=_("the action that should have prevented it"),
        help_text=_(
            "One of the earlier story's corrective actions: it did not hold. Choose “Repeat of” "
            "and save first to see the earlier story's actions here."
        ),
    )
    repeat_not_prevented = models.BooleanField(
        _("none of its actions was meant to prevent this"),
        default=False,
        help_text=_("Tick when the earlier story's actions were about something else."),
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
                FieldPanel("repeat_of_action"),
                FieldPanel("repeat_not_prevented"),
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
    base_form_class = StoryAdminForm

    objects = StoryManager()

    class Meta:
        verbose_name = _("story")
        verbose_name_plural = _("stories")

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
            .select_related("repeat_of_action")
            .prefetch_related(
                "lessons",
                models.Prefetch("actions", CorrectiveAction.objects.for_readers()),
                "questions",
            )
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
        self.clean_repeat_action()

    def clean_repeat_action(self):
        """The action that did not hold must be one of the earlier story's, and not both."""
        if self.repeat_of_id is None:
            # Not a repeat (any more): nothing can have failed to prevent it.
            self.repeat_of_action = None
            self.repeat_not_prevented = False
            return
        if self.repeat_of_action_id and self.repeat_not_prevented:
            raise ValidationError(
                {
                    "repeat_not_prevented": _(
                        "Choose the action that did not hold, or tick this box: not both."
                    )
                }
            )
        if self.repeat_of_action_id and (self.repeat_of_action.page_id != self.repeat_of_id):
            raise ValidationError(
                {
                    "repeat_of_action": _(
                        "This action belongs to another story. Choose one of the actions of "
                        "the story under “Repeat of”."
                    )
                }
            )


class StoryLesson(Orderable):
    """One short lesson, shown as “Lesson 1”, “Lesson 2”, … in its order."""

    page = ParentalKey(StoryPage, on_delete=models.CASCADE, related_name="lessons")
    text = models.CharField(max_length=300)

    panels = [FieldPanel("text")]

    def __str__(self):
        return self.text


OWNER_SEPARATOR = " · "
# The roles whose members may be chosen as an action's follow-up contact.
FOLLOW_UP_ROLES = [TEAM_LEADS, MODERATORS, CULTURE_TEAM]


def follow_up_contact_choices():
    from django.contrib.auth import get_user_model

    people = get_user_model().objects.filter(groups__name__in=FOLLOW_UP_ROLES, is_active=True)
    return models.Q(pk__in=people.values("pk"))


def owner_from_text(text, teams_by_name):
    """(team, role) for an owner written as text: "Support", "Support · on call" or "on call".

    `teams_by_name` maps lower-cased team names to teams. A name that is no team stays a role;
    the share form and the migration of the old free-text owners both read owners this way.
    """
    text = " ".join((text or "").split())
    team_name, _separator, role = text.partition(OWNER_SEPARATOR.strip())
    team = teams_by_name.get(team_name.strip().lower())
    if team is not None:
        return team, role.strip()
    return None, text


class CorrectiveActionQuerySet(models.QuerySet):
    def for_readers(self):
        """With the owning team, and whether a published repeat says it did not hold."""
        repeats = StoryPage.objects.live().filter(repeat_of_action=OuterRef("pk"))
        return self.select_related("owner_team").annotate(did_not_hold=Exists(repeats))

    def past_due(self, today=None):
        """Open actions of published stories whose due date has passed."""
        return self.filter(
            page__live=True,
            status=CorrectiveAction.Status.OPEN,
            due_date__lt=today or timezone.localdate(),
        )


class CorrectiveAction(Orderable):
    """A change a team owns so the mistake does not happen again.

    Owned by a team, with an optional role inside it ("the on-call engineer"), never a person's
    name: readers see the team and the role. Someone follows it up (stories/follow_up.py): the
    `follow_up_contact` when one is chosen, else the owning team's leads, else the story's author.
    Readers of an anonymous story never see who that is, only "the owning team".
    """

    class Status(models.TextChoices):
        OPEN = "open", _("Open")
        DONE = "done", _("Done")

    page = ParentalKey(StoryPage, on_delete=models.CASCADE, related_name="actions")
    description = models.CharField(max_length=300)
    owner_team = models.ForeignKey(
        "stories.Team",
        verbose_name=_("owning team"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="actions",
    )
    owner_role = models.CharField(
        _("role"),
        max_length=120,
        blank=True,
        help_text=_(
            "Optional: who in the team, as a role, for example “the on-call engineer”. "
            "Never a person's name."
        ),
    )
    follow_up_contact = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("follow-up contact"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        # Chosen among the people whose role is to follow up, never among every employee: the
        # same list on every story, so that the editor of an anonymous story cannot name (or,
        # by leaving them out, point at) its author.
        limit_choices_to=follow_up_contact_choices,
        help_text=_(
            "Who gets the reminders: a team lead, moderator or Culture team member. Left empty: "
            "the owning team's leads, else the story's author. Readers never see this person."
        ),
    )
    due_date = models.DateField(_("due date"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=8, choices=Status.choices, default=Status.OPEN
    )

    objects = CorrectiveActionQuerySet.as_manager()

    panels = [
        FieldPanel("description"),
        FieldRowPanel([FieldPanel("owner_team"), FieldPanel("owner_role")]),
        FieldPanel("follow_up_contact"),
        FieldRowPanel([FieldPanel("due_date"), FieldPanel("status")]),
    ]

    def __str__(self):
        return self.description

    @property
    def owner_label(self):
        """What readers see as the owner: "Support · the on-call engineer", the team or the role."""
        team = self.owner_team.name if self.owner_team_id else ""
        return OWNER_SEPARATOR.join(part for part in (team, self.owner_role) if part)

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
