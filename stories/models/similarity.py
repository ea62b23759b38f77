"""What "Has this happened before?" compares: kinds of mistake the Culture team names, and the
weighted terms of each published story (written by stories/similar.py)."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel


class MistakeTopic(models.Model):
    """Words people use for the same kind of mistake, so that stories about it are found
    whatever words they use ("certificate expired", "SSL renewal lapsed").

    Data, not code: the Culture team extends the list in the admin (Stories → Mistake topics).
    """

    name = models.CharField(_("name"), max_length=80, unique=True)
    words = models.TextField(
        _("words"),
        help_text=_(
            "One word or phrase per line, for example “certificate”, “SSL”, “HTTPS”. Word forms "
            "are matched too (“renewal” finds “renewals”)."
        ),
    )
    is_active = models.BooleanField(_("active"), default=True)

    panels = [FieldPanel("name"), FieldPanel("words"), FieldPanel("is_active")]

    class Meta:
        ordering = ["name"]
        verbose_name = _("mistake topic")
        verbose_name_plural = _("mistake topics")

    def __str__(self):
        return self.name

    @property
    def word_list(self):
        return [line.strip() for line in self.words.splitlines() if line.strip()]


class StoryTerm(models.Model):
    """One weighted term of a published story's text: a word's stem ("w:refund") or a topic it
    is about ("t:12"). Rewritten when the story is published, removed when it is unpublished."""

    story = models.ForeignKey(
        "stories.StoryPage", on_delete=models.CASCADE, related_name="similarity_terms"
    )
    term = models.CharField(max_length=64)
    weight = models.FloatField()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["story", "term"], name="unique_story_term"),
        ]
        indexes = [models.Index(fields=["term"], name="story_term_term")]

    def __str__(self):
        return f"{self.term} ({self.weight:.3f})"
