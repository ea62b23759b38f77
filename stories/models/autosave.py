from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class DraftAutosave(models.Model):
    """What an author typed in the share form since they last saved, kept every ~30 seconds and
    when they leave the page (static/js/autosave.js, stories/views/autosave.py).

    A buffer beside the story, not a page revision: autosave never adds a revision every 30
    seconds and never takes a story out of review. "Save draft" or "Submit for review" turn what
    is typed into a revision and remove the buffer. `story` is empty for a story not saved yet
    (one such buffer per author). Seen by its author only: it is in no listing, no admin.
    """

    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    story = models.ForeignKey(
        "stories.StoryPage", null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    # The form as the browser would post it: [[name, value], …] in the page's order.
    fields = models.JSONField(default=list)
    saved_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["author", "story"], name="one_autosave_per_story"),
            models.UniqueConstraint(
                fields=["author"],
                condition=Q(story__isnull=True),
                name="one_new_story_autosave_per_author",
            ),
        ]
        verbose_name = _("autosaved draft")

    def __str__(self):
        return (
            f"Autosave of story {self.story_id or 'not saved yet'} ({self.saved_at:%Y-%m-%d %H:%M})"
        )
