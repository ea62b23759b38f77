"""Nothing is lost between the share form and the story: every field, every row, every date and
choice survives saving, reopening the draft and a form that comes back with an error.

The edit page is read the way a browser submits it (share_form_support.form_data), so a value
that the HTML does not carry in a form the browser keeps — such as a due date written
"15/12/2026" in an <input type="date">, which the browser drops — fails here.
"""

import datetime

import pytest
from django.urls import reverse

from stories.factories import SeriesFactory, TeamFactory

from . import sharing_support
from .share_form_support import as_post, form_data, stored
from .sharing_support import only_story

stories_index = sharing_support.stories_index

pytestmark = pytest.mark.django_db

SHARE = reverse("stories:share")


def full_story(team, series):
    """A story with every field filled in, none of them at its default."""
    return {
        "title": "The invoice run charged twice",
        "summary": "A retried batch charged 300 customers twice; retries now check first.",
        "happened_month": "11",
        "happened_year": "2024",
        "team": str(team.pk),
        "series": str(series.pk),
        "tags": "billing, retries, customers",
        "part": "witnessed",
        "size": "huge",
        "what_happened": "The batch timed out.\nIt was retried by hand.\n\nBoth runs went through.",
        "who_was_affected": "300 customers, charged twice.",
        "own_it": "Finance told every customer the same day.",
        "make_it_right": "Refunds within the hour, and a note from the director.",
        "learn_and_prevent": "A retry now checks what the first run did.\n\nThe runbook says so.",
        "lessons": ["Retries must be safe to repeat", "Check before you retry", "Say so early"],
        "questions": ["Which of our jobs are unsafe to retry?", "Who would notice first?"],
        "identity": "confidential",
        "actions-TOTAL_FORMS": "3",
        "actions-INITIAL_FORMS": "0",
        "actions-MIN_NUM_FORMS": "0",
        "actions-MAX_NUM_FORMS": "20",
        "actions-0-description": "Make the batch idempotent",
        "actions-0-owner": "Billing engineering",
        "actions-0-due_date": "2026-12-15",
        "actions-0-status": "open",
        "actions-1-description": "Add the retry check to the runbook",
        "actions-1-owner": "Finance operations",
        "actions-1-due_date": "2024-12-01",
        "actions-1-status": "done",
        "actions-2-description": "Alert on double charges",
        "actions-2-owner": "Payments on-call",
        "actions-2-due_date": "",
        "actions-2-status": "open",
    }


EXPECTED = {
    "title": "The invoice run charged twice",
    "summary": "A retried batch charged 300 customers twice; retries now check first.",
    "happened_on": datetime.date(2024, 11, 1),
    "tags": ["billing", "customers", "retries"],
    "part": "witnessed",
    "size": "huge",
    "what_happened": "<p>The batch timed out.<br/>It was retried by hand.</p><p>Both runs went through.</p>",
    "who_was_affected": "<p>300 customers, charged twice.</p>",
    "own_it": "<p>Finance told every customer the same day.</p>",
    "make_it_right": "<p>Refunds within the hour, and a note from the director.</p>",
    "learn_and_prevent": "<p>A retry now checks what the first run did.</p><p>The runbook says so.</p>",
    "lessons": ["Retries must be safe to repeat", "Check before you retry", "Say so early"],
    "questions": ["Which of our jobs are unsafe to retry?", "Who would notice first?"],
    "actions": [
        ("Make the batch idempotent", "Billing engineering", datetime.date(2026, 12, 15), "open"),
        (
            "Add the retry check to the runbook",
            "Finance operations",
            datetime.date(2024, 12, 1),
            "done",
        ),
        ("Alert on double charges", "Payments on-call", None, "open"),
    ],
    "anonymous": True,
}


@pytest.fixture
def team(db):
    return TeamFactory(name="Finance")


@pytest.fixture
def series(db):
    return SeriesFactory(name="I screw up so you don't have to")


def test_saved_story_reopens_with_every_value_and_saves_back_identical(
    employee_client, stories_index, team, series
):
    response = employee_client.post(SHARE, {**full_story(team, series), "save": "1"})
    assert response.status_code == 302
    story = only_story()
    before = stored(story)
    assert before == {**EXPECTED, "team": team.pk, "series": series.pk}

    edit = reverse("stories:edit", args=[story.pk])
    html = employee_client.get(edit).content.decode()
    data = form_data(html, save="1")
    # The HTML carries every value in a form the browser keeps: ISO dates above all.
    assert 'type="date"' in html and 'value="2026-12-15"' in html
    assert "15/12/2026" not in html
    assert data["actions-0-due_date"] == "2026-12-15"
    assert data["actions-1-due_date"] == "2024-12-01"
    assert data["actions-1-status"] == "done"
    assert data.getlist("lessons")[:3] == EXPECTED["lessons"]
    assert data.getlist("questions")[:2] == EXPECTED["questions"]
    assert (data["happened_month"], data["happened_year"]) == ("11", "2024")
    assert (data["team"], data["series"]) == (str(team.pk), str(series.pk))
    assert (data["part"], data["size"], data["identity"]) == ("witnessed", "huge", "confidential")
    assert data["what_happened"] == full_story(team, series)["what_happened"]

    # Posted back unchanged (blank rows and all), the story is the same.
    response = employee_client.post(edit, as_post(data))
    assert response.status_code == 302, response.content.decode()[:2000]
    assert stored(story) == before

    # And once more, from the page as it is now: still identical.
    data = form_data(employee_client.get(edit).content.decode(), save="1")
    assert employee_client.post(edit, as_post(data)).status_code == 302
    assert stored(story) == before


def test_a_form_with_an_error_comes_back_with_everything_typed(
    employee_client, stories_index, team, series
):
    posted = {**full_story(team, series), "happened_year": "", "submit": "1"}
    response = employee_client.post(SHARE, posted)
    assert response.status_code == 200
    html = response.content.decode()
    assert "Please give both the month and the year, or neither." in html
    back = form_data(html)
    for name, value in posted.items():
        if name == "submit":
            continue
        expected = value if isinstance(value, list) else [value]
        # Lessons and questions come back with blank rows after them to type more.
        assert [v for v in back.getlist(name) if v] == [v for v in expected if v], name

    # Fixing the one field and sending the rest as it came back stores the whole story.
    back["happened_year"] = "2024"
    response = employee_client.post(SHARE, {**as_post(back), "submit": "1"})
    assert response.status_code == 302
    assert stored(only_story()) == {**EXPECTED, "team": team.pk, "series": series.pk}


def test_a_draft_reopened_with_a_half_filled_action_keeps_it(employee_client, stories_index):
    response = employee_client.post(
        SHARE,
        {
            **sharing_support.story_form(),
            "actions-0-owner": "",
            "actions-1-due_date": "2027-01-31",
            "save": "1",
        },
    )
    assert response.status_code == 302
    story = only_story()
    actions = stored(story)["actions"]
    assert actions == [
        ("Separate account for test sends", "", datetime.date(2024, 4, 30), "done"),
        ("", "", datetime.date(2027, 1, 31), "open"),
    ]
    edit = reverse("stories:edit", args=[story.pk])
    data = form_data(employee_client.get(edit).content.decode(), save="1")
    assert data["actions-1-due_date"] == "2027-01-31"
    assert employee_client.post(edit, as_post(data)).status_code == 302
    assert stored(story)["actions"] == actions


def test_removing_a_saved_action_without_javascript(employee_client, stories_index):
    employee_client.post(SHARE, sharing_support.story_form(save="1"))
    story = only_story()
    edit = reverse("stories:edit", args=[story.pk])
    html = employee_client.get(edit).content.decode()
    assert "Remove this action" in html
    data = form_data(html, save="1")
    data["actions-0-DELETE"] = "on"
    assert employee_client.post(edit, as_post(data)).status_code == 302
    assert stored(story)["actions"] == []


def test_a_ticked_remove_box_survives_a_form_with_an_error(employee_client, stories_index):
    employee_client.post(SHARE, sharing_support.story_form(save="1"))
    story = only_story()
    edit = reverse("stories:edit", args=[story.pk])
    data = form_data(employee_client.get(edit).content.decode(), save="1")
    data["actions-0-DELETE"] = "on"
    data["title"] = ""
    html = employee_client.post(edit, as_post(data)).content.decode()
    back = form_data(html, save="1")
    assert back["actions-0-DELETE"] == "on"
    back["title"] = "Back again"
    assert employee_client.post(edit, as_post(back)).status_code == 302
    assert stored(story)["actions"] == []
    assert stored(story)["title"] == "Back again"
