"""Campaigns such as "Mistake Management Month": an archive page and one page per campaign.

A campaign page links nothing by hand: the quotes, stories and meeting packs it shows are the
ones whose dates fall inside its own (see `gathering.py`). Its events are inline rows that move
with it when it is copied to new dates.
"""

import datetime

from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, FieldRowPanel, HelpPanel, InlinePanel, MultiFieldPanel
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Orderable, Page
from wagtail.search import index

from home.permissions import SectionIndexMixin
from home.promote_panels import intranet_promote_panels
from home.routing import ChildInOneQueryMixin
from home.search import WordFormsMixin
from home.title_panel import title_panel

from .blocks import WaysToTakePartBlock
from .forms import CampaignPageForm
from .timeframes import local_today, site_timezone, window

INTRO_FEATURES = ["bold", "italic", "link", "ol", "ul", "h2", "h3"]


class CampaignIndexPage(SectionIndexMixin, ChildInOneQueryMixin, Page):
    """The campaigns archive: the running campaign first, then upcoming and past ones."""

    intro = models.CharField(
        max_length=250,
        blank=True,
        help_text=_("A line above the list, for example “Months when we all learn out loud.”"),
    )

    content_panels = [
        title_panel(_("The heading of the list of campaigns.")),
        FieldPanel("intro"),
    ]
    promote_panels = intranet_promote_panels()

    parent_page_types = ["home.HomePage"]
    subpage_types = ["campaigns.CampaignPage"]
    max_count = 1

    class Meta:
        verbose_name = _("campaigns index")

    def get_context(self, request, *args, **kwargs):
        from home.visibility import visible_to

        context = super().get_context(request, *args, **kwargs)
        today = local_today()
        campaigns = list(
            visible_to(CampaignPage.objects.child_of(self), request).order_by("-start_date")
        )
        context["current"] = next(
            (c for c in campaigns if c.start_date <= today <= c.end_date), None
        )
        context["upcoming"] = sorted(
            (c for c in campaigns if c.start_date > today), key=lambda c: c.start_date
        )
        context["past"] = [c for c in campaigns if c.end_date < today]
        return context


class CampaignPage(WordFormsMixin, Page):
    """One campaign: its dates, goal, ways to take part and events.

    Its window is whole days in the site time zone, from the start date to the end date inclusive.
    Campaigns never overlap (the admin form refuses it), so "the running campaign" is one page.
    """

    start_date = models.DateField(help_text=_("The first day of the campaign."))
    end_date = models.DateField(help_text=_("The last day of the campaign (inclusive)."))
    introduction = RichTextField(
        features=INTRO_FEATURES,
        blank=True,
        help_text=_("What the campaign is about and why it matters, in a few sentences."),
    )
    goal_stories = models.PositiveIntegerField(
        "goal",
        default=50,
        validators=[MinValueValidator(1)],
        help_text=_("How many stories we hope people share during the campaign."),
    )
    goal_label = models.CharField(
        max_length=60,
        default=_("stories shared"),
        help_text=_("Shown after the number, for example “stories shared”."),
    )
    ways_to_take_part = StreamField(WaysToTakePartBlock(), blank=True)

    content_panels = [
        title_panel(
            _("The campaign as employees will see it, for example “Mistake Management Month”.")
        ),
        MultiFieldPanel(
            [FieldRowPanel([FieldPanel("start_date"), FieldPanel("end_date")])],
            heading=_("Dates"),
            help_text=_("Campaigns cannot overlap. Events must fall inside these dates."),
        ),
        FieldPanel("introduction"),
        MultiFieldPanel(
            [FieldRowPanel([FieldPanel("goal_stories"), FieldPanel("goal_label")])],
            heading=_("Goal"),
        ),
        FieldPanel("ways_to_take_part"),
        HelpPanel(
            content=_(
                "Quotes, stories and meeting packs that fall inside the dates appear on the "
                "page by themselves; there is nothing to link by hand."
            )
        ),
        InlinePanel("events", label=_("Event"), heading=_("Events")),
    ]
    promote_panels = intranet_promote_panels()

    search_fields = Page.search_fields + [
        index.SearchField("introduction"),
        index.SearchField("ways_to_take_part"),
        index.RelatedFields(
            "events",
            [
                index.SearchField("title"),
                index.SearchField("place"),
                index.SearchField("description"),
            ],
        ),
        index.SearchField("search_word_forms"),
    ]

    base_form_class = CampaignPageForm
    parent_page_types = ["campaigns.CampaignIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("campaign")
        permissions = [("view_insights", "Can view culture insights and export their figures")]

    def __str__(self):
        return self.title

    # Dates ------------------------------------------------------------------------------------

    @property
    def window(self):
        """[start, end) as aware datetimes in the site time zone."""
        return window(self.start_date, self.end_date)

    @property
    def length_in_days(self):
        return (self.end_date - self.start_date).days + 1

    def status(self, today=None):
        today = today or local_today()
        if today < self.start_date:
            return "upcoming"
        if today > self.end_date:
            return "past"
        return "running"

    def days_left(self, today=None):
        """Days left including today: 1 on the last day."""
        today = today or local_today()
        return max((self.end_date - today).days + 1, 0)

    @classmethod
    def current(cls, today=None):
        """The live campaign running today, if any."""
        today = today or local_today()
        return (
            cls.objects.live()
            .filter(start_date__lte=today, end_date__gte=today)
            .order_by("start_date")
            .first()
        )

    def clean(self):
        super().clean()
        if self.start_date and self.end_date and self.end_date < self.start_date:
            raise ValidationError(
                {"end_date": _("The end date is before the start date. Choose a later end date.")}
            )

    # Copying to new dates ---------------------------------------------------------------------

    def copy_to_dates(self, start_date, *, title, slug=None, user=None):
        """A draft copy with the same structure, starting on `start_date`, same length; every
        event moves by the same offset. Returns the new page."""
        from wagtail.actions.copy_page import CopyPageAction

        offset = start_date - self.start_date
        end_date = self.end_date + offset
        slug = slug or slugify(title)[:255]
        copy = CopyPageAction(
            page=self,
            to=self.get_parent(),
            update_attrs={
                "title": title,
                "slug": slug,
                "start_date": start_date,
                "end_date": end_date,
            },
            keep_live=False,
            user=user,
            log_action="wagtail.copy",
        ).execute(skip_permission_checks=True)
        copy = copy.specific
        shift = datetime.timedelta(days=offset.days)
        # The database rows...
        events = list(CampaignEvent.objects.filter(page=copy))
        for event in events:
            event.shift(shift)
        CampaignEvent.objects.bulk_update(events, ["starts_at", "ends_at"])
        # ...and the draft the editor opens, which is the copied latest revision.
        draft = copy.get_latest_revision_as_object()
        for event in draft.events.all():
            event.shift(shift)
        draft.start_date, draft.end_date = start_date, end_date
        draft.save_revision(user=user, changed=False, clean=False, log_action=False)
        return copy

    # Front end ------------------------------------------------------------------------------

    def get_context(self, request, *args, **kwargs):
        from .gathering import campaign_context

        context = super().get_context(request, *args, **kwargs)
        context.update(campaign_context(self, request))
        return context

    def calendar_url(self):
        return reverse("campaigns:calendar", args=[self.pk])


class CampaignEvent(Orderable):
    """An event of a campaign: a workshop, a talk, the mistake-cake afternoon."""

    page = ParentalKey(CampaignPage, on_delete=models.CASCADE, related_name="events")
    title = models.CharField(max_length=120)
    starts_at = models.DateTimeField(help_text=_("Date and time, site time."))
    ends_at = models.DateTimeField(
        null=True, blank=True, help_text=_("Optional. Without it the event lasts an hour.")
    )
    place = models.CharField(
        max_length=200,
        blank=True,
        help_text=_("A room or address, for example “Canteen, 2nd floor”."),
    )
    link = models.URLField(blank=True, help_text=_("Optional: a video call or sign-up link."))
    description = models.TextField(blank=True, max_length=2000)

    panels = [
        FieldPanel("title"),
        FieldRowPanel([FieldPanel("starts_at"), FieldPanel("ends_at")]),
        FieldRowPanel([FieldPanel("place"), FieldPanel("link")]),
        FieldPanel("description"),
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("event")

    def __str__(self):
        return self.title

    DEFAULT_LENGTH = datetime.timedelta(hours=1)

    def clean(self):
        super().clean()
        if self.starts_at and self.ends_at and self.ends_at <= self.starts_at:
            raise ValidationError(
                {
                    "ends_at": _(
                        "The end is before the start. Choose a later end, or leave it empty."
                    )
                }
            )

    @property
    def end(self):
        return self.ends_at or self.starts_at + self.DEFAULT_LENGTH

    def ics_url(self):
        return reverse("campaigns:event", args=[self.page_id, self.pk])

    def shift(self, offset):
        """Move by whole days on the wall clock: 10:00 stays 10:00 across a daylight-saving change."""
        tz = site_timezone()
        self.starts_at = timezone.localtime(self.starts_at, tz) + offset
        if self.ends_at:
            self.ends_at = timezone.localtime(self.ends_at, tz) + offset
