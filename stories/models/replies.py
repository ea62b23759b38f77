"""“You said, we did”: a thread between the Culture review team and the author of a story.

The thread stays with the story and never names the author: an author's message records no
user (only `from_author`), so it survives the erasure of an anonymous-to-everyone author and
tells moderators nothing. A team message records who on the team wrote it.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

MESSAGE_MAX = 2000


class StoryMessage(models.Model):
    story = models.ForeignKey(
        "stories.StoryPage", on_delete=models.CASCADE, related_name="messages"
    )
    from_author = models.BooleanField(default=False)
    # The moderator or Culture team member; always empty for the author's own messages.
    written_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    text = models.TextField(_("message"), max_length=MESSAGE_MAX)
    # Shown as a date only: a clock time could tell who was online when the author wrote.
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at", "pk"]

    def __str__(self):
        return f"Message on story {self.story_id}"
