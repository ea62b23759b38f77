"""Who wrote a story, kept apart from the page so that anonymity holds.

Wagtail records a page's owner, each revision's author and the audit log's user, and shows them
in the admin. For an anonymous story all three are the placeholder account returned by
`anonymous_author()`; the real author lives only here, outside the page's revisions, and is
shown only to the author and to the Culture team (who may need to follow up).
"""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import models
from django.utils.translation import gettext_lazy as _

ANONYMOUS_USERNAME = "anonymous-author"


def anonymous_author():
    """The account that stands in for anonymous authors in Wagtail's own records."""
    user, created = get_user_model().objects.get_or_create(
        username=ANONYMOUS_USERNAME,
        defaults={"first_name": _("Anonymous"), "last_name": "", "is_active": False},
    )
    if created:
        user.set_unusable_password()
        user.save(update_fields=["password"])
        user.groups.clear()
    return user


class StoryAuthorship(models.Model):
    """Who wrote a story, and which of the three identity choices they made:

    * named: readers see the author's name;
    * anonymous to colleagues (`is_anonymous`): readers and moderators see "Anonymous"; the
      Culture team can open the identity to follow up, and every opening is recorded
      (`IdentityView`, the page's history) and shown to the author in My stories;
    * anonymous to everyone (`is_anonymous` and `erase_when_published`): once the story is
      published the link is erased (`author` set to None, `erased_on` set; stories/identity.py).
      Before that the author gets a private return link; only its hash is kept here.
    """

    NAMED = "named"
    CONFIDENTIAL = "confidential"
    ANONYMOUS = "anonymous"

    story = models.OneToOneField(
        "stories.StoryPage", on_delete=models.CASCADE, related_name="authorship"
    )
    # None once the link is erased (anonymous to everyone).
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="story_authorships",
        null=True,
        blank=True,
    )
    is_anonymous = models.BooleanField(
        default=False,
        help_text=_("Shown as “Anonymous” to everyone but the author and the Culture team."),
    )
    erase_when_published = models.BooleanField(
        default=False,
        help_text=_("Anonymous to everyone: the link to the author is erased at publication."),
    )
    # The date only: a time would say when the story went live, and so who was online.
    erased_on = models.DateField(null=True, blank=True)
    # sha256 of the private return link's secret (stories/identity.py); the secret is never kept.
    return_token_hash = models.CharField(max_length=64, blank=True, db_index=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        indexes = [models.Index(fields=["author", "story"])]

    def __str__(self):
        return f"Authorship of story {self.story_id}"

    @property
    def identity(self):
        if not self.is_anonymous:
            return self.NAMED
        return self.ANONYMOUS if self.erase_when_published else self.CONFIDENTIAL

    @property
    def is_erased(self):
        return self.erased_on is not None


class IdentityView(models.Model):
    """A Culture team member opened who wrote an anonymous story ("anonymous to colleagues").

    The author sees each one in My stories; the page's history says it too (without the name).
    """

    authorship = models.ForeignKey(
        StoryAuthorship, on_delete=models.CASCADE, related_name="identity_views"
    )
    viewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    viewed_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-viewed_at"]

    def __str__(self):
        return f"Identity of story {self.authorship.story_id} viewed"
