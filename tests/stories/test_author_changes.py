"""Authors stay in charge of a published story: they propose changes (reviewed while the published
version stays up) and withdraw it themselves, from "My stories"."""

import pytest
from django.urls import reverse
from wagtail.models import PageLogEntry, WorkflowState

from home.roles import sync_roles
from stories.factories import StoryPageFactory
from stories.models import StoryPage, StoryTerm, anonymous_author
from stories.similar import index_story

from . import sharing_support
from .sharing_support import client_for, revisions_of, story_form

stories_index = sharing_support.stories_index

pytestmark = pytest.mark.django_db

MINE = reverse("stories:my_stories")


@pytest.fixture
def published(stories_index, employee):
    story = StoryPageFactory(
        parent=stories_index,
        author=employee,
        title="Old story",
        slug="old-story",
        summary="The summary readers know.",
    )
    story.save_revision().publish()
    index_story(story)
    return StoryPage.objects.get(pk=story.pk)


def in_review(story):
    return WorkflowState.objects.filter(object_id=str(story.pk), status="in_progress").first()


def test_my_stories_offers_changes_and_withdrawal_for_a_published_story(employee_client, published):
    listing = employee_client.get(MINE).content.decode()
    assert "Propose changes" in listing
    assert reverse("stories:edit", args=[published.pk]) in listing
    assert reverse("stories:withdraw", args=[published.pk]) in listing
    assert reverse("stories:delete", args=[published.pk]) not in listing
    form = employee_client.get(reverse("stories:edit", args=[published.pk])).content.decode()
    assert "Propose changes to “Old story”" in form
    assert "Readers keep seeing the published version" in form
    assert "Submit changes for review" in form
    assert "Delete this draft" not in form


def test_proposed_changes_go_through_review_while_the_published_version_stays_up(
    employee_client, reader_client, moderator, published, django_capture_on_commit_callbacks
):
    edit = reverse("stories:edit", args=[published.pk])
    revisions = revisions_of(published).count()
    changed = story_form(title="Old story, told better", summary="A clearer summary.")
    response = employee_client.post(edit, {**changed, "save": "1"})
    assert response.status_code == 302
    assert revisions_of(published).count() == revisions + 1
    page = reader_client.get(published.url).content.decode()
    assert "The summary readers know." in page and "A clearer summary." not in page
    assert "Your changes: a draft" in employee_client.get(MINE).content.decode()

    employee_client.post(edit, {**changed, "submit": "1"})
    state = in_review(published)
    assert state is not None
    story = StoryPage.objects.get(pk=published.pk)
    assert story.live and story.title == "Old story"
    assert "Your changes: in review" in employee_client.get(MINE).content.decode()
    assert "The summary readers know." in reader_client.get(published.url).content.decode()

    with django_capture_on_commit_callbacks(execute=True):
        state.current_task_state.specific.approve(user=moderator)
    story = StoryPage.objects.get(pk=published.pk)
    assert story.live and story.title == "Old story, told better"
    assert story.slug == "old-story"  # the address readers have stays the same
    page = reader_client.get(story.url).content.decode()
    assert "A clearer summary." in page
    listing = employee_client.get(MINE).content.decode()
    assert "Your changes" not in listing and "Propose changes" in listing


def test_an_author_withdraws_a_published_story(
    employee_client, reader_client, published, moderator
):
    index_url = published.get_parent().url
    assert "Old story" in reader_client.get(index_url).content.decode()  # cached from here on
    url = reverse("stories:withdraw", args=[published.pk])
    confirm = employee_client.get(url).content.decode()
    assert "Withdraw “Old story”?" in confirm and "Keep it published" in confirm
    # A proposal in review leaves the review with it.
    employee_client.post(
        reverse("stories:edit", args=[published.pk]), story_form(title="Old story", submit="1")
    )
    assert in_review(published) is not None
    response = employee_client.post(url, follow=True)
    assert "is withdrawn: readers no longer see it" in response.content.decode()
    story = StoryPage.objects.get(pk=published.pk)
    assert not story.live
    assert in_review(story) is None
    assert reader_client.get(published.url).status_code == 404
    assert "Old story" not in reader_client.get(index_url).content.decode()
    assert not StoryTerm.objects.filter(story=story).exists()  # nor "has this happened before?"
    listing = employee_client.get(MINE).content.decode()
    assert "Withdrawn" in listing and reverse("stories:edit", args=[story.pk]) in listing
    # Withdrawn, not deleted: the history stays, and the author cannot delete it.
    assert employee_client.get(reverse("stories:delete", args=[story.pk])).status_code == 404
    assert employee_client.post(url).status_code == 404  # not published: nothing to withdraw


def test_only_the_author_withdraws_or_proposes_changes(other_employee, published):
    other = client_for(other_employee)
    assert other.get(reverse("stories:withdraw", args=[published.pk])).status_code == 404
    assert other.post(reverse("stories:withdraw", args=[published.pk])).status_code == 404
    assert other.get(reverse("stories:edit", args=[published.pk])).status_code == 404
    assert StoryPage.objects.get(pk=published.pk).live


def test_an_anonymous_author_withdraws_as_anonymous(stories_index, employee, employee_client):
    story = StoryPageFactory(parent=stories_index, author=employee, author__anonymous=True)
    story.save_revision(user=anonymous_author()).publish()
    employee_client.post(reverse("stories:withdraw", args=[story.pk]))
    entry = PageLogEntry.objects.filter(page_id=story.pk, action="wagtail.unpublish").get()
    assert entry.user == anonymous_author()
    assert not PageLogEntry.objects.filter(page_id=story.pk, user=employee).exists()


@pytest.fixture
def reader_client(other_employee):
    sync_roles()
    return client_for(other_employee)


def test_proposed_changes_are_previewed_as_changes(employee_client, published):
    edit = reverse("stories:edit", args=[published.pk])
    response = employee_client.post(edit, story_form(title="Old story", preview="1"))
    assert response["Location"] == reverse("stories:preview", args=[published.pk])
    html = employee_client.get(response["Location"]).content.decode()
    assert "This is your story with your changes" in html
    assert "Submit changes for review" in html
    assert StoryPage.objects.get(pk=published.pk).live
