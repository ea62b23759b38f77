"""A reader's report of a published story that identifies, blames or exposes someone.

Moderators and the Culture team see reports in the admin (stories/report_admin.py) and resolve
them; the reader is told the outcome. The story's author never sees who reported it: the admin
leaves out reports on a reviewer's own stories, and nothing on the front end names the reporter.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

REPORT_TEXT_MAX = 2000


class StoryReport(models.Model):
    class Reason(models.TextChoices):
        IDENTIFIES = "identifies", _("It identifies me or someone else")
        BLAMES = "blames", _("It blames a person")
        EXPOSES = "exposes", _("It exposes something private")
        OTHER = "other", _("Something else")

    class Status(models.TextChoices):
        # "open" sorts before "resolved": the admin lists open reports first by this field.
        OPEN = "open", _("Open")
        RESOLVED = "resolved", _("Resolved")

    class Outcome(models.TextChoices):
        EDITED = "edited", _("The story was edited")
        UNPUBLISHED = "unpublished", _("The story was unpublished")
        NO_CHANGE = "no_change", _("No change was needed")

    story = models.ForeignKey("stories.StoryPage", on_delete=models.CASCADE, related_name="reports")
    reporter = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="story_reports"
    )
    reason = models.CharField(_("why are you reporting it?"), max_length=12, choices=Reason.choices)
    text = models.TextField(
        _("anything you would like to add"),
        blank=True,
        max_length=REPORT_TEXT_MAX,
        help_text=_("Only moderators and the Culture team read it."),
    )
    created_at = models.DateTimeField(_("reported"), auto_now_add=True)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.OPEN
    )
    outcome = models.CharField(
        _("outcome"),
        max_length=12,
        choices=Outcome.choices,
        blank=True,
        help_text=_("Required to resolve. Edit or unpublish the story with its own buttons first."),
    )
    moderator_note = models.TextField(
        _("note to the reader"),
        blank=True,
        max_length=REPORT_TEXT_MAX,
        help_text=_("Sent to the reader with the outcome. Never name the story's author."),
    )
    resolved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("resolved by"),
    )
    resolved_at = models.DateTimeField(_("resolved"), null=True, blank=True)

    class Meta:
        verbose_name = _("story report")
        verbose_name_plural = _("story reports")
        ordering = ["status", "created_at"]
        constraints = [
            # One open report per reader per story; after it is resolved they may report again.
            models.UniqueConstraint(
                fields=["story", "reporter"],
                condition=Q(status="open"),
                name="one_open_report_per_reader_and_story",
            )
        ]
        indexes = [models.Index(fields=["status", "created_at"])]

    def __str__(self):
        # Never the reporter: this string appears in the admin's history and messages.
        return _("Report on “%(title)s”") % {"title": self.story.title}

    @property
    def is_open(self):
        return self.status == self.Status.OPEN
