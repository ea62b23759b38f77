"""Demo content of the stories app: the stories index, teams, a series and the demo stories.

Idempotent: teams, series and phrases are fetched or created by name, and the stories are added
only while the index has none. Without demo users (DEBUG off) the stories are published without
a recorded author, and the ones that need an author (in review, drafts) are left out.
"""

import datetime

from django.test.utils import override_settings
from django.utils import timezone
from wagtail.log_actions import log
from wagtail.models import PageLogEntry, Revision, WorkflowState

from . import demo_stories, notifications
from .blameless_phrases import PHRASES_BY_LANGUAGE
from .forms import text_to_rich_text
from .identifying_details import DEFAULT_DETAILS
from .mistake_topics import DEFAULT_TOPICS
from .models import (
    BlamelessPhrase,
    IdentifyingDetail,
    LearnedFromThis,
    MistakeTopic,
    Series,
    StoriesIndexPage,
    StoryAuthorship,
    StoryPage,
    StoryReport,
    Team,
    anonymous_author,
)
from .models.pages import owner_from_text
from .publication import daily_time, publication_date, publication_time_on
from .sharing import acting_user, apply_story_data, save_story, unique_slug
from .similar import index_story
from .workflow import culture_review_workflow


def load(demo):
    index = _stories_index(demo.home)
    demo.extra["stories_index"] = index
    for language, phrases in PHRASES_BY_LANGUAGE.items():
        for phrase, suggestion in phrases:
            BlamelessPhrase.objects.get_or_create(
                language=language, phrase=phrase, defaults={"suggestion": suggestion}
            )
    for name, words in DEFAULT_TOPICS:
        MistakeTopic.objects.get_or_create(name=name, defaults={"words": words})
    for term, kind, suggestion in DEFAULT_DETAILS:
        IdentifyingDetail.objects.get_or_create(
            term=term, defaults={"kind": kind, "suggestion": suggestion}
        )
    # A customer the demo company treats as sensitive.
    IdentifyingDetail.objects.get_or_create(
        term="Northwind Traders",
        defaults={"kind": "customer", "suggestion": "a large wholesale customer"},
    )
    culture_review_workflow()
    teams = _teams(demo.users)
    demo.extra["teams"] = teams
    series, _ = Series.objects.get_or_create(
        name=demo_stories.SERIES,
        defaults={"description": "Colleagues tell the mistake, so the rest of us skip it."},
    )
    if StoryPage.objects.child_of(index).exists():
        demo.say("Stories: already there, left as they are.")
        return
    # The demo publishes and submits without mailing anyone, Wagtail's own notices included.
    with (
        notifications.muted(),
        override_settings(EMAIL_BACKEND="django.core.mail.backends.dummy.EmailBackend"),
    ):
        for story in demo_stories.PUBLISHED:
            _publish(index, story, teams, series, demo.users)
        if demo.users:
            _in_review(index, teams, demo.users)
            _learned_marks(index, demo.users)
            _report(index, demo.users)
    demo.say(f"Stories: {StoryPage.objects.child_of(index).count()} stories added.")


def _learned_marks(index, users):
    """A few "I learned from this" marks, a day or two after each story, so the counts and the
    campaign's progress have something to show."""
    readers = [users[name] for name in ("erin", "sam", "priya", "lee", "tove") if name in users]
    stories = (
        StoryPage.objects.child_of(index)
        .live()
        .select_related("authorship")
        .order_by("-first_published_at")
    )
    for number, story in enumerate(stories):
        author = getattr(story, "authorship", None)
        others = [r for r in readers if author is None or r.pk != author.author_id]
        for reader in others[: max(1, 5 - number % 4)]:
            mark, _ = LearnedFromThis.objects.get_or_create(story=story, user=reader)
            LearnedFromThis.objects.filter(pk=mark.pk).update(
                created_at=story.first_published_at + datetime.timedelta(days=1 + number % 2)
            )


def _report(index, users):
    """One open report from a reader, for moderators to resolve under "Story reports"."""
    reader = users.get("sam")
    story = StoryPage.objects.child_of(index).live().exclude(authorship__author=reader).first()
    if reader is not None and story is not None:
        StoryReport.objects.create(
            story=story,
            reporter=reader,
            reason=StoryReport.Reason.IDENTIFIES,
            text="Only two of us were on call that night, so everyone knows it was me.",
        )


def _stories_index(home):
    index = StoriesIndexPage.objects.child_of(home).first()
    if index is None:
        index = home.add_child(
            instance=StoriesIndexPage(
                title="Stories",
                slug="stories",
                intro="Mistakes we made, how we owned them, and what we learned.",
            )
        )
    return index


def _teams(users):
    teams = {}
    for name, description in demo_stories.TEAMS.items():
        team, _ = Team.objects.get_or_create(name=name, defaults={"description": description})
        members = [users[username] for username in demo_stories.MEMBERS[name] if username in users]
        if members:
            team.members.add(*members)
        teams[name] = team
    return teams


def _owner(text, teams_by_name):
    team, role = owner_from_text(text, teams_by_name)
    return {"owner_team": team, "owner_role": role}


def _data(story, teams, series=None):
    """A demo story as the data `stories.sharing` saves."""
    by_name = {name.lower(): team for name, team in teams.items()}
    return {
        "title": story["title"],
        "summary": story["summary"],
        "happened_on": story.get("happened_on"),
        "team": teams.get(story["team"]) if story["team"] else None,
        "series": series if story.get("series") else None,
        "tags": story["tags"],
        "part": story["part"],
        "size": story["size"],
        "what_happened": text_to_rich_text(story["what_happened"]),
        "who_was_affected": text_to_rich_text(story["who_was_affected"]),
        "own_it": text_to_rich_text(story["own_it"]),
        "make_it_right": text_to_rich_text(story["make_it_right"]),
        "learn_and_prevent": text_to_rich_text(story["learn_and_prevent"]),
        "lessons": story["lessons"],
        "questions": story["questions"],
        "actions": [
            {
                "description": description,
                **_owner(owner, by_name),
                "due_date": (timezone.localdate() + datetime.timedelta(days=due)) if due else None,
                "status": status,
            }
            for description, owner, due, status in story["actions"]
        ],
        "anonymous": story["anonymous"],
    }


def _publish(index, story, teams, series, users):
    """A published story, backdated, with the revision and history Wagtail would have made."""
    published_at = timezone.now() - datetime.timedelta(days=story["days_ago"], hours=3)
    if story["anonymous"]:
        # As if approved and published by `publish_scheduled` at the daily publication time.
        day = publication_date(published_at)
        if publication_time_on(day, daily_time()) > timezone.now():
            day -= datetime.timedelta(days=1)
        published_at = publication_time_on(day, daily_time())
    happened = (published_at - datetime.timedelta(days=30 * story["months_before"] + 5)).date()
    author = users.get(story["author"]) if story["author"] else None
    data = _data(story, teams, series)
    data["happened_on"] = happened.replace(day=1)
    for action in data["actions"]:
        if action["due_date"]:
            action["due_date"] = action["due_date"] - datetime.timedelta(days=story["days_ago"])
    actor = acting_user(author, story["anonymous"]) if author else anonymous_author()
    page = StoryPage(
        owner=actor,
        live=True,
        first_published_at=published_at,
        last_published_at=published_at,
        good_for_meetings=story["good_for_meetings"],
    )
    apply_story_data(page, data)
    if story.get("repeat_of"):
        earlier_title, action = story["repeat_of"]
        page.repeat_of = StoryPage.objects.child_of(index).get(title=earlier_title)
        if action:
            page.repeat_of_action = page.repeat_of.actions.get(description=action)
        else:
            page.repeat_not_prevented = True
    page.slug = unique_slug(index, story["title"])
    index.add_child(instance=page)
    if author is not None:
        StoryAuthorship.objects.create(story=page, author=author, is_anonymous=story["anonymous"])
    revision = page.save_revision(user=actor, changed=False)
    Revision.objects.filter(pk=revision.pk).update(created_at=published_at)
    StoryPage.objects.filter(pk=page.pk).update(
        live_revision=revision, latest_revision_created_at=published_at
    )
    log(instance=page, action="wagtail.publish", user=actor, revision=revision)
    PageLogEntry.objects.filter(page=page).update(timestamp=published_at)
    # Published without Wagtail's signal (backdated): "Has this happened before?" learns it here.
    index_story(page)


def _in_review(index, teams, users):
    for story in demo_stories.IN_REVIEW:
        save_story(
            author=users[story["author"]], data=_data(story, teams), submit=True, index=index
        )
    sent_back = demo_stories.CHANGES_REQUESTED
    page = save_story(
        author=users[sent_back["author"]], data=_data(sent_back, teams), submit=True, index=index
    )
    reviewer = users.get("morgan")
    state = WorkflowState.objects.get(object_id=str(page.pk), status="in_progress")
    state.current_task_state.specific.reject(user=reviewer, comment=sent_back["review_comment"])
    draft = demo_stories.DRAFT
    save_story(author=users[draft["author"]], data=_data(draft, teams), index=index)
