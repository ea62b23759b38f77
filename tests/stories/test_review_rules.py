"""Review cannot be skipped: a story goes live only by the "Culture review" approval, reviewers'
edits keep it in review, and only the Culture team deletes. Through the real admin views."""

import pytest
from django.urls import reverse
from wagtail.models import WorkflowState
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text

from home.roles import sync_roles
from stories.models import StoryPage

from . import sharing_support
from .sharing_support import client_for, only_story, story_form

stories_index = sharing_support.stories_index

pytestmark = pytest.mark.django_db


@pytest.fixture
def in_review(employee_client, stories_index, role_users):
    sync_roles()
    employee_client.post(reverse("stories:share"), story_form(submit="1"))
    story = only_story()
    state = WorkflowState.objects.get(object_id=str(story.pk), status="in_progress")
    return story, state


def editor_form(story, title=None, **actions):
    story = StoryPage.objects.get(pk=story.pk).get_latest_revision_as_object()
    data = nested_form_data(
        {
            "title": title or story.title,
            "slug": story.slug,
            "summary": story.summary,
            "part": story.part,
            "size": story.size,
            "what_happened": rich_text(story.what_happened),
            "who_was_affected": rich_text(story.who_was_affected),
            "own_it": rich_text(story.own_it),
            "make_it_right": rich_text(story.make_it_right),
            "learn_and_prevent": rich_text(story.learn_and_prevent),
            "tags": "",
            "lessons": inline_formset([]),
            "actions": inline_formset([]),
            "questions": inline_formset([]),
            "comments": inline_formset([]),
        }
    )
    data.update(actions)
    return data


def edit_url(story):
    return reverse("wagtailadmin_pages:edit", args=[story.pk])


def approve_url(story, state):
    return reverse(
        "wagtailadmin_pages:workflow_action",
        args=(story.pk, "approve", state.current_task_state.pk),
    )


@pytest.mark.parametrize("reviewer", ["moderator", "culture_member"])
def test_the_editors_publish_button_does_not_skip_review(in_review, request, reviewer):
    story, _ = in_review
    client = client_for(request.getfixturevalue(reviewer))
    editor = client.get(edit_url(story)).content.decode()
    assert 'name="action-publish"' not in editor
    assert "Approve" in editor

    client.post(edit_url(story), editor_form(story, **{"action-publish": "action-publish"}))
    story = StoryPage.objects.get(pk=story.pk)
    assert not story.live and story.first_published_at is None

    bulk = reverse("wagtail_bulk_action", args=["wagtailcore", "page", "publish"])
    client.post(f"{bulk}?id={story.pk}", {})
    assert not StoryPage.objects.get(pk=story.pk).live


def test_a_reviewers_edit_keeps_the_story_in_review(in_review, moderator):
    story, state = in_review
    client = client_for(moderator)
    response = client.post(edit_url(story), editor_form(story, title="A clearer title"))
    assert response.status_code == 302
    state.refresh_from_db()
    assert state.status == WorkflowState.STATUS_IN_PROGRESS
    story = StoryPage.objects.get(pk=story.pk)
    assert story.get_latest_revision_as_object().title == "A clearer title"
    assert not story.live


def test_approval_publishes_and_is_the_only_way_live(in_review, moderator):
    story, state = in_review
    client = client_for(moderator)
    response = client.post(approve_url(story, state), {"comment": ""})
    assert response.status_code == 302
    story = StoryPage.objects.get(pk=story.pk)
    assert story.live
    state.refresh_from_db()
    assert state.status == WorkflowState.STATUS_APPROVED

    # Unpublished by a moderator, it does not go back without a new review.
    response = client.post(reverse("wagtailadmin_pages:unpublish", args=[story.pk]), {})
    assert response.status_code == 302
    story = StoryPage.objects.get(pk=story.pk)
    assert not story.live
    assert StoryPage.objects.filter(pk=story.pk).exists()
    client.post(edit_url(story), editor_form(story, **{"action-publish": "action-publish"}))
    assert not StoryPage.objects.get(pk=story.pk).live
    assert not story.permissions_for_user(moderator).can_publish()


def test_a_reviewer_publishes_a_correction_to_a_live_story(in_review, moderator):
    story, state = in_review
    client = client_for(moderator)
    client.post(approve_url(story, state), {"comment": ""})
    response = client.post(
        edit_url(story),
        editor_form(story, title="Corrected title", **{"action-publish": "action-publish"}),
    )
    assert response.status_code == 302
    story = StoryPage.objects.get(pk=story.pk)
    assert story.live and story.title == "Corrected title"


def test_moderators_unpublish_but_only_the_culture_team_deletes(
    in_review, moderator, culture_member
):
    story, state = in_review
    client_for(moderator).post(approve_url(story, state), {"comment": ""})
    delete = reverse("wagtailadmin_pages:delete", args=[story.pk])

    moderator_client = client_for(moderator)
    assert moderator_client.get(delete).status_code == 302  # permission denied
    moderator_client.post(delete, {})
    bulk = reverse("wagtail_bulk_action", args=["wagtailcore", "page", "delete"])
    moderator_client.post(f"{bulk}?id={story.pk}", {})
    assert StoryPage.objects.filter(pk=story.pk).exists()
    editor = moderator_client.get(edit_url(story)).content.decode()
    assert delete not in editor
    assert reverse("wagtailadmin_pages:unpublish", args=[story.pk]) in editor

    culture_client = client_for(culture_member)
    assert culture_client.get(delete).status_code == 200
    culture_client.post(delete, {})
    assert not StoryPage.objects.filter(pk=story.pk).exists()


def test_team_leads_have_no_story_rights_and_choose_only_published_stories(
    in_review, team_lead, moderator
):
    story, state = in_review
    client = client_for(team_lead)
    assert client.get(edit_url(story)).status_code == 302
    search = reverse("wagtailadmin_choose_page_search") + "?q=email"
    assert story.title.encode() not in client.get(search).content
    client_for(moderator).post(approve_url(story, state), {"comment": ""})
    assert story.title.encode() in client.get(search).content
    assert client.get(edit_url(story)).status_code == 302
