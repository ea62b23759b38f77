"""“Check before sending”: the share form's Preview shows the draft on the real story page, with
the blameless notes beside it; only its author sees it, and from it they edit on or submit."""

import pytest
from django.urls import reverse
from wagtail.models import PageLogEntry, WorkflowState

from stories.models import StoryPage, anonymous_author

from . import sharing_support
from .sharing_support import client_for, only_story, story_form

stories_index = sharing_support.stories_index

pytestmark = pytest.mark.django_db

SHARE = reverse("stories:share")


def preview_url(story):
    return reverse("stories:preview", args=[story.pk])


def test_preview_saves_the_draft_and_shows_the_story_page(
    employee_client, stories_index, other_employee
):
    response = employee_client.post(
        SHARE,
        story_form(own_it="Sam Okafor told the customers within the hour.", preview="1"),
    )
    story = only_story()
    assert response.status_code == 302
    assert response["Location"] == preview_url(story)
    assert not story.live
    assert not WorkflowState.objects.filter(object_id=str(story.pk)).exists()

    page = employee_client.get(response["Location"])
    assert page.status_code == 200
    html = page.content.decode()
    # The real story page's markup, with the draft's words and the author's name.
    assert "stories/story_page.html" in [t.name for t in page.templates]
    assert '<h1 id="story-title">A test email went to every customer</h1>' in html
    assert 'class="story__byline">Erin Walsh<' in html
    assert "Test with test data" in html
    # The blameless notes beside it, and the way on.
    assert "Names a colleague: “Sam Okafor”" in html
    assert "1 note on the wording" in html
    assert f'href="{reverse("stories:edit", args=[story.pk])}"' in html
    assert 'name="submit"' in html
    assert "Your draft was saved" in html
    # Never cached, never reacted to.
    assert "no-cache" in page["Cache-Control"] or "max-age=0" in page["Cache-Control"]
    assert "data-learned-form" not in html
    assert not StoryPage.objects.get(pk=story.pk).live


def test_an_anonymous_story_previews_as_anonymous(employee_client, stories_index):
    employee_client.post(SHARE, story_form(anonymous="on", preview="1"))
    story = only_story()
    html = employee_client.get(preview_url(story)).content.decode()
    assert 'class="story__byline">Anonymous<' in html
    assert "Erin" not in html.split('id="main"', 1)[1].split("</main>", 1)[0]


def test_preview_shows_the_latest_draft_not_a_cached_one(employee_client, stories_index):
    employee_client.post(SHARE, story_form(preview="1"))
    story = only_story()
    assert "A test email" in employee_client.get(preview_url(story)).content.decode()
    employee_client.post(
        reverse("stories:edit", args=[story.pk]), story_form(title="Second title", preview="1")
    )
    html = employee_client.get(preview_url(story)).content.decode()
    assert "Second title" in html
    assert "A test email went to every customer" not in html


@pytest.mark.parametrize("who", ["other_employee", "moderator", "culture_member"])
def test_only_the_author_sees_the_preview(request, employee_client, stories_index, who):
    employee_client.post(SHARE, story_form(preview="1"))
    story = only_story()
    other = client_for(request.getfixturevalue(who))
    assert other.get(preview_url(story)).status_code == 404
    assert other.post(preview_url(story), {"submit": "1"}).status_code == 404
    assert not WorkflowState.objects.filter(object_id=str(story.pk)).exists()


def test_submit_from_the_preview_sends_it_to_review(employee_client, employee, stories_index):
    employee_client.post(SHARE, story_form(preview="1"))
    story = only_story()
    response = employee_client.post(preview_url(story), {"submit": "1"})
    assert response.status_code == 302
    assert response["Location"] == reverse("stories:my_stories")
    state = WorkflowState.objects.get(object_id=str(story.pk))
    assert state.status == WorkflowState.STATUS_IN_PROGRESS
    assert state.requested_by == employee
    assert not StoryPage.objects.get(pk=story.pk).live


def test_submit_from_an_anonymous_preview_is_requested_by_the_placeholder(
    employee_client, stories_index
):
    employee_client.post(SHARE, story_form(anonymous="on", preview="1"))
    story = only_story()
    employee_client.post(preview_url(story), {"submit": "1"})
    state = WorkflowState.objects.get(object_id=str(story.pk))
    assert state.requested_by == anonymous_author()
    assert not PageLogEntry.objects.filter(page_id=story.pk, user__username="erin").exists()


def test_a_draft_missing_what_review_needs_goes_back_to_the_form(employee_client, stories_index):
    employee_client.post(SHARE, story_form(summary="", what_happened="", preview="1"))
    story = only_story()
    page = employee_client.get(preview_url(story))
    assert page.status_code == 200
    response = employee_client.post(preview_url(story), {"submit": "1"}, follow=True)
    assert response.redirect_chain[-1][0] == reverse("stories:edit", args=[story.pk])
    assert "needs a little more before it can be reviewed" in response.content.decode()
    assert not WorkflowState.objects.filter(object_id=str(story.pk)).exists()


def test_back_to_editing_keeps_everything(employee_client, stories_index):
    employee_client.post(SHARE, story_form(preview="1"))
    story = only_story()
    html = employee_client.get(reverse("stories:edit", args=[story.pk])).content.decode()
    assert 'value="A test email went to every customer"' in html
    assert "We wrote to everyone with an apology and a discount." in html
    assert "Separate account for test sends" in html
