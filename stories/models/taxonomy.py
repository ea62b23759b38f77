"""Teams and series: the snippets the Culture team manages and stories are filed under."""

from django.conf import settings
from django.db import models
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.search import index

WEEKDAYS = [
    (0, _("Monday")),
    (1, _("Tuesday")),
    (2, _("Wednesday")),
    (3, _("Thursday")),
    (4, _("Friday")),
    (5, _("Saturday")),
    (6, _("Sunday")),
]


class Team(index.Indexed, models.Model):
    """A team of the company. Stories, meeting packs and campaign figures are counted per team."""

    name = models.CharField(max_length=80, unique=True)
    slug = models.SlugField(max_length=80, unique=True, blank=True)
    description = models.CharField(max_length=250, blank=True)
    members = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        blank=True,
        related_name="teams",
        help_text=_(
            "People in this team. A team lead builds meeting packs for the teams they are in."
        ),
    )
    # The team's usual staff meeting: a new meeting pack starts on the next such day and time.
    meeting_weekday = models.PositiveSmallIntegerField(
        _("meeting day"),
        choices=WEEKDAYS,
        null=True,
        blank=True,
        help_text=_("Left empty, the weekday of the team's latest meeting pack is used."),
    )
    meeting_time = models.TimeField(
        _("meeting time"),
        null=True,
        blank=True,
        help_text=_("Left empty, the start time of the team's latest meeting pack is used."),
    )

    panels = [
        FieldPanel("name"),
        FieldPanel("slug"),
        FieldPanel("description"),
        FieldPanel("members"),
        MultiFieldPanel(
            [FieldRowPanel([FieldPanel("meeting_weekday"), FieldPanel("meeting_time")])],
            heading=_("Usual staff meeting"),
            help_text=_("New meeting packs for this team start on the next such day and time."),
        ),
    ]
    search_fields = [index.SearchField("name"), index.AutocompleteField("name")]

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        if not self.slug:
            self.slug = slugify(self.name)[:80]
        super().save(*args, **kwargs)


class Series(models.Model):
    """A running series of stories, for example "I screw up so you don't have to"."""

    name = models.CharField(max_length=120, unique=True)
    slug = models.SlugField(max_length=120, unique=True, blank=True)
    description = models.CharField(max_length=250, blank=True)

    panels = [FieldPanel("name"), FieldPanel("slug"), FieldPanel("description")]

    class Meta:
        ordering = ["name"]
        verbose_name_plural = _("series")

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        if not self.slug:
            self.slug = slugify(self.name)[:120]
        super().save(*args, **kwargs)
