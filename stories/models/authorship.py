"""Who wrote a story, kept apart from the page so that anonymity holds.

Wagtail records a page's owner, each revision's author and the audit log's user, and shows them
in the admin. For an anonymous story all three are the placeholder account returned by
`anonymous_author()`; the real author lives only here, outside the page's revisions, and is
shown only to the author and to the Culture team (who may need to follow up).
"""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import models

ANONYMOUS_USERNAME = "anonymous-author"


def anonymous_author():
    """The account that stands in for anonymous authors in Wagtail's own records."""
    user, created = get_user_model().objects.get_or_create(
        username=ANONYMOUS_USERNAME,
        defaults={"first_name": "Anonymous", "last_name": "", "is_active": False},
    )
    if created:
        user.set_unusable_password()
        user.save(update_fields=["password"])
        user.groups.clear()
    return user


class StoryAuthorship(models.Model):
    story = models.OneToOneField(
        "stories.StoryPage", on_delete=models.CASCADE, related_name="authorship"
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="story_authorships"
    )
    is_anonymous = models.BooleanField(
        default=False,
        help_text="Shown as “Anonymous” to everyone but the author and the Culture team.",
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        indexes = [models.Index(fields=["author", "story"])]

    def __str__(self):
        return f"Authorship of story {self.story_id}"
