"""Saving a story written on the front end: a draft revision, the authorship, the review.

Anonymity is decided here. The real author is recorded only in `StoryAuthorship`. Everything
Wagtail records about the page — its owner, each revision's user, the audit log, the workflow's
"requested by" — names the account that *acts* for the story: the author for a named story, the
placeholder `anonymous_author()` for an anonymous one. So the admin's history, revisions,
workflow history and page editor show "Anonymous" and nothing else.
"""

from django.db import transaction
from django.utils.text import slugify
from wagtail.actions.unpublish_page import UnpublishPageAction
from wagtail.log_actions import log
from wagtail.models import PageLogEntry, Revision, WorkflowState

from . import workflow
from .blameless import plain_text
from .models import (
    CorrectiveAction,
    DiscussionQuestion,
    StoriesIndexPage,
    StoryAuthorship,
    StoryLesson,
    StoryPage,
    anonymous_author,
)
from .publication import cancel_schedule

# Paths under /stories/ that front-end views use; a story's slug never takes one of them.
RESERVED_SLUGS = {
    "share",
    "mine",
    "tags",
    "tag",
    "feed",
    "feeds",
    "search",
    "rss",
    "atom",
    "reports",
}
SLUG_MAX = 60


def acting_user(author, anonymous):
    """Who Wagtail records as doing things to the story."""
    return anonymous_author() if anonymous else author


def never_published(story):
    """Only a story that readers never saw is deleted by its author; a published one is
    withdrawn (unpublished) instead, and what was published stays in its history."""
    return not story.live and story.first_published_at is None


@transaction.atomic
def withdraw_story(story, author):
    """The author takes their published story down: readers no longer see it, it is a draft
    again (only the author sees it), and proposed changes in review are taken back."""
    actor = acting_user(author, story.authorship.is_anonymous)
    state = workflow.current_state(story)
    if state is not None:
        state.cancel(user=actor)
    # The author has no Wagtail right to unpublish (their rights are decided here, by the
    # authorship), so Wagtail's own action runs without its permission check.
    UnpublishPageAction(story, user=actor).execute(skip_permission_checks=True)


def missing_for_review(story):
    """Names of what `story` (a revision of it) still needs before it can go to review.

    The same needs as the form's "Submit for review" (`SUBMIT_REQUIRED`, and each corrective
    action with what will change and who owns it), read from a saved draft: the preview's
    "Submit for review" sends the draft as it was saved, without a form.
    """
    missing = []
    if not (story.summary or "").strip():
        missing.append("summary")
    if not plain_text(story.what_happened).strip():
        missing.append("what_happened")
    if any(
        not (action.description and (action.owner_team_id or action.owner_role))
        for action in story.actions.all()
    ):
        missing.append("actions")
    return missing


def unique_slug(index, title, story=None):
    base = slugify(title, allow_unicode=True)[:SLUG_MAX].strip("-") or "story"
    if base in RESERVED_SLUGS:
        base = f"{base}-story"
    siblings = StoryPage.objects.child_of(index).filter(slug__startswith=base)
    if story is not None and story.pk:
        siblings = siblings.exclude(pk=story.pk)
    taken = set(siblings.values_list("slug", flat=True))
    slug, number = base, 2
    while slug in taken:
        slug = f"{base}-{number}"
        number += 1
    return slug


def apply_story_data(story, data):
    """Set the fields, children and tags of `story` (a page or a revision of one) from `data`."""
    for name in (
        "title",
        "summary",
        "happened_on",
        "team",
        "series",
        "part",
        "size",
        "what_happened",
        "who_was_affected",
        "own_it",
        "make_it_right",
        "learn_and_prevent",
    ):
        setattr(story, name, data[name])
    story.draft_title = data["title"]
    if "suggested_repeat_of" in data:
        suggested = data["suggested_repeat_of"]
        if suggested is not None and suggested.pk == story.pk:
            suggested = None
        story.suggested_repeat_of = suggested
    story.lessons = [StoryLesson(text=text, sort_order=n) for n, text in enumerate(data["lessons"])]
    story.questions = [
        DiscussionQuestion(text=text, sort_order=n) for n, text in enumerate(data["questions"])
    ]
    story.actions = [
        CorrectiveAction(sort_order=n, **action) for n, action in enumerate(data["actions"])
    ]
    story.tags.set(data["tags"])


@transaction.atomic
def save_story(*, author, data, story=None, submit=False, index=None):
    """Create or update a story from the front-end form and save a draft revision.

    `submit=True` also sends it to the "Culture review" workflow; saving a draft of a story
    that is in review takes it back out until it is submitted again. A draft needs only a title.
    """
    anonymous = data["anonymous"]
    actor = acting_user(author, anonymous)
    if story is None:
        index = index or StoriesIndexPage.objects.get()
        story = StoryPage(owner=actor, live=False, has_unpublished_changes=True)
        apply_story_data(story, data)
        story.slug = unique_slug(index, data["title"])
        index.add_child(instance=story)
        log(instance=story, action="wagtail.create", user=actor, content_changed=True)
        authorship = StoryAuthorship.objects.create(
            story=story,
            author=author,
            is_anonymous=anonymous,
            erase_when_published=data.get("erase_identity", False),
        )
        story.new_return_link = _return_link_if_new(authorship, was_erasing=False)
    else:
        authorship = StoryAuthorship.objects.select_for_update().get(story=story)
        story = story.get_latest_revision_as_object()
        apply_story_data(story, data)
        if not story.live:
            # A published story keeps its address, whatever its proposed title.
            story.slug = unique_slug(story.get_parent(), data["title"], story=story)
        if authorship.is_anonymous != anonymous:
            authorship.is_anonymous = anonymous
            authorship.save(update_fields=["is_anonymous"])
            if anonymous:
                hide_author(story, author)
            else:
                StoryPage.objects.filter(pk=story.pk).update(owner=author)
            story.owner = actor
        # A new version from the author takes back an approved one still waiting for the daily
        # publication time; it goes through review again (as saving takes a story out of review).
        cancel_schedule(story)
        was_erasing = authorship.erase_when_published
        erase = data.get("erase_identity", False)
        if was_erasing != erase:
            authorship.erase_when_published = erase
            authorship.save(update_fields=["erase_when_published"])
        story.new_return_link = _return_link_if_new(authorship, was_erasing=was_erasing)
    if submit:
        story.save_revision(user=actor, log_action=True)
    else:
        # A draft may be half written ("Save a draft at any time": only the title is needed),
        # so it gets Wagtail's checks for drafts, as the admin's "Save draft" does: the title
        # and the slug. The full check runs when it is submitted.
        story.minimal_clean()
        story.save_revision(user=actor, log_action=True, clean=False)
    if submit:
        workflow.submit_for_review(story, actor)
    else:
        workflow.withdraw(story, actor)
    return story


def _return_link_if_new(authorship, *, was_erasing):
    """Anonymous to everyone, chosen just now: a private return link (the path, shown once and
    emailed to the author alone). Chosen no more: the old link stops working."""
    from .identity import issue_return_link

    if authorship.erase_when_published and not was_erasing:
        return issue_return_link(authorship)
    if not authorship.erase_when_published and authorship.return_token_hash:
        authorship.return_token_hash = ""
        authorship.save(update_fields=["return_token_hash"])
    return None


def hide_author(story, author):
    """Replace `author` with the placeholder in everything Wagtail recorded about `story`.

    Used when a story that was saved under the author's name becomes anonymous: its earlier
    revisions, log entries and workflow states named them.
    """
    placeholder = anonymous_author()
    StoryPage.objects.filter(pk=story.pk).update(owner=placeholder)
    story.owner = placeholder
    revisions = Revision.objects.filter(
        base_content_type_id=story.get_base_content_type().pk, object_id=str(story.pk)
    )
    revisions.filter(user=author).update(user=placeholder)
    for revision in revisions.only("pk", "content"):
        if revision.content.get("owner") == author.pk:
            revision.content["owner"] = placeholder.pk
            revision.save(update_fields=["content"])
    PageLogEntry.objects.filter(page_id=story.pk, user=author).update(user=placeholder)
    WorkflowState.objects.filter(
        base_content_type_id=story.get_base_content_type().pk,
        object_id=str(story.pk),
        requested_by=author,
    ).update(requested_by=placeholder)
