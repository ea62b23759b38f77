"""Staff-meeting packs: a team lead's timed agenda built from stories, quotes and exercises."""

from django.db import models
from wagtail.admin.panels import FieldPanel
from wagtail.models import Page


class MeetingPacksIndexPage(Page):
    """Where meeting packs live; lists them, newest meeting first."""

    intro = models.CharField(max_length=250, blank=True)

    content_panels = Page.content_panels + [FieldPanel("intro")]

    parent_page_types = ["home.HomePage"]
    subpage_types = ["meetings.MeetingPackPage"]
    max_count = 1

    class Meta:
        verbose_name = "meeting packs index"


class MeetingPackPage(Page):
    """One staff meeting's "Mistake Management" agenda for one team."""

    team = models.ForeignKey("stories.Team", on_delete=models.PROTECT, related_name="meeting_packs")
    meeting_date = models.DateField()
    start_time = models.TimeField(default="09:00")
    target_minutes = models.PositiveIntegerField(default=30)
    facilitator_notes = models.TextField(blank=True)

    content_panels = Page.content_panels + [
        FieldPanel("team"),
        FieldPanel("meeting_date"),
        FieldPanel("start_time"),
        FieldPanel("target_minutes"),
        FieldPanel("facilitator_notes"),
    ]

    parent_page_types = ["meetings.MeetingPacksIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = "meeting pack"
