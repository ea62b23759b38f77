"""The "Culture review" moderation workflow, and where each story stands in it.

Stories are reviewed with Wagtail's own workflows: one workflow, "Culture review", with one group
approval task that Moderators and the Culture team can approve or send back with a comment. It is
assigned to the stories index, so it covers every story. Reviewers work in the Wagtail admin; the
author works on the front end ("My stories"), which calls `submit_for_review` and `withdraw`.
"""

import datetime
from typing import NamedTuple

from django.contrib.auth.models import Group
from django.contrib.contenttypes.models import ContentType
from django.db import models, transaction
from django.utils.translation import gettext_lazy as _
from wagtail.models import (
    GroupApprovalTask,
    Page,
    Workflow,
    WorkflowPage,
    WorkflowState,
    WorkflowTask,
)

from home.roles import CULTURE_TEAM, MODERATORS

WORKFLOW_NAME = "Culture review"
TASK_NAME = "Culture review: Moderators or Culture team"


class StoryState(models.TextChoices):
    DRAFT = "draft", _("Draft")
    IN_REVIEW = "in_review", _("In review")
    CHANGES_REQUESTED = "changes_requested", _("Changes requested")
    # Approved, waiting for the daily publication time (anonymous stories, stories/publication.py).
    SCHEDULED = "scheduled", _("Scheduled")
    PUBLISHED = "published", _("Published")
    WITHDRAWN = "withdrawn", _("Withdrawn")


@transaction.atomic
def culture_review_workflow():
    """The "Culture review" workflow, created on first use and assigned to the stories index.

    Idempotent: it runs after every migrate, from `load_demo` and before a story is submitted.
    A workflow the Culture team assigned to the index by hand in the admin is left alone.
    """
    from .models import StoriesIndexPage

    workflow, _ = Workflow.objects.get_or_create(name=WORKFLOW_NAME, defaults={"active": True})
    task = GroupApprovalTask.objects.filter(name=TASK_NAME).first()
    if task is None:
        task = GroupApprovalTask.objects.create(name=TASK_NAME)
    groups = [Group.objects.get_or_create(name=name)[0] for name in (MODERATORS, CULTURE_TEAM)]
    task.groups.add(*groups)
    if not WorkflowTask.objects.filter(workflow=workflow, task=task).exists():
        WorkflowTask.objects.create(workflow=workflow, task=task, sort_order=0)
    for index in StoriesIndexPage.objects.all():
        WorkflowPage.objects.get_or_create(page=index, defaults={"workflow": workflow})
    return workflow


def ensure_after_migrate(sender, **kwargs):
    """post_migrate: set the workflow up once Wagtail's tables exist."""
    culture_review_workflow()


def assign_to_new_index(sender, instance, created, raw=False, **kwargs):
    """post_save of StoriesIndexPage: a new index is reviewed from its first story."""
    if created and not raw:
        culture_review_workflow()


def current_state(story):
    """The story's workflow state that is in progress or needs changes, if any."""
    return (
        WorkflowState.objects.active()
        .filter(
            base_content_type_id=ContentType.objects.get_for_model(Page).pk,
            object_id=str(story.pk),
        )
        .select_related("current_task_state")
        .first()
    )


@transaction.atomic
def submit_for_review(story, user):
    """Send the latest revision to the reviewers.

    After "changes requested" the same workflow continues where it stopped (Wagtail's resume);
    a story already in review restarts it with the new revision; otherwise it starts afresh.
    `user` is who Wagtail records as asking: the author, or the anonymous placeholder.
    """
    state = current_state(story)
    if state is not None and state.status == WorkflowState.STATUS_NEEDS_CHANGES:
        state.resume(user)
        return state
    if state is not None:
        state.cancel(user=user)
    workflow = story.get_workflow() or culture_review_workflow()
    return workflow.start(story, user)


@transaction.atomic
def withdraw(story, user):
    """Take a story that is in review back out of it (the author saved a new draft).

    A story with changes requested keeps that state: the reviewers' note still stands until the
    author submits again.
    """
    state = current_state(story)
    if state is not None and state.status == WorkflowState.STATUS_IN_PROGRESS:
        state.cancel(user=user)


class Standing(NamedTuple):
    """Where a story stands for its author.

    `state`: the story itself (a draft, in review, published, withdrawn). `comment`: the
    reviewers' note when changes are requested. `changes`: for a published story, where the
    author's proposed changes stand (DRAFT, IN_REVIEW, CHANGES_REQUESTED, SCHEDULED), or None
    when there are none; readers see the published version meanwhile. `goes_live_on`: the date
    an approved story or approved changes go live, when SCHEDULED.
    """

    state: StoryState
    comment: str = ""
    changes: StoryState | None = None
    goes_live_on: datetime.date | None = None


def _review_state(workflow_state):
    if workflow_state.status == WorkflowState.STATUS_NEEDS_CHANGES:
        task_state = workflow_state.current_task_state
        return StoryState.CHANGES_REQUESTED, task_state.comment if task_state else ""
    return StoryState.IN_REVIEW, ""


def states_for(stories):
    """{story pk: Standing} for many stories in two queries."""
    from .publication import scheduled_dates

    stories = list(stories)
    if not stories:
        return {}
    # Every page's workflow state is recorded against the base Page type (cached lookup).
    content_type_id = ContentType.objects.get_for_model(Page).pk
    workflow_states = (
        WorkflowState.objects.active()
        .filter(
            base_content_type_id=content_type_id,
            object_id__in=[str(story.pk) for story in stories],
        )
        .select_related("current_task_state")
    )
    by_story = {int(state.object_id): state for state in workflow_states}
    scheduled = scheduled_dates([story.pk for story in stories])
    result = {}
    for story in stories:
        workflow_state = by_story.get(story.pk)
        review, comment = _review_state(workflow_state) if workflow_state else (None, "")
        goes_live_on = scheduled.get(story.pk)
        if story.live:
            changes = review or (
                StoryState.SCHEDULED
                if goes_live_on
                else StoryState.DRAFT
                if story.has_unpublished_changes
                else None
            )
            result[story.pk] = Standing(StoryState.PUBLISHED, comment, changes, goes_live_on)
        elif review is not None:
            result[story.pk] = Standing(review, comment)
        elif goes_live_on is not None:
            result[story.pk] = Standing(StoryState.SCHEDULED, goes_live_on=goes_live_on)
        elif story.first_published_at:
            result[story.pk] = Standing(StoryState.WITHDRAWN)
        else:
            result[story.pk] = Standing(StoryState.DRAFT)
    return result


def state_of(story):
    return states_for([story])[story.pk]
