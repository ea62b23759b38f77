"""Audit: the blameless check in the admin must not point at an anonymous story's author.

The check notes colleagues' names "other than the author". Shown to a moderator on an anonymous
story, a note on every name in the text but one would name the author by elimination.
"""

import pytest
from django.urls import reverse

from home.factories import UserFactory
from home.roles import sync_roles
from stories.blameless import check_story
from stories.factories import StoryPageFactory
from stories.models import StoryPage

from . import sharing_support
from .sharing_support import client_for

stories_index = sharing_support.stories_index

pytestmark = pytest.mark.django_db

TEXT = "<p>Erin Walsh and Sam Okafor both missed the alert.</p>"


def names_noted(story):
    findings = check_story(StoryPage.objects.get(pk=story.pk))
    return sorted(
        finding.found for finding in findings.get("what_happened", []) if finding.kind == "name"
    )


def test_an_anonymous_story_notes_every_name_the_authors_too(employee, stories_index):
    UserFactory(username="sam", first_name="Sam", last_name="Okafor")
    story = StoryPageFactory(
        parent=stories_index, author=employee, author__anonymous=True, what_happened=TEXT
    )
    assert names_noted(story) == ["Erin Walsh", "Sam Okafor"]


def test_a_named_story_still_leaves_out_the_authors_own_name(employee, stories_index):
    UserFactory(username="sam", first_name="Sam", last_name="Okafor")
    story = StoryPageFactory(parent=stories_index, author=employee, what_happened=TEXT)
    assert names_noted(story) == ["Sam Okafor"]


def test_moderators_admin_editor_gives_no_hint_of_an_anonymous_author(
    moderator, employee, stories_index
):
    sync_roles()
    UserFactory(username="sam", first_name="Sam", last_name="Okafor")
    story = StoryPageFactory(
        parent=stories_index, author=employee, author__anonymous=True, what_happened=TEXT
    )
    response = client_for(moderator).get(reverse("wagtailadmin_pages:edit", args=[story.pk]))
    assert response.status_code == 200
    panel = response.content.decode().split("data-blameless-check")[1].split("</div>")[0]
    assert "Names a colleague: “Sam Okafor”" in panel
    assert "Names a colleague: “Erin Walsh”" in panel
