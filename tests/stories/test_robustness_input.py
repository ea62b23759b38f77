"""Odd input found by the robustness review: each one used to be a 500.

Some only failed on one database (noted on the test); the suite runs on both.
"""

import pytest
from django.urls import reverse

from stories.factories import StoryPageFactory
from stories.models import StoryPage

from . import reading_support, sharing_support
from .sharing_support import story_form

# Fixtures (assigned, not imported, so that test arguments may share their names).
stories_index = sharing_support.stories_index
empty_cache = reading_support.empty_cache

pytestmark = pytest.mark.django_db

# Bigger than any integer SQLite stores: looking a page subclass up by pk=this raised
# OverflowError there instead of matching nothing.
TOO_BIG = 2**64


def test_a_story_of_only_spaces_is_required_not_a_500(employee_client, stories_index):
    response = employee_client.post(
        reverse("stories:share"), story_form(what_happened="   \n \x01 ", submit="1")
    )
    assert response.status_code == 200
    form = response.context["form"]
    assert form.errors["what_happened"] == ["Say what happened: the facts, in order."]
    assert 'value="A test email went to every customer"' in response.content.decode()
    assert not StoryPage.objects.exists()


@pytest.mark.parametrize("query", ['"', 'email "unterminated', '""'])
def test_a_quote_mark_in_the_search_is_not_an_sql_error(employee_client, stories_index, query):
    """SQLite's search backend did not escape a double quote inside a word."""
    reading_support.story(parent=stories_index, title="A test email went out")
    response = employee_client.get(stories_index.url, {"q": query})
    assert response.status_code == 200


def test_search_words_drop_quote_marks_and_keep_the_words(employee_client, stories_index):
    reading_support.story(parent=stories_index, title="A test email went out")
    reading_support.story(parent=stories_index, title="The invoice was late")
    response = employee_client.get(stories_index.url, {"q": '"email'})
    html = response.content.decode()
    assert "A test email went out" in html
    assert "The invoice was late" not in html


@pytest.mark.parametrize("name", ["stories:edit", "stories:delete"])
def test_a_huge_story_id_in_my_stories_is_a_404(employee_client, stories_index, name):
    url = reverse(name, args=[TOO_BIG])
    assert employee_client.get(url).status_code == 404
    assert employee_client.post(url, story_form(save="1")).status_code == 404


def test_learned_from_a_huge_story_id_is_a_404(employee_client, stories_index):
    response = employee_client.post(reverse("stories:learned", args=[TOO_BIG]), {"learned": "1"})
    assert response.status_code == 404


def test_learned_still_works_for_a_real_story(employee_client, stories_index, employee):
    story = reading_support.story(parent=stories_index)
    response = employee_client.post(
        reverse("stories:learned", args=[story.pk]),
        {"learned": "1"},
        HTTP_ACCEPT="application/json",
    )
    assert response.json().items() >= {"learned": True, "count": 1}.items()


def test_editing_someone_elses_draft_is_still_a_404(employee_client, stories_index, other_employee):
    draft = StoryPageFactory(parent=stories_index, author=other_employee, live=False)
    assert employee_client.get(reverse("stories:edit", args=[draft.pk])).status_code == 404
