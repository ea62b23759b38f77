"""Who may do what with a story in the admin, decided from the story's state on every request.

Group page rights (stories/roles.py) say who reviews stories: Moderators and the Culture team
hold `change_page` on the stories index, and the Culture team also `publish_page`. Wagtail would
read those rights as "edit, publish and delete every story at any time", which breaks two promises:

* **A draft is its author's alone** until they press "Submit for review". A private draft (never
  live, never published, not in the "Culture review" workflow) is invisible to every role:
  `StoryPermissionTester` refuses every action on it, and `ReviewedPagePermissionPolicy` leaves it
  out of every admin listing that asks the page policy (explorer, admin search, admin API, reports,
  site history, bulk actions); `hide_stories_from_chooser` does the same for the page chooser.
* **Review cannot be skipped**: a story that is not live goes live only through the workflow's
  approval. Nobody but a superuser publishes one directly. A reviewer may correct a story that is
  already live and publish the correction, and unpublish it; deleting needs `publish_page` on the
  index (the Culture team).

Nothing here is cached across requests: the state is read from the page and its workflow state.
"""

from django.contrib.contenttypes.models import ContentType
from django.db.models import CharField, Exists, OuterRef
from django.db.models.functions import Cast
from wagtail.models import (
    Page,
    PageLogEntry,
    PagePermissionTester,
    TaskState,
    WorkflowState,
)
from wagtail.permission_policies.pages import PagePermissionPolicy


def _in_workflow():
    """A subquery: the page has a workflow state in progress or waiting for changes."""
    return Exists(
        WorkflowState.objects.active().filter(
            base_content_type_id=ContentType.objects.get_for_model(Page).pk,
            object_id=Cast(OuterRef("pk"), output_field=CharField()),
        )
    )


def private_draft_ids():
    """The ids of the stories that are still their author's alone.

    A list rather than a subquery: the admin's search backends accept `id__in` with values only.
    Drafts are few next to published stories, and this is read afresh on every request.
    """
    from .models import StoryPage

    return list(
        StoryPage.objects.filter(live=False, first_published_at__isnull=True)
        .exclude(_in_workflow())
        .values_list("pk", flat=True)
    )


def unpublished_story_ids():
    """The ids of every story that is not live (private drafts, in review, unpublished)."""
    from .models import StoryPage

    return list(StoryPage.objects.filter(live=False).values_list("pk", flat=True))


def _workflow_states(story):
    return WorkflowState.objects.filter(
        base_content_type_id=ContentType.objects.get_for_model(Page).pk, object_id=str(story.pk)
    )


def is_private_draft(story):
    if story.live or story.first_published_at is not None:
        return False
    return not _workflow_states(story).active().exists()


def is_being_approved_by(story, user):
    """True while `user`'s approval of the story's review is publishing it.

    Wagtail publishes an approved revision as the approving user, asking `can_publish` first: at
    that moment the story's latest workflow state is approved, its last task finished by `user`,
    and the story has not been published since. Approving again is the only way back to live.
    """
    state = _workflow_states(story).select_related("current_task_state").order_by("-pk").first()
    if state is None or state.status != WorkflowState.STATUS_APPROVED:
        return False
    task = state.current_task_state
    if task is None or task.status != TaskState.STATUS_APPROVED or task.finished_by_id != user.pk:
        return False
    # Asked of the audit log: a page's own publish dates are rewritten by every draft save.
    published_since = PageLogEntry.objects.filter(
        page_id=story.pk, action="wagtail.publish", timestamp__gte=task.finished_at
    )
    return not published_since.exists()


class StoryPermissionTester(PagePermissionTester):
    """Wagtail's answers, narrowed by the story's state (see the module docstring)."""

    def __init__(self, user, page):
        super().__init__(user, page)
        self.is_private = not user.is_superuser and is_private_draft(page)

    def _has(self, action):
        return self.user.is_active and (self.user.is_superuser or action in self.permissions)

    def can_edit(self):
        return not self.is_private and super().can_edit()

    def can_view_revisions(self):
        return not self.is_private and (self._has("change") or self.can_edit())

    def can_publish(self):
        # Not live: only the workflow's approval publishes it. Live: a reviewer's correction.
        if not self.user.is_active:
            return False
        if self.user.is_superuser:
            return True
        if self.page.live:
            return self._has("change")
        return is_being_approved_by(self.page, self.user)

    def can_unpublish(self):
        return self.page.live and not self.page_locked() and self._has("change")

    def can_unschedule(self):
        return self.can_publish()

    def can_delete(self, ignore_bulk=False):
        # Deleting loses a story for good: the Culture team only, never a private draft.
        return not self.is_private and self._has("publish")

    def can_set_view_restrictions(self):
        return not self.is_private and self._has("publish")

    def can_submit_for_moderation(self):
        return not self.is_private and self._has("change") and super().can_submit_for_moderation()

    def can_lock(self):
        return not self.is_private and super().can_lock()

    def can_unlock(self):
        return not self.is_private and super().can_unlock()

    def can_copy(self):
        # A copy would be a story without an author: nobody copies stories.
        return self.user.is_active and self.user.is_superuser

    def can_move(self):
        return self.user.is_active and self.user.is_superuser


class ReviewedPagePermissionPolicy(PagePermissionPolicy):
    """The site's page policy: Wagtail's, minus the private story drafts.

    Registered for `Page` (stories/wagtail_hooks.py), so every admin view that asks which pages a
    user may explore or act on (explorer, admin search, admin API, site history, workflow and page
    reports, bulk actions) never lists a private draft. Superusers still see everything.
    """

    def instances_user_has_any_permission_for(self, user, actions):
        pages = super().instances_user_has_any_permission_for(user, actions)
        return pages if user.is_superuser else pages.exclude(id__in=private_draft_ids())

    def explorable_instances(self, user):
        pages = super().explorable_instances(user)
        return pages if user.is_superuser else pages.exclude(id__in=private_draft_ids())


def chooser_pages_for(user, pages):
    """What the page chooser offers `user`: no private drafts, and unpublished stories only to
    those who review stories (a lead picking stories for a pack sees published ones only)."""
    if user.is_superuser:
        return pages
    if _reviews_stories(user):
        return pages.exclude(id__in=private_draft_ids())
    return pages.exclude(id__in=unpublished_story_ids())


def _reviews_stories(user):
    from .models import StoriesIndexPage

    index = StoriesIndexPage.objects.first()
    return index is not None and "change" in index.permissions_for_user(user).permissions
