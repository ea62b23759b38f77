"""Autosave of the share form on the server: a buffer beside the draft, never a revision, never
out of review, its author's alone, offered back when the form opens, gone after a real save."""

import datetime
import json
import re

import pytest
from django.urls import reverse
from django.utils import timezone

from stories.factories import StoryPageFactory
from stories.models import DraftAutosave, StoryPage
from stories.workflow import StoryState, state_of

from . import sharing_support
from .sharing_support import client_for, only_story, revisions_of, story_form

stories_index = sharing_support.stories_index

pytestmark = pytest.mark.django_db

SHARE = reverse("stories:share")
NEW = reverse("stories:autosave_new")


def waiting_fields(html):
    """The autosave the form offers back (json_script), as {name: [values]}."""
    match = re.search(r'<script id="autosave-waiting" type="application/json">(.*?)</script>', html)
    if not match:
        return None
    values = {}
    for name, value in json.loads(match.group(1)):
        values.setdefault(name, []).append(value)
    return values


def test_a_new_story_is_autosaved_without_making_a_story(employee_client, employee, stories_index):
    response = employee_client.post(NEW, story_form(title="Half a title", summary=""))
    assert response.status_code == 200
    answer = response.json()
    assert re.fullmatch(r"Saved \d\d:\d\d", answer["message"])
    assert not StoryPage.objects.exists()
    autosave = DraftAutosave.objects.get(author=employee, story=None)
    fields = dict(autosave.fields)
    assert fields["title"] == "Half a title"
    assert "csrfmiddlewaretoken" not in fields

    # Again: the same buffer, updated (one per author for a story not saved yet).
    employee_client.post(NEW, story_form(title="Half a title, and more"))
    assert DraftAutosave.objects.filter(author=employee).count() == 1


def test_the_share_form_offers_back_what_was_autosaved(employee_client, stories_index):
    employee_client.post(NEW, story_form(title="Kept while typing", lessons="One\nTwo"))
    html = employee_client.get(SHARE).content.decode()
    fields = waiting_fields(html)
    assert fields["title"] == ["Kept while typing"]
    assert fields["lessons"] == ["One\nTwo"]
    assert "data-autosave-waiting-at=" in html


def test_a_story_in_review_stays_in_review_and_gets_no_revision(
    employee_client, employee, stories_index
):
    employee_client.post(SHARE, story_form(submit="1"))
    story = only_story()
    revisions = revisions_of(story).count()
    url = reverse("stories:autosave", args=[story.pk])
    response = employee_client.post(url, story_form(summary="A better summary, typed later."))
    assert response.status_code == 200
    story.refresh_from_db()
    assert state_of(story)[0] == StoryState.IN_REVIEW
    assert revisions_of(story).count() == revisions
    latest = story.get_latest_revision_as_object()
    assert latest.summary != "A better summary, typed later."
    # Reopened, the form offers the newer text back.
    html = employee_client.get(reverse("stories:edit", args=[story.pk])).content.decode()
    assert waiting_fields(html)["summary"] == ["A better summary, typed later."]


def test_saving_a_draft_turns_the_autosave_into_a_revision_and_drops_it(
    employee_client, employee, stories_index
):
    employee_client.post(NEW, story_form(title="First words"))
    response = employee_client.post(SHARE, story_form(title="First words", save="1"))
    story = only_story()
    assert not DraftAutosave.objects.exists()
    # The page after the save tells the browser which copies the server now has.
    page = employee_client.get(response["Location"]).content.decode()
    assert f'data-autosave-cleared="new story-{story.pk}"' in page
    assert waiting_fields(page) is None
    # Only once.
    again = employee_client.get(response["Location"]).content.decode()
    assert "data-autosave-cleared" not in again

    url = reverse("stories:autosave", args=[story.pk])
    employee_client.post(url, story_form(title="First words, then more"))
    employee_client.post(
        reverse("stories:edit", args=[story.pk]),
        story_form(title="First words, then more", submit="1"),
    )
    assert not DraftAutosave.objects.exists()
    listing = employee_client.get(reverse("stories:my_stories")).content.decode()
    assert f'data-autosave-cleared="story-{story.pk}"' in listing


def test_an_autosave_older_than_the_latest_revision_is_not_offered(employee_client, stories_index):
    employee_client.post(SHARE, story_form(save="1"))
    story = only_story()
    employee_client.post(reverse("stories:autosave", args=[story.pk]), story_form(title="Older"))
    DraftAutosave.objects.update(saved_at=timezone.now() - datetime.timedelta(hours=1))
    html = employee_client.get(reverse("stories:edit", args=[story.pk])).content.decode()
    assert waiting_fields(html) is None


def test_discarding_forgets_the_autosave(employee_client, stories_index):
    employee_client.post(NEW, story_form(title="Not this after all"))
    response = employee_client.post(reverse("stories:autosave_discard_new"))
    assert response.status_code == 302 and response["Location"] == SHARE
    assert not DraftAutosave.objects.exists()
    assert waiting_fields(employee_client.get(SHARE).content.decode()) is None


def test_only_the_author_autosaves(employee_client, other_employee, stories_index):
    employee_client.post(SHARE, story_form(save="1"))
    story = only_story()
    url = reverse("stories:autosave", args=[story.pk])
    other = client_for(other_employee)
    assert other.post(url, story_form()).status_code == 404
    assert other.post(reverse("stories:autosave_discard", args=[story.pk])).status_code == 404
    assert employee_client.get(url).status_code == 405
    assert not DraftAutosave.objects.exists()


def test_changes_to_a_published_story_are_autosaved_and_readers_see_no_change(
    other_employee, stories_index
):
    published = StoryPageFactory(parent=stories_index, author=other_employee, title="As published")
    revisions = revisions_of(published).count()
    client = client_for(other_employee)
    url = reverse("stories:autosave", args=[published.pk])
    assert client.post(url, story_form(title="As proposed")).status_code == 200
    published.refresh_from_db()
    assert published.live and published.title == "As published"
    assert revisions_of(published).count() == revisions
    assert dict(DraftAutosave.objects.get(story=published).fields)["title"] == "As proposed"


def test_signed_out_autosave_is_refused_and_keeps_nothing(client, stories_index):
    response = client.post(NEW, story_form())
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]
    assert not DraftAutosave.objects.exists()


def test_too_much_to_autosave_is_refused_with_a_message(employee_client, stories_index):
    response = employee_client.post(NEW, story_form(what_happened="x" * 250_000))
    assert response.status_code == 413
    assert "Save draft" in response.json()["error"]
    assert not DraftAutosave.objects.exists()


def test_deleting_a_draft_deletes_its_autosave(employee_client, stories_index):
    employee_client.post(SHARE, story_form(save="1"))
    story = only_story()
    employee_client.post(reverse("stories:autosave", args=[story.pk]), story_form(title="More"))
    employee_client.post(reverse("stories:delete", args=[story.pk]))
    assert not DraftAutosave.objects.exists()
