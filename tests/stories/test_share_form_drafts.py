"""“Save a draft at any time”: a draft needs only a title; “Submit for review” asks for the rest,
says so in plain words next to each field, and keeps everything typed."""

import pytest
from django.urls import reverse
from wagtail.models import WorkflowState

from stories.models import StoryPage

from . import sharing_support
from .share_form_support import as_post, form_data, stored
from .sharing_support import only_story, story_form

stories_index = sharing_support.stories_index

pytestmark = pytest.mark.django_db

SHARE = reverse("stories:share")
MINE = reverse("stories:my_stories")
# What the page always sends about its corrective action rows (here: none).
NO_ACTIONS = {
    "actions-TOTAL_FORMS": "0",
    "actions-INITIAL_FORMS": "0",
    "actions-MIN_NUM_FORMS": "0",
    "actions-MAX_NUM_FORMS": "20",
}


def test_a_draft_with_only_a_title_is_saved(employee_client, employee, stories_index):
    response = employee_client.post(
        SHARE, {**NO_ACTIONS, "title": "Something about the invoices", "save": "1"}
    )
    assert response.status_code == 302
    story = only_story()
    assert response["Location"] == reverse("stories:edit", args=[story.pk])
    assert story.authorship.author == employee
    assert not story.live
    assert not WorkflowState.objects.filter(object_id=str(story.pk)).exists()
    saved = stored(story)
    assert saved["title"] == "Something about the invoices"
    assert saved["summary"] == "" and saved["what_happened"] == ""
    assert saved["lessons"] == [] and saved["actions"] == []
    # The defaults a browser would have sent for the radio buttons.
    assert (saved["part"], saved["size"]) == ("made", "small")

    page = employee_client.get(response["Location"])
    assert page.status_code == 200
    assert "Draft saved" in page.content.decode()
    assert "Something about the invoices" in employee_client.get(MINE).content.decode()


def test_a_draft_still_needs_its_title(employee_client, stories_index):
    response = employee_client.post(
        SHARE, {**NO_ACTIONS, "title": "  ", "summary": "Kept", "save": "1"}
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "Give your story a title." in html
    assert "This field is required." not in html
    assert 'value="Kept"' in html
    # Only the title is asked for when saving a draft.
    assert "Write a one-line summary" not in html
    assert not StoryPage.objects.exists()


def test_submitting_asks_for_the_rest_in_plain_words_and_keeps_what_was_typed(
    employee_client, stories_index
):
    response = employee_client.post(
        SHARE,
        {
            **NO_ACTIONS,
            "title": "Something about the invoices",
            "own_it": "We said so at once.",
            "lessons": ["Check first"],
            "part": "received",
            "submit": "1",
        },
    )
    assert response.status_code == 200
    html = response.content.decode()
    form = response.context["form"]
    assert form.errors == {
        "summary": ["Write a one-line summary: what went wrong and what changed because of it."],
        "what_happened": ["Say what happened: the facts, in order."],
        "size": ["Choose how big it was."],
    }
    assert "This field is required." not in html
    # The hint that a draft would have been saved.
    assert "a draft needs only a title" in html
    data = form_data(html)
    assert data["title"] == "Something about the invoices"
    assert data["own_it"] == "We said so at once."
    assert data.getlist("lessons")[0] == "Check first"
    assert data["part"] == "received"
    assert not StoryPage.objects.exists()

    # The same page saved as a draft instead works, with everything typed.
    response = employee_client.post(SHARE, as_post(form_data(html, save="1")))
    assert response.status_code == 302
    saved = stored(only_story())
    assert saved["own_it"] == "<p>We said so at once.</p>"
    assert saved["lessons"] == ["Check first"]
    assert saved["part"] == "received"


def test_a_half_written_draft_can_be_finished_and_submitted(employee_client, stories_index):
    employee_client.post(SHARE, {**NO_ACTIONS, "title": "Half written", "save": "1"})
    story = only_story()
    edit = reverse("stories:edit", args=[story.pk])
    html = employee_client.get(edit).content.decode()
    assert 'value="Half written"' in html

    data = form_data(html, submit="1")
    response = employee_client.post(edit, as_post(data))
    assert response.status_code == 200
    assert "Write a one-line summary" in response.content.decode()
    assert not WorkflowState.objects.filter(object_id=str(story.pk)).exists()

    data["summary"] = "Now with a summary."
    data["what_happened"] = "And what happened."
    response = employee_client.post(edit, as_post(data))
    assert response.status_code == 302 and response["Location"] == MINE
    state = WorkflowState.objects.get(object_id=str(story.pk))
    assert state.status == WorkflowState.STATUS_IN_PROGRESS


def test_half_filled_actions_save_in_a_draft_but_not_for_review(employee_client, stories_index):
    half = {"actions-0-owner": "", "actions-1-description": "Only a description"}
    response = employee_client.post(SHARE, story_form(submit="1", **half))
    assert response.status_code == 200
    html = response.content.decode()
    assert html.count("Please say which team or role owns it.") == 4  # twice, in the summary
    assert "Corrective action 1: Please say which team or role owns it." in html
    assert not StoryPage.objects.exists()

    response = employee_client.post(SHARE, story_form(save="1", **half))
    assert response.status_code == 302
    assert [a[:2] for a in stored(only_story())["actions"]] == [
        ("Separate account for test sends", ""),
        ("Only a description", ""),
    ]


def test_labels_say_what_a_draft_and_a_review_need(employee_client, stories_index):
    html = employee_client.get(SHARE).content.decode()
    title = html.split('for="id_title"')[1].split("</label>")[0]
    summary = html.split('for="id_summary"')[1].split("</label>")[0]
    what = html.split('for="id_what_happened"')[1].split("</label>")[0]
    team = html.split('for="id_team"')[1].split("</label>")[0]
    assert "(required)" in title
    assert "(needed to submit)" in summary and "(needed to submit)" in what
    assert "required" not in team and "needed" not in team
    assert "it needs only a title" in html
