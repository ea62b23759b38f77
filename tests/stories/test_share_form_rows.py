"""Rows that grow: lessons and questions are one input each (all named alike), corrective actions
a formset. Without JavaScript the blank rows take new items; the old one-textarea shape of
lessons and questions is still read. tests/browser/test_share_form.py adds and removes rows."""

import re

import pytest
from django.urls import reverse

from stories.forms import StoryForm
from stories.models.pages import MAX_ACTIONS, MAX_LESSONS, MAX_QUESTIONS

from . import sharing_support
from .share_form_support import as_post, form_data, stored
from .sharing_support import only_story, story_form

stories_index = sharing_support.stories_index

pytestmark = pytest.mark.django_db

SHARE = reverse("stories:share")


def rows_of(html, name):
    """The inputs of a repeated field outside the <template> JavaScript copies from."""
    outside = re.sub(r"<template.*?</template>", "", html, flags=re.DOTALL)
    return re.findall(
        rf'<input type="text" name="{name}" id="(id_{name}_\d+)" value="([^"]*)"', outside
    )


def test_an_empty_form_has_blank_rows_and_a_row_to_copy(employee_client, stories_index):
    html = employee_client.get(SHARE).content.decode()
    assert rows_of(html, "lessons") == [(f"id_lessons_{n}", "") for n in range(3)]
    assert rows_of(html, "questions") == [(f"id_questions_{n}", "") for n in range(3)]
    for label in ("Lesson 1", "Lesson 3", "Question 1"):
        assert f"data-row-label>{label}</label>" in html
    # The rows JavaScript copies for "Add a lesson" and "Add a corrective action".
    templates = re.findall(r"<template data-row-template>(.*?)</template>", html, re.DOTALL)
    assert len(templates) == 3
    assert 'id="id_lessons___prefix__"' in templates[0]
    assert 'name="actions-__prefix__-description"' in templates[1]
    assert 'id="id_questions___prefix__"' in templates[2]
    # Their buttons, shown by the script only.
    for words in ("Add a lesson", "Add a question", "Add a corrective action"):
        assert re.search(rf'<button type="button"[^>]*data-add-row hidden>{words}</button>', html)
    assert 'aria-label="Remove lesson 1"' in html
    assert 'aria-label="Remove corrective action 1"' in html
    assert f'data-max-rows="{MAX_LESSONS}"' in html
    assert f'data-max-rows="{MAX_QUESTIONS}"' in html
    assert f'data-max-rows="{MAX_ACTIONS}"' in html


def test_each_lesson_input_is_one_lesson(employee_client, stories_index):
    data = story_form(save="1")
    data["lessons"] = ["First lesson", "", "  Third,   spaced  ", ""]
    data["questions"] = ["One question?", ""]
    assert employee_client.post(SHARE, data).status_code == 302
    saved = stored(only_story())
    assert saved["lessons"] == ["First lesson", "Third, spaced"]
    assert saved["questions"] == ["One question?"]


def test_the_old_textarea_shape_is_still_read(employee_client, stories_index):
    response = employee_client.post(
        SHARE, story_form(save="1", lessons="One\r\nTwo\n\nThree", questions="Why?\nHow?")
    )
    assert response.status_code == 302
    saved = stored(only_story())
    assert saved["lessons"] == ["One", "Two", "Three"]
    assert saved["questions"] == ["Why?", "How?"]


def test_a_textarea_shaped_lesson_list_comes_back_as_rows_after_an_error(
    employee_client, stories_index
):
    response = employee_client.post(SHARE, story_form(save="1", title="", lessons="One\nTwo"))
    assert response.status_code == 200
    html = response.content.decode()
    assert rows_of(html, "lessons")[:2] == [("id_lessons_0", "One"), ("id_lessons_1", "Two")]


def test_a_saved_story_shows_its_lessons_then_two_blank_rows(employee_client, stories_index):
    employee_client.post(SHARE, story_form(save="1"))
    story = only_story()
    html = employee_client.get(reverse("stories:edit", args=[story.pk])).content.decode()
    assert rows_of(html, "lessons") == [
        ("id_lessons_0", "Test with test data"),
        ("id_lessons_1", "Make the dangerous button look dangerous"),
        ("id_lessons_2", ""),
        ("id_lessons_3", ""),
    ]


def test_a_full_list_gets_no_blank_rows(employee_client, stories_index):
    data = story_form(save="1")
    data["lessons"] = [f"Lesson {n}" for n in range(MAX_LESSONS)]
    employee_client.post(SHARE, data)
    story = only_story()
    html = employee_client.get(reverse("stories:edit", args=[story.pk])).content.decode()
    assert len(rows_of(html, "lessons")) == MAX_LESSONS


def test_a_row_that_is_too_long_gets_its_message_next_to_it(employee_client, stories_index):
    data = story_form(save="1")
    data["lessons"] = ["Short", "x" * 301, "Also fine", "y" * 400]
    response = employee_client.post(SHARE, data)
    html = response.content.decode()
    assert 'id="id_lessons_1_error"' in html and 'id="id_lessons_3_error"' in html
    row = html.split('id="id_lessons_1_error"')[1].split("</p>")[0]
    assert "Lesson 2 has 301 characters; please keep each to 300." in row
    assert "Lesson 4 has 400 characters" in html.split('id="id_lessons_3_error"')[1]
    assert 'id="id_lessons_0_error"' not in html
    # Everything typed is back, in its row.
    assert [value for _id, value in rows_of(html, "lessons")][:4] == data["lessons"]


def test_too_many_lessons_is_one_message_for_the_list(employee_client, stories_index):
    data = story_form(save="1")
    data["lessons"] = [f"Lesson {n}" for n in range(MAX_LESSONS + 3)]
    html = employee_client.post(SHARE, data).content.decode()
    assert 'id="id_lessons_error"' in html
    assert "Please keep it to 20 lessons at most; there are 23." in html
    assert len(rows_of(html, "lessons")) == MAX_LESSONS + 3


def test_the_blameless_check_reads_every_lesson_row(employee_client, stories_index):
    from home.factories import UserFactory

    UserFactory(username="priya", first_name="Priya", last_name="Shah")
    data = story_form(save="1")
    data["lessons"] = ["Fine", "Ask Priya Shah first"]
    response = employee_client.post(SHARE, data)
    html = employee_client.get(response["Location"]).content.decode()
    lessons = html.split('<fieldset class="field field--lines')[1].split("</fieldset>")[0]
    assert "Names a colleague: “Priya Shah”" in lessons
    assert 'id="id_lessons_notes"' in lessons


def test_unbound_form_reads_lessons_from_a_list():
    form = StoryForm(initial={"lessons": ["One", "Two"], "questions": []})
    rows = form["lessons"].rows
    assert [row["value"] for row in rows] == ["One", "Two", "", ""]
    assert [row["label"] for row in rows] == ["Lesson 1", "Lesson 2", "Lesson 3", "Lesson 4"]
    assert [row["value"] for row in form["questions"].rows] == ["", "", ""]


def test_an_action_row_added_by_the_page_is_saved(employee_client, stories_index):
    """What share-form.js does for "Add a corrective action": one more row, TOTAL_FORMS + 1."""
    html = employee_client.get(SHARE).content.decode()
    data = form_data(html, save="1")
    total = int(data["actions-TOTAL_FORMS"])
    data.update(
        {
            "title": "Added rows",
            f"actions-{total}-description": "A row added at the end",
            f"actions-{total}-owner": "Support",
            f"actions-{total}-due_date": "2027-03-01",
            f"actions-{total}-status": "open",
            "actions-TOTAL_FORMS": str(total + 1),
        }
    )
    assert employee_client.post(SHARE, as_post(data)).status_code == 302
    assert [a[0] for a in stored(only_story())["actions"]] == ["A row added at the end"]
