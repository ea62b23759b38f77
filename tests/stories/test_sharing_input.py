"""Bad input on the share form: clear messages next to the field, nothing typed lost, no 500s,
and nothing typed ever runs as HTML."""

import pytest
from django.urls import reverse

from stories.forms import rich_text_to_text, text_to_rich_text
from stories.models import StoryPage

from . import sharing_support
from .sharing_support import only_story, story_form

# Fixtures (assigned, not imported, so that test arguments may share their names).
stories_index = sharing_support.stories_index

pytestmark = pytest.mark.django_db

SHARE = reverse("stories:share")


def test_missing_fields_say_so_next_to_the_field_and_keep_the_rest(employee_client, stories_index):
    response = employee_client.post(
        SHARE, story_form(title="", what_happened="", own_it="We apologised at once.", submit="1")
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "Some fields need another look" in html
    assert 'id="id_title_error"' in html and 'id="id_what_happened_error"' in html
    # Next to the field and in the error summary at the top.
    assert html.count("Give your story a title.") == 2
    assert html.count("Say what happened: the facts, in order.") == 2
    assert 'aria-invalid="true"' in html
    assert "We apologised at once." in html
    assert 'value="Separate account for test sends"' in html
    assert not StoryPage.objects.exists()


def test_over_long_fields_are_refused_with_the_count_and_kept(employee_client, stories_index):
    long_summary = "s" * 250
    long_story = "word " * 2000
    response = employee_client.post(
        SHARE, story_form(summary=long_summary, what_happened=long_story, save="1")
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "Ensure this value has at most 200 characters (it has 250)." in html
    assert "Ensure this value has at most 8000 characters" in html
    assert long_summary in html
    assert long_story.strip() in html
    # No maxlength in the HTML: a browser would cut a paste off without a word.
    assert 'maxlength="' not in html
    assert not StoryPage.objects.exists()


def test_five_hundred_lessons_are_refused_with_a_message(employee_client, stories_index):
    lessons = "\n".join(f"Lesson about step {n}" for n in range(500))
    response = employee_client.post(SHARE, story_form(lessons=lessons, save="1"))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Please keep it to 20 lessons at most; there are 500." in html
    assert "Lesson about step 499" in html
    assert not StoryPage.objects.exists()


def test_an_over_long_lesson_names_its_number(employee_client, stories_index):
    response = employee_client.post(SHARE, story_form(lessons="Short\n" + "x" * 301, save="1"))
    assert "Lesson 2 has 301 characters; please keep each to 300." in response.content.decode()


def test_too_many_corrective_actions_are_refused_with_a_message(employee_client, stories_index):
    data = story_form(save="1", **{"actions-TOTAL_FORMS": "60"})
    for number in range(60):
        data[f"actions-{number}-description"] = f"Action {number}"
        data[f"actions-{number}-owner"] = "Support"
        data[f"actions-{number}-status"] = "open"
    response = employee_client.post(SHARE, data)
    assert response.status_code == 200
    assert "Please keep it to 20 corrective actions at most." in response.content.decode()
    assert not StoryPage.objects.exists()


def test_a_half_filled_action_says_what_is_missing(employee_client, stories_index):
    response = employee_client.post(
        SHARE, story_form(submit="1", **{"actions-0-owner": "", "actions-1-owner": "Finance"})
    )
    html = response.content.decode()
    assert "Please say which team or role owns it." in html
    assert "Please describe the action, or clear the row." in html
    assert not StoryPage.objects.exists()


def test_a_tampered_formset_is_a_message_not_a_crash(employee_client, stories_index):
    data = story_form(save="1")
    del data["actions-TOTAL_FORMS"]
    response = employee_client.post(SHARE, data)
    assert response.status_code == 200
    assert "Part of the form was missing" in response.content.decode()


@pytest.mark.parametrize(
    "overrides, message",
    [
        ({"happened_month": "13"}, "Select a valid choice."),
        ({"happened_year": "1200"}, "Please give a year between 1990 and"),
        ({"happened_year": ""}, "Please give both the month and the year, or neither."),
        ({"happened_year": "2999"}, "Please give a year between 1990 and"),
        ({"tags": ",".join(f"tag{n}" for n in range(12))}, "Please choose at most 10 tags"),
        ({"part": "blamed"}, "Select a valid choice."),
        ({"team": "99999"}, "Select a valid choice."),
        ({"actions-0-due_date": "next week"}, "Enter a valid date."),
    ],
)
def test_invalid_choices_and_dates_get_messages(employee_client, stories_index, overrides, message):
    response = employee_client.post(SHARE, story_form(save="1", **overrides))
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not StoryPage.objects.exists()


def test_a_month_still_to_come_is_refused(employee_client, stories_index):
    from django.utils import timezone

    today = timezone.localdate()
    month, year = (1, today.year + 1) if today.month == 12 else (today.month + 1, today.year)
    if year > today.year:
        pytest.skip("December: next month is next year, which the year check already refuses")
    response = employee_client.post(
        SHARE, story_form(save="1", happened_month=month, happened_year=year)
    )
    assert "That month is still to come." in response.content.decode()


SCRIPT = '<script>alert("owned")</script><img src=x onerror=alert(1)>'


def test_html_typed_into_any_field_is_kept_as_text_never_markup(employee_client, stories_index):
    fields = {
        "title": f"Title {SCRIPT}",
        "summary": f"Summary {SCRIPT}",
        "what_happened": f"Body {SCRIPT}",
        "own_it": f"<b>bold</b> {SCRIPT}",
        "lessons": f"Lesson {SCRIPT}",
        "questions": f"Question {SCRIPT}",
        "tags": "<i>tag</i>",
        "actions-0-description": f"Action {SCRIPT}",
        "actions-0-owner": "<u>Support</u>",
    }
    employee_client.post(SHARE, story_form(save="1", **fields))
    story = only_story().get_latest_revision_as_object()
    assert "<script" not in story.what_happened and "<img" not in story.what_happened
    assert story.what_happened == (
        '<p>Body &lt;script&gt;alert("owned")&lt;/script&gt;&lt;img src=x onerror=alert(1)&gt;</p>'
    )
    assert story.own_it.startswith("<p>&lt;b&gt;bold&lt;/b&gt;")
    # Plain fields keep exactly what was typed; templates escape it on the way out.
    assert story.title == f"Title {SCRIPT}"
    assert story.lessons.all()[0].text == f"Lesson {SCRIPT}"

    html = employee_client.get(reverse("stories:edit", args=[story.pk])).content.decode()
    assert "<script>alert" not in html
    assert "<img src=x" not in html
    assert "&lt;script&gt;alert(&quot;owned&quot;)&lt;/script&gt;" in html

    listing = employee_client.get(reverse("stories:my_stories")).content.decode()
    assert "<script>alert" not in listing


def test_control_characters_are_dropped_not_a_database_error(employee_client, stories_index):
    response = employee_client.post(
        SHARE, story_form(save="1", what_happened="Before\x01after", lessons="One\x07lesson")
    )
    assert response.status_code == 302
    story = only_story().get_latest_revision_as_object()
    assert story.what_happened == "<p>Beforeafter</p>"
    assert story.lessons.all()[0].text == "Onelesson"


def test_null_characters_get_a_message(employee_client, stories_index):
    response = employee_client.post(SHARE, story_form(save="1", title="Null\x00title"))
    assert response.status_code == 200
    assert "Null characters are not allowed." in response.content.decode()


def test_a_five_megabyte_field_gets_a_friendly_page_not_a_crash(client, employee, stories_index):
    client.force_login(employee)
    client.raise_request_exception = False
    response = client.post(SHARE, story_form(save="1", what_happened="x" * (5 * 1024 * 1024)))
    assert response.status_code == 400
    html = response.content.decode()
    assert "We couldn’t take that in" in html
    assert "Nothing was saved" in html
    assert "Traceback" not in html
    assert not StoryPage.objects.exists()


def test_thousands_of_fields_get_a_friendly_page_not_a_crash(client, employee, stories_index):
    client.force_login(employee)
    client.raise_request_exception = False
    data = story_form(save="1")
    data.update({f"actions-{n}-description": "x" for n in range(12_000)})
    response = client.post(SHARE, data)
    assert response.status_code == 400
    assert "We couldn’t take that in" in response.content.decode()
    assert not StoryPage.objects.exists()


def test_plain_text_and_rich_text_round_trip():
    text = "First line\nsecond line\n\nNew paragraph with <tags> & ampersands"
    rich = text_to_rich_text(text)
    assert rich == (
        "<p>First line<br/>second line</p><p>New paragraph with &lt;tags&gt; &amp; ampersands</p>"
    )
    assert rich_text_to_text(rich) == text
    assert text_to_rich_text("   \n\n ") == ""
