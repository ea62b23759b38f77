from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class LearnedFromThis(models.Model):
    """One employee's "I learned from this" on one story. There are no negative reactions."""

    story = models.ForeignKey(
        "stories.StoryPage", on_delete=models.CASCADE, related_name="learned_marks"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="learned_marks"
    )
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["story", "user"], name="one_learned_mark_per_user")
        ]
        verbose_name = _("“I learned from this” mark")

    def __str__(self):
        return f"Learned from story {self.story_id}"
