"""The blameless check: phrases from the database, colleagues' names, shown next to the field on
the front end and in the admin editor, never blocking a save."""

import pytest
from django.urls import reverse

from home.factories import UserFactory
from home.roles import sync_roles
from stories.blameless import check_story, check_values, plain_text
from stories.blameless_phrases import DEFAULT_PHRASES
from stories.factories import StoryPageFactory
from stories.models import BlamelessPhrase, StoryPage, anonymous_author

from . import sharing_support
from .sharing_support import client_for, only_story, story_form

# Fixtures (assigned, not imported, so that test arguments may share their names).
stories_index = sharing_support.stories_index

pytestmark = pytest.mark.django_db


def found(findings, field="what_happened"):
    return [(finding.kind, finding.found) for finding in findings.get(field, [])]


def test_the_default_phrases_are_seeded_by_migration():
    phrases = set(BlamelessPhrase.objects.values_list("phrase", flat=True))
    for phrase in ("fault", "idiot", "stupid", "incompetent", "careless", "should have known"):
        assert phrase in phrases
    assert len(phrases) >= len(DEFAULT_PHRASES)
    assert all(p.suggestion for p in BlamelessPhrase.objects.all())


def test_phrases_match_whole_words_ignoring_case_and_spacing():
    findings = check_values(
        {
            "what_happened": "It was my FAULT. They Should  have\nknown. The default was wrong; "
            "the faulty cable and the idiotic form are fine."
        }
    )
    assert found(findings) == [("phrase", "FAULT"), ("phrase", "Should have known")]
    suggestion = findings["what_happened"][0].suggestion
    assert suggestion == BlamelessPhrase.objects.get(phrase="fault").suggestion
    assert "can read as blame" in findings["what_happened"][0].message


def test_inactive_and_new_phrases_follow_the_data():
    BlamelessPhrase.objects.filter(phrase="fault").update(is_active=False)
    BlamelessPhrase.objects.create(phrase="rookie error", suggestion="Say what was new to them.")
    findings = check_values({"summary": "My fault: a rookie error."})
    assert found(findings, "summary") == [("phrase", "rookie error")]


def test_colleagues_names_are_found_but_not_the_authors_or_the_placeholder():
    author = UserFactory(username="ana", first_name="Ana", last_name="Lopez")
    UserFactory(username="sam", first_name="Sam", last_name="Okafor")
    UserFactory(username="gone", first_name="Gwendolyn", last_name="Left", is_active=False)
    anonymous_author()
    text = (
        "Sam Okafor sent it. Later sam okafor checked. Okafor agreed. Ana fixed it; "
        "Gwendolyn had left. Anonymous readers will see it."
    )
    findings = check_values({"what_happened": text}, author=author)
    assert found(findings) == [("name", "Sam Okafor"), ("name", "Okafor")]
    assert "Names a colleague" in findings["what_happened"][0].message


def test_rich_text_and_lists_are_checked_as_text():
    UserFactory(username="priya", first_name="Priya", last_name="Natarajan")
    findings = check_values(
        {
            "own_it": "<p>It was <b>stupid</b> &amp; lazy</p>",
            "lessons": ["Fine", "Ask Priya first"],
        }
    )
    assert found(findings, "own_it") == [("phrase", "stupid"), ("phrase", "lazy")]
    assert found(findings, "lessons") == [("name", "Priya")]
    assert plain_text("<p>a</p><p>b&lt;</p>") == "a\nb<\n"


def test_the_form_saves_and_shows_findings_next_to_the_fields(employee_client, stories_index):
    UserFactory(username="sam", first_name="Sam", last_name="Okafor")
    response = employee_client.post(
        reverse("stories:share"),
        story_form(
            save="1",
            what_happened="Sam Okafor was careless with the list.",
            lessons="Nobody is an idiot",
            **{"actions-0-owner": "Sam Okafor"},
        ),
    )
    # Never blocks: the draft is saved.
    assert response.status_code == 302
    story = only_story()
    follow = employee_client.get(response["Location"])
    html = follow.content.decode()
    assert "The blameless check has" in html
    section = html.split('name="what_happened"')[1].split('name="who_was_affected"')[0]
    assert "Names a colleague: “Sam Okafor”" in section
    assert "“careless” can read as blame" in section
    lessons = html.split('id="id_lessons_0"')[1].split('name="questions"')[0]
    assert "“idiot” can read as blame" in lessons
    actions = html.split('id="actions-title"')[1].split('name="actions-0-description"')[0]
    assert "Names a colleague: “Sam Okafor”" in actions
    assert story.get_latest_revision_as_object().what_happened == (
        "<p>Sam Okafor was careless with the list.</p>"
    )


def test_findings_show_on_a_form_with_errors_too(employee_client, stories_index):
    response = employee_client.post(
        reverse("stories:share"), story_form(title="", summary="It was my fault", save="1")
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "Give your story a title." in html
    assert "“fault” can read as blame" in html


def test_submitting_with_findings_says_so_and_still_submits(employee_client, stories_index):
    response = employee_client.post(
        reverse("stories:share"), story_form(submit="1", summary="Whose fault was it?")
    )
    assert response.status_code == 302
    listing = employee_client.get(response["Location"]).content.decode()
    assert "The blameless check has 1 note on the wording" in listing
    assert "is with the Culture review team" in listing


def test_a_clean_story_has_no_notes(employee_client, stories_index):
    response = employee_client.post(reverse("stories:share"), story_form(save="1"))
    html = employee_client.get(response["Location"]).content.decode()
    assert "blameless-notes" not in html
    assert "The blameless check has" not in html


def test_moderators_see_the_same_findings_in_the_admin_editor(moderator, employee, stories_index):
    sync_roles()
    UserFactory(username="sam", first_name="Sam", last_name="Okafor")
    story = StoryPageFactory(
        parent=stories_index,
        author=employee,
        what_happened="<p>Sam Okafor should have known.</p>",
        lessons=["Don't be lazy"],
    )
    findings = check_story(StoryPage.objects.get(pk=story.pk))
    assert found(findings) == [("name", "Sam Okafor"), ("phrase", "should have known")]
    assert found(findings, "lessons") == [("phrase", "lazy")]

    html = client_for(moderator).get(reverse("wagtailadmin_pages:edit", args=[story.pk]))
    html = html.content.decode()
    panel = html.split("data-blameless-check")[1].split("</div>")[0]
    assert "The blameless check has 3 notes" in panel
    assert "“should have known” can read as blame" in panel
    assert "Names a colleague: “Sam Okafor”" in panel
    assert "Lessons:" in panel


def test_the_admin_editor_says_when_there_is_nothing_to_note(moderator, employee, stories_index):
    sync_roles()
    story = StoryPageFactory(parent=stories_index, author=employee)
    html = client_for(moderator).get(reverse("wagtailadmin_pages:edit", args=[story.pk]))
    assert "found no blaming words" in html.content.decode()


def test_saving_in_the_admin_warns_about_findings(moderator, employee, stories_index):
    from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text

    sync_roles()
    story = StoryPageFactory(parent=stories_index, author=employee)
    client = client_for(moderator)
    data = nested_form_data(
        {
            "title": story.title,
            "slug": story.slug,
            "summary": "It was all my fault",
            "part": "made",
            "size": "small",
            "tags": "",
            "what_happened": rich_text("Stupid mistake."),
            "who_was_affected": rich_text(""),
            "own_it": rich_text(""),
            "make_it_right": rich_text(""),
            "learn_and_prevent": rich_text(""),
            "lessons": inline_formset([]),
            "actions": inline_formset([]),
            "questions": inline_formset([]),
            "comments": inline_formset([]),
        }
    )
    response = client.post(reverse("wagtailadmin_pages:edit", args=[story.pk]), data, follow=True)
    assert response.status_code == 200
    assert "The blameless check has 2 notes on this story" in response.content.decode()
    assert StoryPage.objects.get(pk=story.pk).get_latest_revision_as_object().summary == (
        "It was all my fault"
    )


def test_front_end_text_opens_in_the_admin_editor(moderator, employee_client, stories_index):
    """Line breaks typed on the front end are stored the way Wagtail's editor reads them."""
    sync_roles()
    employee_client.post(
        reverse("stories:share"),
        story_form(submit="1", what_happened="Line one\nline two\n\nSecond paragraph <b>&</b>"),
    )
    story = only_story()
    response = client_for(moderator).get(reverse("wagtailadmin_pages:edit", args=[story.pk]))
    assert response.status_code == 200
