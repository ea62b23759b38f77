"""The three identity choices of an author, and what keeps them true.

* Anonymous to colleagues: the Culture team may open who wrote a story, one click at a time, and
  each opening is recorded (`record_identity_view`): in the page's history, and for the author in
  My stories.
* Anonymous to everyone: before publication the author gets a private return link
  (`issue_return_link`; only a hash of its secret is kept), and when the story is published the
  link between the author and the story is erased (`erase_identity`): no table, revision, log
  entry, task or cached page names them as its author afterwards (tests/stories/test_erasure.py
  searches a dump of the whole database).
"""

import hashlib
import secrets

from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from wagtail.log_actions import log

from .models import DraftAutosave, IdentityView, StoryAuthorship

IDENTITY_VIEWED = "stories.identity_viewed"
IDENTITY_ERASED = "stories.identity_erased"
# 32 bytes of randomness: the link cannot be guessed, and one is checked in one indexed query.
SECRET_BYTES = 32


def _hash(secret):
    return hashlib.sha256(secret.encode()).hexdigest()


def issue_return_link(authorship):
    """A new private return link for the author (any earlier one stops working); the path."""
    secret = secrets.token_urlsafe(SECRET_BYTES)
    authorship.return_token_hash = _hash(secret)
    authorship.save(update_fields=["return_token_hash"])
    return reverse("stories:return", args=[secret])


def authorship_for_secret(secret):
    """The authorship a return link opens, or None."""
    if not secret or len(secret) > 100:
        return None
    return (
        StoryAuthorship.objects.select_related("story")
        .filter(return_token_hash=_hash(secret), erase_when_published=True)
        .first()
    )


def record_identity_view(authorship, viewer):
    """A Culture team member opens who wrote an anonymous story: recorded, never silent."""
    IdentityView.objects.create(authorship=authorship, viewed_by=viewer)
    log(instance=authorship.story, action=IDENTITY_VIEWED, user=viewer)


@transaction.atomic
def erase_identity(authorship):
    """Erase the link between the author and their story (anonymous to everyone).

    Wagtail's own records already name the "Anonymous" placeholder (stories/sharing.py), so what
    is left is ours: the authorship's author, the views of the identity, the server copy of an
    unsaved draft. Kept: the hash of the return link, which names nobody.
    """
    if authorship.is_erased:
        return
    DraftAutosave.objects.filter(story_id=authorship.story_id).delete()
    authorship.identity_views.all().delete()
    authorship.author = None
    authorship.erased_on = timezone.localdate()
    authorship.save(update_fields=["author", "erased_on"])
    log(instance=authorship.story, action=IDENTITY_ERASED, user=None)


def erase_published_identities(story):
    """After `story` is published: erase its author if they chose anonymous to everyone."""
    authorship = StoryAuthorship.objects.filter(
        story_id=story.pk, erase_when_published=True, erased_on__isnull=True
    ).first()
    if authorship is not None:
        erase_identity(authorship)


def _on_story_published(sender, instance, **kwargs):
    # Wagtail sends page_published when it only schedules a revision too: erase once live.
    if instance.live:
        erase_published_identities(instance)


def connect():
    """Called from StoriesConfig.ready()."""
    from wagtail.signals import page_published

    from .models import StoryPage

    page_published.connect(
        _on_story_published, sender=StoryPage, dispatch_uid="stories.erase_identity"
    )
