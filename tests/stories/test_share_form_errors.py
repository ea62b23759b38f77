"""Errors that help (GOV.UK's error summary pattern), counters, the guide, and what a phone reads
first: checked in the HTML the server sends. tests/browser/test_share_form.py checks the same
page in Chromium."""

import re

import pytest
from django.urls import reverse

from stories.forms import LINE_MAX, TITLE_MAX

from . import sharing_support
from .sharing_support import story_form

stories_index = sharing_support.stories_index

pytestmark = pytest.mark.django_db

SHARE = reverse("stories:share")


def ids_in(html):
    return set(re.findall(r'\sid="([^"]+)"', html))


def summary_of(html):
    return html.split('class="error-summary"')[1].split("</ul>")[0]


@pytest.fixture
def failed(employee_client, stories_index):
    """A submit with a problem in every kind of field: text, radio, month, lesson row, action row."""
    data = story_form(
        submit="1", title="", summary="", part="blamed", happened_year="", **{"actions-0-owner": ""}
    )
    data["lessons"] = ["Fine", "x" * (LINE_MAX + 1)]
    response = employee_client.post(SHARE, data)
    assert response.status_code == 200
    return response.content.decode()


def test_the_page_title_starts_with_error(failed, employee_client):
    assert re.search(r"<title>\s*Error: Share a mistake", failed)
    assert "Error:" not in employee_client.get(SHARE).content.decode().split("</title>")[0]


def test_the_error_summary_comes_first_and_takes_focus(failed):
    box = re.search(r"<div[^>]*class=\"error-summary\"[^>]*>", failed).group(0)
    assert 'tabindex="-1"' in box and "autofocus" in box
    assert "There is a problem" in failed
    main = failed.split('id="main"')[1]
    # Before the heading, the guide and the form: a phone shows it first.
    assert main.index("error-summary") < main.index("<h1") < main.index("writing-guide")
    assert main.index("writing-guide") < main.index("<form")


def test_each_summary_item_links_to_its_field_in_page_order(failed):
    links = re.findall(r'<a href="#([^"]+)">([^<]+)</a>', summary_of(failed))
    assert links == [
        ("id_title", "Give your story a title."),
        (
            "id_summary",
            "Write a one-line summary: what went wrong and what changed because of it.",
        ),
        ("id_happened_year", "Please give both the month and the year, or neither."),
        (
            "id_part_0",
            "Select a valid choice. blamed is not one of the available choices.",
        ),
        ("id_lessons_1", "Lesson 2 has 301 characters; please keep each to 300."),
        (
            "id_actions-0-owner",
            "Corrective action 1: Please say which team or role owns it.",
        ),
    ]
    # Every link goes to an element of the page.
    page_ids = ids_in(failed)
    assert {anchor for anchor, _message in links} <= page_ids


def test_messages_next_to_fields_are_linked_to_them(failed):
    page_ids = ids_in(failed)
    title = re.search(r"<input[^>]*name=\"title\"[^>]*>", failed).group(0)
    assert 'aria-invalid="true"' in title
    described = re.search(r'aria-describedby="([^"]+)"', title).group(1).split()
    assert described == ["id_title_helptext", "id_title_counter", "id_title_error"]
    assert set(described) <= page_ids
    assert '<p class="error-text" id="id_title_error">' in failed

    lesson = re.search(r"<input[^>]*id=\"id_lessons_1\"[^>]*>", failed).group(0)
    assert 'aria-invalid="true"' in lesson and 'aria-describedby="id_lessons_1_error"' in lesson
    first = re.search(r"<input[^>]*id=\"id_lessons_0\"[^>]*>", failed).group(0)
    assert "aria-invalid" not in first

    radios = re.search(r'<fieldset class="field field--choices field--error"[^>]*>', failed)
    assert 'aria-describedby="id_part_error"' in radios.group(0)

    owner = re.search(r"<input[^>]*name=\"actions-0-owner\"[^>]*>", failed).group(0)
    assert "id_actions-0-owner_error" in owner and 'aria-invalid="true"' in owner
    # Every aria-describedby on the page names elements that are there.
    for value in re.findall(r'aria-describedby="([^"]+)"', failed.split("<template")[0]):
        assert set(value.split()) <= page_ids, value


def test_a_page_without_errors_has_no_summary(employee_client, stories_index):
    html = employee_client.get(SHARE).content.decode()
    assert "error-summary" not in html.split("</form>")[0].split("<form")[0]
    assert "There is a problem" not in html


def test_limits_are_counted_but_checked_by_the_server(employee_client, stories_index):
    html = employee_client.get(SHARE).content.decode()
    assert 'maxlength="' not in html
    title = re.search(r"<input[^>]*name=\"title\"[^>]*>", html).group(0)
    assert f'data-char-limit="{TITLE_MAX}"' in title and 'data-count-from="0"' in title
    assert f"You can enter up to {TITLE_MAX} characters" in html
    # Long texts and rows show their counter near the limit only (JavaScript adds it).
    story = re.search(r"<textarea[^>]*name=\"what_happened\"[^>]*>", html).group(0)
    assert 'data-char-limit="8000" data-count-from="80"' in story
    assert 'data-char-limit="300"' in re.search(r'<input[^>]*name="lessons"[^>]*>', html).group(0)
    # Tags are limited by their number, which has its own message.
    assert "data-char-limit" not in re.search(r'<input[^>]*name="tags"[^>]*>', html).group(0)
    assert 'aria-live="polite"' in html

    # The server still refuses what is too long, with the count, and keeps it.
    response = employee_client.post(SHARE, story_form(save="1", title="t" * (TITLE_MAX + 5)))
    assert "Ensure this value has at most 150 characters (it has 155)." in response.content.decode()


def test_line_breaks_count_once_as_the_counter_counts_them(employee_client, stories_index):
    """A browser posts a line break as two characters (\\r\\n) but counts it as one."""
    text = ("a" * 99 + "\r\n") * 80  # 8,000 characters as typed, 8,080 as posted
    response = employee_client.post(SHARE, story_form(save="1", what_happened=text))
    assert response.status_code == 302


def test_the_writing_guide_is_folded_under_the_heading(employee_client, stories_index):
    html = employee_client.get(SHARE).content.decode()
    main = html.split('id="main"')[1]
    guide = main.split('<aside class="writing-guide"')[1].split("</aside>")[0]
    assert "<details" in guide and "<details open" not in guide
    assert "How to write a blameless story</summary>" in guide
    assert main.index("</h1>") < main.index("writing-guide") < main.index("<form")


def test_the_page_loads_its_own_stylesheet_and_script(employee_client, stories_index):
    html = employee_client.get(SHARE).content.decode()
    head = html.split("</head>")[0]
    assert 'href="/static/css/share.css"' in head
    assert '<script src="/static/js/share-form.js" defer>' in html
    assert "share.css" not in employee_client.get("/").content.decode()
