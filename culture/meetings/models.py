"""Staff-meeting packs: a team lead's timed agenda built from stories, quotes and exercises."""

import datetime

from django import forms
from django.core.paginator import Paginator
from django.db import models, transaction
from django.db.models import Case, F, Value, When
from django.http import HttpResponse
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey
from taggit.models import TaggedItemBase
from wagtail.admin.panels import FieldPanel, FieldRowPanel, HelpPanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import StreamField
from wagtail.models import Page
from wagtail.search import index

from home import fragment_versions
from home.permissions import SectionIndexMixin
from home.promote_panels import intranet_promote_panels
from home.routing import ChildInOneQueryMixin
from home.search import WordFormsMixin
from home.title_panel import title_panel

from .blocks import AgendaBlock, default_agenda
from .forms import MeetingPackForm
from .panels import AgendaSummaryPanel
from .permissions import MeetingPackPermissionTester

PACKS_PER_PAGE = 20
# The agenda items built on a story: a story to discuss and a practice drill. Both are held back
# from readers who may not open the story, and both count as the story "discussed" in the pack.
STORY_ITEMS = ("story", "drill")


class MeetingPacksIndexPage(SectionIndexMixin, ChildInOneQueryMixin, Page):
    """Where meeting packs live; lists those coming up (soonest first), then those held (latest
    first), and filters them by team."""

    intro = models.CharField(max_length=250, blank=True)

    content_panels = [
        title_panel(_("The heading of the list of meeting packs.")),
        FieldPanel("intro"),
    ]
    promote_panels = intranet_promote_panels()

    parent_page_types = ["home.HomePage"]
    subpage_types = ["meetings.MeetingPackPage"]
    max_count = 1

    class Meta:
        verbose_name = _("meeting packs index")

    def get_context(self, request, *args, **kwargs):
        from stories.models import Team

        context = super().get_context(request, *args, **kwargs)
        today = timezone.localdate()
        packs = (
            MeetingPackPage.objects.live()
            .child_of(self)
            .select_related("team")
            .defer_streamfields()
            .annotate(
                is_upcoming=Case(
                    When(meeting_date__gte=today, then=Value(True)),
                    default=Value(False),
                    output_field=models.BooleanField(),
                ),
                upcoming_date=Case(When(meeting_date__gte=today, then=F("meeting_date"))),
                upcoming_time=Case(When(meeting_date__gte=today, then=F("start_time"))),
            )
            # Coming up first, soonest first; then the meetings held, the latest first.
            .order_by(
                "-is_upcoming",
                F("upcoming_date").asc(nulls_last=True),
                F("upcoming_time").asc(nulls_last=True),
                "-meeting_date",
                "-start_time",
                "-pk",
            )
        )
        teams = Team.objects.filter(meeting_packs__in=packs).distinct().order_by("name")
        team = None
        if slug := request.GET.get("team"):
            team = Team.objects.filter(slug=slug).first()
            packs = packs.filter(team=team) if team else packs.none()
        page_obj = Paginator(packs, PACKS_PER_PAGE).get_page(request.GET.get("page"))
        context.update(
            packs=page_obj.object_list,
            page_obj=page_obj,
            teams=teams,
            current_team=team,
            team_slug=request.GET.get("team", ""),
            query_string=f"team={team.slug}" if team else "",
            today=today,
            # Asked of the reader's permissions on every request, never cached.
            can_start=self.permissions_for_user(request.user).can_add_subpage(),
        )
        return context


class MeetingPackTag(TaggedItemBase):
    content_object = ParentalKey(
        "meetings.MeetingPackPage", on_delete=models.CASCADE, related_name="tagged_items"
    )


class MeetingPackPage(WordFormsMixin, RoutablePageMixin, Page):
    """One staff meeting's "Mistake Management" agenda for one team.

    Readers see only what is still published: a story unpublished after it was put on the agenda
    drops out of the page, the PDF, the calendar event and the invitation text, and the editor
    lists it for the lead (see `unavailable_stories`).
    """

    team = models.ForeignKey("stories.Team", on_delete=models.PROTECT, related_name="meeting_packs")
    meeting_date = models.DateField()
    start_time = models.TimeField(default="09:00")
    target_minutes = models.PositiveIntegerField(default=30)
    facilitator_notes = models.TextField(blank=True)
    topics = ClusterTaggableManager(
        through=MeetingPackTag,
        blank=True,
        verbose_name=_("topics"),
        help_text=_("Story tags this meeting is about. Suggested stories match them."),
    )
    agenda = StreamField(
        AgendaBlock(),
        default=default_agenda,
        help_text=_("The items of the meeting, in order, each with its minutes."),
    )

    content_panels = [
        title_panel(
            _(
                "The meeting as the team will see it on the pack, the PDF and the calendar, for "
                "example “Support staff meeting, 9 December”."
            )
        ),
        MultiFieldPanel(
            [
                # A plain select, not the team chooser: it offers only the teams the user may
                # build packs for (see MeetingPackForm).
                FieldPanel("team", widget=forms.Select),
                FieldRowPanel(
                    [FieldPanel("meeting_date"), FieldPanel("start_time")],
                ),
                FieldPanel("target_minutes"),
                FieldPanel("topics"),
            ],
            heading=_("The meeting"),
        ),
        AgendaSummaryPanel(heading=_("Length and suggestions")),
        FieldPanel("agenda"),
        MultiFieldPanel(
            [
                HelpPanel(
                    content=_(
                        "Only you and other editors of this pack see these notes: they are "
                        "not on the projected page, the PDF or the invitation."
                    )
                ),
                FieldPanel("facilitator_notes"),
            ],
            heading=_("For the facilitator"),
        ),
    ]
    promote_panels = intranet_promote_panels()

    # What readers see of a pack: not the facilitator notes (editors only), nor the chosen
    # stories (a reader may not be allowed to open one).
    search_fields = Page.search_fields + [
        index.SearchField("agenda"),
        index.RelatedFields("team", [index.SearchField("name")]),
        index.RelatedFields("topics", [index.SearchField("name")]),
        index.SearchField("search_word_forms"),
    ]

    base_form_class = MeetingPackForm
    parent_page_types = ["meetings.MeetingPacksIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("meeting pack")

    # --- Permissions --------------------------------------------------------------------------

    def permissions_for_user(self, user):
        """Wagtail's page permissions, narrowed to the teams a lead is in (see permissions.py)."""
        return MeetingPackPermissionTester(user, self)

    # --- The agenda ---------------------------------------------------------------------------

    @property
    def starts_at(self):
        """The meeting's start, an aware datetime in the site's time zone."""
        start_time = self.start_time
        if isinstance(start_time, str):  # the unsaved default
            start_time = datetime.time.fromisoformat(start_time)
        return timezone.make_aware(datetime.datetime.combine(self.meeting_date, start_time))

    @cached_property
    def agenda_items(self):
        """The items readers see, in order, each placed on the clock (`value.starts_at`).

        Loading the agenda costs a fixed number of queries: one per kind of chosen object (and
        the stories' lessons and questions), however many items there are.
        """
        clock = timezone.localtime(self.starts_at)
        withheld = self.withheld_story_ids
        items = []
        for child in self.agenda:
            if child.block_type in STORY_ITEMS and child.value.get("story") is not None:
                child.value.withheld = child.value["story"].pk in withheld
            if child.block_type == "follow_up":
                child.value.pack = self
            if child.value.is_shown:
                # The drill's "Reveal" fetches its item by the block's id (drill_reveal_view).
                child.value.item_id = child.id
                clock = child.value.schedule(clock)
                items.append(child)
        return items

    def restrict_to(self, request):
        """Leave out stories behind a view restriction this reader does not pass.

        Call before `agenda_items` is first read; the page, PDF, calendar and text views do.
        Nothing is asked of the database until the agenda is read (two queries then), so a page
        whose agenda comes from a cached fragment costs none.
        """
        self.reader_request = request
        self.__dict__.pop("withheld_story_ids", None)
        self.__dict__.pop("agenda_items", None)
        self.__dict__.pop("past_due_actions", None)
        return self

    @cached_property
    def past_due_actions(self):
        """The corrective actions this pack's team owns that are open past their due date by the
        meeting day, from the stories the reader may open: one query (the follow-up item)."""
        from home.visibility import visible_to, visible_to_everyone
        from stories.models import CorrectiveAction, StoryPage

        request = getattr(self, "reader_request", None)
        stories = (
            visible_to(StoryPage.objects.all(), request)
            if request is not None
            else visible_to_everyone(StoryPage.objects.all())
        )
        return list(
            CorrectiveAction.objects.filter(
                owner_team_id=self.team_id,
                status=CorrectiveAction.Status.OPEN,
                due_date__lt=self.meeting_date,
                page__in=stories.values("pk"),
            )
            .select_related("page", "owner_team")
            .order_by("due_date", "pk")
        )

    @cached_property
    def withheld_story_ids(self):
        """Ids of the agenda's stories the reader given to `restrict_to` may not open."""
        from home.visibility import visible_to
        from stories.models import StoryPage

        request = getattr(self, "reader_request", None)
        story_ids = set(self.story_ids())
        if request is None or not story_ids:
            return set()
        visible = visible_to(StoryPage.objects.filter(pk__in=story_ids), request)
        return story_ids - set(visible.values_list("pk", flat=True))

    @property
    def total_minutes(self):
        """Minutes of the items readers see."""
        return sum(child.value.minutes for child in self.agenda_items)

    @property
    def ends_at(self):
        return self.starts_at + datetime.timedelta(minutes=self.total_minutes)

    @property
    def planned_minutes(self):
        """Minutes of every item on the agenda, as the lead entered them (for the editor)."""
        return sum(child.value.minutes for child in self.agenda)

    @property
    def minutes_over_target(self):
        return max(0, self.planned_minutes - (self.target_minutes or 0))

    def unavailable_stories(self):
        """Stories on the agenda that readers no longer see: unpublished or deleted ones.

        Returns (position, title) pairs; position counts agenda items from 1.
        """
        missing = []
        for position, child in enumerate(self.agenda, start=1):
            if child.block_type not in STORY_ITEMS:
                continue
            story = child.value.get("story")
            raw_id = (self.agenda.raw_data[position - 1].get("value") or {}).get("story")
            if story is None and raw_id:
                missing.append((position, _("A story that was deleted")))
            elif story is not None and not story.live:
                missing.append((position, story.title))
        return missing

    def story_ids(self):
        """The ids of the stories on the agenda, read from the raw data (no query)."""
        ids = []
        for item in self.agenda.raw_data:
            if item.get("type") in STORY_ITEMS:
                story_id = (item.get("value") or {}).get("story")
                if story_id and story_id not in ids:
                    ids.append(story_id)
        return ids

    @property
    def is_past(self):
        return self.meeting_date < timezone.localdate()

    def save(self, *args, **kwargs):
        result = super().save(*args, **kwargs)
        update_fields = kwargs.get("update_fields")
        if update_fields is None or "agenda" in update_fields or "live" in update_fields:
            self._sync_story_links()
        return result

    def _sync_story_links(self):
        """Keep `PackStory` rows in step with the saved agenda, so history is a join, not a scan."""
        from stories.models import StoryPage

        wanted = set(StoryPage.objects.filter(pk__in=self.story_ids()).values_list("pk", flat=True))
        with transaction.atomic():
            existing = set(self.story_links.values_list("story_id", flat=True))
            self.story_links.exclude(story_id__in=wanted).delete()
            PackStory.objects.bulk_create(
                [PackStory(pack=self, story_id=story_id) for story_id in wanted - existing]
            )
        # bulk_create sends no signal: "discussed in N meetings" and the campaigns count these.
        fragment_versions.retire("packs")

    # --- Front end ----------------------------------------------------------------------------

    def get_context(self, request, *args, **kwargs):
        from culture.quotes.schedule import live_week
        from home.visibility import failed_restrictions

        # The agenda, the invitation text and the team are read only inside the template's
        # cached fragment; what decides which stories it may hold is asked live here.
        self.restrict_to(request)
        context = super().get_context(request, *args, **kwargs)
        # Packs are edited in the admin, so only who may enter it is asked about this pack:
        # a reader costs no query here, as the header asks Django the same for the request.
        user = request.user
        context["can_edit"] = (
            user.has_perm("wagtailadmin.access_admin")
            and self.permissions_for_user(user).can_edit()
        )
        context["reader_restrictions"] = failed_restrictions(request) if self.story_ids() else ()
        context["live_week"] = live_week()
        return context

    def as_plain_text(self):
        from .exports import pack_as_text

        return pack_as_text(self)

    @path("pdf/", name="pdf")
    def pdf_view(self, request):
        from .exports import pdf_response

        return pdf_response(self.restrict_to(request), request, paper=request.GET.get("paper"))

    @path("calendar/", name="ics")
    def ics_view(self, request):
        from .exports import ics_response

        return ics_response(self.restrict_to(request), request)

    @path("drill/<str:item_id>/reveal/", name="drill_reveal")
    def drill_reveal_view(self, request, item_id):
        """The outcome of one practice drill, fetched when the facilitator presses "Reveal".

        Never part of the pack page's HTML, so it cannot be read ahead in the page source. The
        page's view restrictions are checked by Wagtail before this runs; the story is checked
        here, as on the page: only while it is published and the reader may open it.
        """
        from django.http import Http404
        from django.template.response import TemplateResponse

        self.restrict_to(request)
        for child in self.agenda_items:
            if child.block_type == "drill" and child.id == item_id:
                return TemplateResponse(
                    request,
                    "meetings/drill_reveal.html",
                    {"page": self, "self": self, "item": child.value},
                )
        raise Http404

    @path("invitation/", name="text")
    def text_view(self, request):
        self.restrict_to(request)
        response = HttpResponse(self.as_plain_text(), content_type="text/plain; charset=utf-8")
        response["Content-Disposition"] = f'inline; filename="{self.slug}.txt"'
        return response


class PackStory(models.Model):
    """A story on a pack's saved agenda.

    Written on every save of a pack, so that "discussed by this team", "discussed in N team
    meetings" and the suggestions are plain joins instead of reading every pack's agenda.
    """

    pack = models.ForeignKey(MeetingPackPage, on_delete=models.CASCADE, related_name="story_links")
    story = models.ForeignKey(
        "stories.StoryPage", on_delete=models.CASCADE, related_name="meeting_pack_links"
    )

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["pack", "story"], name="unique_story_per_pack")
        ]

    def __str__(self):
        return f"Story {self.story_id} in pack {self.pack_id}"
