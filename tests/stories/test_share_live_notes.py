"""Live blameless notes: the share form asks a small JSON endpoint for the notes on what is typed
so far. The same check as on save; nothing is saved; only the author of a story gets an answer."""

import pytest
from django.test import Client
from django.urls import reverse

from stories.models import StoryPage

from . import sharing_support
from .sharing_support import client_for, only_story, story_form

stories_index = sharing_support.stories_index

pytestmark = pytest.mark.django_db

NEW = reverse("stories:live_notes_new")


def test_notes_on_what_is_typed_without_saving(employee_client, stories_index, other_employee):
    response = employee_client.post(
        NEW,
        story_form(
            own_it="Sam Okafor told the customers.",
            **{"actions-0-owner": "Sam Okafor"},
        ),
    )
    assert response.status_code == 200
    answer = response.json()
    assert answer["count"] == 2
    assert answer["notes"]["own_it"] == [
        "Names a colleague: “Sam Okafor”. "
        "Stories are about systems and choices, not people: describe the role or the team "
        "(“a colleague in Support”) rather than naming someone."
    ]
    assert len(answer["notes"]["actions"]) == 1
    assert "summary" not in answer["notes"]
    assert not StoryPage.objects.exists()


def test_the_same_notes_as_on_save(employee_client, stories_index, other_employee):
    data = story_form(what_happened="Sam Okafor picked the live list.")
    live = employee_client.post(NEW, data).json()
    saved = employee_client.post(reverse("stories:share"), {**data, "save": "1"}, follow=True)
    html = saved.content.decode()
    for message in live["notes"]["what_happened"]:
        assert message in html
    assert live["count"] == 1


def test_a_clean_text_has_no_notes(employee_client, stories_index):
    answer = employee_client.post(NEW, story_form()).json()
    assert answer == {"count": 0, "notes": {}}


def test_the_author_own_name_is_not_a_note(employee_client, stories_index):
    answer = employee_client.post(NEW, story_form(own_it="Erin Walsh said sorry.")).json()
    assert answer["count"] == 0


def test_only_post(employee_client, stories_index):
    assert employee_client.get(NEW).status_code == 405


def test_csrf_is_checked(employee, stories_index):
    client = Client(enforce_csrf_checks=True)
    client.force_login(employee)
    assert client.post(NEW, story_form()).status_code == 403


def test_login_is_required(client, stories_index):
    response = client.post(NEW, story_form())
    assert response.status_code == 302
    assert "login" in response["Location"]


@pytest.mark.parametrize("who", ["other_employee", "moderator", "culture_member"])
def test_only_the_author_gets_notes_for_a_story(request, employee_client, stories_index, who):
    employee_client.post(reverse("stories:share"), story_form(save="1"))
    story = only_story()
    url = reverse("stories:live_notes", args=[story.pk])
    assert employee_client.post(url, story_form()).status_code == 200
    other = client_for(request.getfixturevalue(who))
    assert other.post(url, story_form()).status_code == 404


def test_the_form_knows_where_to_ask(employee_client, stories_index):
    html = employee_client.get(reverse("stories:share")).content.decode()
    assert f'data-notes-url="{NEW}"' in html
    assert 'data-notes-for="own_it"' in html
    assert 'data-notes-describe="id_own_it"' in html
    employee_client.post(reverse("stories:share"), story_form(save="1"))
    story = only_story()
    html = employee_client.get(reverse("stories:edit", args=[story.pk])).content.decode()
    assert f'data-notes-url="{reverse("stories:live_notes", args=[story.pk])}"' in html
