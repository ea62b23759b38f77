"""Emails to a story's author: when it is approved and scheduled (anonymous stories wait for the
daily publication time), when it is published, and when reviewers ask for changes.

They go to the REAL author (from `StoryAuthorship`), also for anonymous stories: the email goes
to them alone, so it reveals nothing. They are sent through Django's tasks framework after the
database transaction commits, and the task receives only ids, so no address or name is stored
in a task queue.

Wagtail's own "approved" / "rejected" emails link to the admin, which employees cannot open, and
for anonymous stories they would go to the placeholder; for stories they are replaced by these.
"""

import contextvars
from contextlib import contextmanager

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.translation import gettext as _
from django_tasks import task
from wagtail.admin.mail import (
    WorkflowStateApprovalEmailNotifier,
    WorkflowStateRejectionEmailNotifier,
)

from home.languages import speaking_to
from home.site_address import absolute_url

PUBLISHED = "published"
SCHEDULED = "scheduled"
CHANGES_REQUESTED = "changes_requested"

_muted = contextvars.ContextVar("story_notifications_muted", default=False)


@contextmanager
def muted():
    """No author emails inside this block (the demo loader publishes without mailing anyone)."""
    token = _muted.set(True)
    try:
        yield
    finally:
        _muted.reset(token)


def is_muted():
    return _muted.get()


def _absolute(path):
    return absolute_url(path)


@task()
def send_author_email(story_id, event, comment=""):
    """Render and send one email to the author of story `story_id`."""
    from .models import StoryAuthorship

    authorship = (
        StoryAuthorship.objects.select_related("author", "story").filter(story_id=story_id).first()
    )
    # No author any more (anonymous to everyone, erased): the site cannot write to them.
    if authorship is None or authorship.author is None:
        return False
    if not authorship.author.email or not authorship.author.is_active:
        return False
    # In the author's language, whoever (or whichever worker) caused the email.
    with speaking_to(authorship.author):
        return _email_author(authorship, event, comment)


def _email_author(authorship, event, comment):
    from .publication import scheduled_date

    story = authorship.story.get_latest_revision_as_object()
    author = authorship.author
    context = {
        "author": author,
        "story": story,
        "anonymous": authorship.is_anonymous,
        "comment": comment,
        "story_url": _absolute(story.url) if story.live and story.url else "",
        "edit_url": _absolute(reverse("stories:edit", args=[story.pk])),
        "my_stories_url": _absolute(reverse("stories:my_stories")),
        "site_name": getattr(settings, "WAGTAIL_SITE_NAME", "Own It"),
        "goes_live_on": scheduled_date(story) if event == SCHEDULED else None,
        "already_live": authorship.story.live,
    }
    if event == PUBLISHED:
        from .review_changes import changed_by_reviewers

        context["changed_by_reviewers"] = changed_by_reviewers(authorship.story, authorship)
        subject = _("Your story “%(title)s” is published") % {"title": story.title}
    elif event == SCHEDULED:
        if context["goes_live_on"] is None:
            return False  # no longer waiting (withdrawn or published meanwhile)
        subject = _("Your story “%(title)s” is approved") % {"title": story.title}
    else:
        subject = _("Changes requested on your story “%(title)s”") % {"title": story.title}
    message = EmailMultiAlternatives(
        subject=subject,
        body=render_to_string(f"stories/email/{event}.txt", context),
        to=[author.email],
    )
    message.attach_alternative(
        render_to_string(f"stories/email/{event}.html", context), "text/html"
    )
    message.send()
    return True


def notify_author(story_id, event, comment=""):
    if _muted.get():
        return
    transaction.on_commit(lambda: send_author_email.enqueue(story_id, event, comment))


def on_page_published(sender, instance, revision=None, **kwargs):
    """page_published: tell the author the first time their story goes live.

    Wagtail logs the publication just after this signal, so an earlier "wagtail.publish" entry
    means the story was live before (republishing an edit sends nothing).
    """
    from wagtail.models import PageLogEntry

    if not instance.live:
        return  # Wagtail sends the signal when it schedules a revision too
    first_time = instance.first_published_at == instance.last_published_at
    if (
        first_time
        and not PageLogEntry.objects.filter(page_id=instance.pk, action="wagtail.publish").exists()
    ):
        notify_author(instance.pk, PUBLISHED)


def on_workflow_rejected(sender, instance, user=None, **kwargs):
    """workflow_rejected: a reviewer asked for changes; pass on their comment."""
    if not _is_story_state(instance):
        return
    task_state = instance.current_task_state
    comment = task_state.comment if task_state else ""
    notify_author(int(instance.object_id), CHANGES_REQUESTED, comment or "")


def _is_story_state(workflow_state):
    from .models import StoryPage

    model = workflow_state.content_type.model_class()
    return model is not None and issubclass(model, StoryPage)


class _SkipStories:
    def can_handle(self, instance, **kwargs):
        return super().can_handle(instance, **kwargs) and not _is_story_state(instance)


class ApprovalNotifier(_SkipStories, WorkflowStateApprovalEmailNotifier):
    """Wagtail's "approved" email, except for stories (their authors get ours)."""


class RejectionNotifier(_SkipStories, WorkflowStateRejectionEmailNotifier):
    """Wagtail's "changes requested" email, except for stories (their authors get ours)."""


def connect():
    """Called from StoriesConfig.ready()."""
    from wagtail.models import WorkflowState
    from wagtail.signals import page_published, workflow_approved, workflow_rejected

    from .models import StoryPage

    page_published.connect(on_page_published, sender=StoryPage, dispatch_uid="story_published")
    workflow_rejected.connect(
        on_workflow_rejected, sender=WorkflowState, dispatch_uid="story_changes_requested"
    )
    # Replace Wagtail's notifiers under their own dispatch ids: whichever app is ready first,
    # only one of each stays connected.
    for signal, notifier, uid in (
        (workflow_approved, ApprovalNotifier(), "workflow_state_approved_email_notification"),
        (workflow_rejected, RejectionNotifier(), "workflow_state_rejected_email_notification"),
    ):
        signal.disconnect(sender=WorkflowState, dispatch_uid=uid)
        signal.connect(notifier, sender=WorkflowState, dispatch_uid=uid, weak=False)


def email_return_link(author, story, url):
    """Send the private return link to the author alone, once the save is committed.

    Sent here, not through the task queue: a queued task would keep the author and the link in
    a database row after the link between them and the story is erased.
    """
    if not author.email:
        return
    with speaking_to(author):
        message = _return_link_email(author, story, url)
    transaction.on_commit(lambda: message.send(fail_silently=True))


def _return_link_email(author, story, url):
    context = {
        "author": author,
        "story": story,
        "return_url": url,
        "site_name": getattr(settings, "WAGTAIL_SITE_NAME", "Own It"),
    }
    message = EmailMultiAlternatives(
        subject=_("Your private return link for “%(title)s”") % {"title": story.title},
        body=render_to_string("stories/email/return_link.txt", context),
        to=[author.email],
    )
    message.attach_alternative(
        render_to_string("stories/email/return_link.html", context), "text/html"
    )
    return message
