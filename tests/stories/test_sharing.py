"""Sharing a story on the front end: the form, drafts, submitting, editing and "My stories"."""

import datetime

import pytest
from django.urls import reverse
from wagtail.models import PageLogEntry, WorkflowState

from stories.models import StoryAuthorship, StoryPage, anonymous_author

from . import sharing_support
from .sharing_support import only_story, revisions_of, story_form

# Fixtures (assigned, not imported, so that test arguments may share their names).
stories_index = sharing_support.stories_index
team = sharing_support.team

pytestmark = pytest.mark.django_db

SHARE = reverse("stories:share")
MINE = reverse("stories:my_stories")


def test_share_form_has_every_field_the_guide_and_the_promise(employee_client, stories_index):
    response = employee_client.get(SHARE)
    assert response.status_code == 200
    html = response.content.decode()
    for name in (
        "title",
        "summary",
        "happened_month",
        "happened_year",
        "team",
        "tags",
        "part",
        "size",
        "what_happened",
        "who_was_affected",
        "own_it",
        "make_it_right",
        "learn_and_prevent",
        "lessons",
        "questions",
        "series",
        "identity",
        "actions-0-description",
        "actions-0-owner",
        "actions-0-due_date",
        "actions-0-status",
    ):
        assert f'name="{name}"' in html, name
    assert "How to write a blameless story" in html
    # The three identity choices, each with its promise.
    assert "Anonymous to colleagues." in html and "Anonymous to everyone." in html
    assert "the Culture team can see that you wrote it, to follow up with you" in html
    assert 'name="save"' in html and "Save draft" in html
    assert 'name="submit"' in html and "Submit for review" in html
    assert html.count("<h1") == 1
    # Every visible input has a label.
    assert 'for="id_title"' in html and 'for="id_actions-0-owner"' in html


def test_share_needs_a_stories_index(employee_client, home_page):
    assert employee_client.get(SHARE).status_code == 404


def test_save_draft_creates_a_draft_owned_by_the_author(employee_client, employee, stories_index):
    response = employee_client.post(SHARE, story_form(save="1"))
    story = only_story()
    assert response.status_code == 302
    assert response["Location"] == reverse("stories:edit", args=[story.pk])
    assert not story.live and story.first_published_at is None
    assert story.get_parent().pk == stories_index.pk
    assert story.owner == employee
    assert story.authorship.author == employee and not story.authorship.is_anonymous
    assert [r.user for r in revisions_of(story)] == [employee]
    assert not WorkflowState.objects.filter(object_id=str(story.pk)).exists()

    latest = story.get_latest_revision_as_object()
    assert latest.title == "A test email went to every customer"
    assert latest.happened_on == datetime.date(2024, 3, 1)
    assert latest.part == "made" and latest.size == "large"
    assert latest.what_happened == (
        "<p>We were testing a newsletter.<br/>The live list was selected.</p><p>It went out.</p>"
    )
    assert [lesson.text for lesson in latest.lessons.all()] == [
        "Test with test data",
        "Make the dangerous button look dangerous",
    ]
    assert [q.text for q in latest.questions.all()] == ["Where could this happen to us?"]
    actions = list(latest.actions.all())
    assert len(actions) == 1  # the empty row is ignored
    assert actions[0].description == "Separate account for test sends"
    assert actions[0].owner_label == "Marketing operations"
    assert actions[0].due_date == datetime.date(2024, 4, 30)
    assert actions[0].status == "done"
    assert sorted(tag.name for tag in latest.tags.all()) == ["customers", "email"]

    page = employee_client.get(response["Location"])
    assert page.status_code == 200
    assert b"Draft saved" in page.content
    assert b"Only you can see this draft" in page.content


def test_submit_starts_culture_review(employee_client, employee, stories_index):
    response = employee_client.post(SHARE, story_form(submit="1"))
    assert response.status_code == 302 and response["Location"] == MINE
    story = only_story()
    state = WorkflowState.objects.get(object_id=str(story.pk))
    assert state.status == WorkflowState.STATUS_IN_PROGRESS
    assert state.workflow.name == "Culture review"
    assert state.requested_by == employee
    assert state.current_task_state.revision == story.get_latest_revision()
    assert not story.live

    listing = employee_client.get(MINE).content.decode()
    assert "A test email went to every customer" in listing
    assert "In review" in listing
    assert "is with the Culture review team" in listing


def test_anonymous_story_leaves_only_the_placeholder_in_wagtails_records(
    employee_client, employee, stories_index
):
    employee_client.post(SHARE, story_form(anonymous="on", submit="1"))
    story = only_story()
    placeholder = anonymous_author()
    assert story.owner == placeholder
    assert {r.user for r in revisions_of(story)} == {placeholder}
    assert all(r.content["owner"] == placeholder.pk for r in revisions_of(story))
    entries = PageLogEntry.objects.filter(page=story)
    assert {entry.action for entry in entries} >= {
        "wagtail.create",
        "wagtail.edit",
        "wagtail.workflow.start",
    }
    assert {entry.user for entry in entries} == {placeholder}
    assert WorkflowState.objects.get(object_id=str(story.pk)).requested_by == placeholder
    authorship = StoryAuthorship.objects.get(story=story)
    assert authorship.author == employee and authorship.is_anonymous
    assert story.byline == "Anonymous"

    listing = employee_client.get(MINE).content.decode()
    assert "Anonymous to colleagues" in listing


def test_becoming_anonymous_later_replaces_the_author_in_earlier_records(
    employee_client, employee, stories_index
):
    employee_client.post(SHARE, story_form(save="1"))
    story = only_story()
    employee_client.post(reverse("stories:edit", args=[story.pk]), story_form(submit="1"))
    assert WorkflowState.objects.get(object_id=str(story.pk)).requested_by == employee

    employee_client.post(
        reverse("stories:edit", args=[story.pk]), story_form(anonymous="on", submit="1")
    )
    placeholder = anonymous_author()
    story = StoryPage.objects.get(pk=story.pk)
    assert story.owner == placeholder
    assert {r.user for r in revisions_of(story)} == {placeholder}
    assert all(r.content["owner"] == placeholder.pk for r in revisions_of(story))
    assert set(PageLogEntry.objects.filter(page=story).values_list("user", flat=True)) == {
        placeholder.pk
    }
    assert set(
        WorkflowState.objects.filter(object_id=str(story.pk)).values_list("requested_by", flat=True)
    ) == {placeholder.pk}


def test_editing_a_draft_saves_a_new_revision_and_keeps_the_form_filled(
    employee_client, employee, stories_index
):
    employee_client.post(SHARE, story_form(save="1"))
    story = only_story()
    url = reverse("stories:edit", args=[story.pk])

    form = employee_client.get(url).content.decode()
    assert 'value="A test email went to every customer"' in form
    assert "We were testing a newsletter.\nThe live list was selected.\n\nIt went out." in form
    assert 'value="Test with test data"' in form
    assert 'value="Make the dangerous button look dangerous"' in form
    assert 'value="Separate account for test sends"' in form
    assert 'value="email, customers"' in form

    response = employee_client.post(
        url,
        story_form(
            title="A test email reached every customer",
            lessons="Only one lesson now",
            **{
                "actions-TOTAL_FORMS": "1",
                "actions-INITIAL_FORMS": "1",
                "actions-0-DELETE": "on",
            },
            save="1",
        ),
    )
    assert response.status_code == 302
    story = StoryPage.objects.get(pk=story.pk)
    assert revisions_of(story).count() == 2
    assert story.draft_title == "A test email reached every customer"
    latest = story.get_latest_revision_as_object()
    assert [lesson.text for lesson in latest.lessons.all()] == ["Only one lesson now"]
    assert list(latest.actions.all()) == []
    assert latest.slug == "a-test-email-reached-every-customer"


def test_slugs_are_unique_and_never_take_a_front_end_path(employee_client, stories_index):
    employee_client.post(SHARE, story_form(title="Share", save="1"))
    employee_client.post(SHARE, story_form(title="Share", save="1"))
    slugs = sorted(StoryPage.objects.values_list("slug", flat=True))
    assert slugs == ["share-story", "share-story-2"]


def test_nobody_else_sees_or_edits_someone_elses_draft(
    client, employee_client, other_employee, moderator, culture_member, stories_index
):
    employee_client.post(SHARE, story_form(save="1"))
    story = only_story()
    for user in (other_employee, moderator, culture_member):
        client.force_login(user)
        assert client.get(reverse("stories:edit", args=[story.pk])).status_code == 404
        assert (
            client.post(reverse("stories:edit", args=[story.pk]), story_form()).status_code == 404
        )
        assert client.get(reverse("stories:delete", args=[story.pk])).status_code == 404
        assert client.post(reverse("stories:delete", args=[story.pk])).status_code == 404
        assert b"A test email went to every customer" not in client.get(MINE).content
        # Drafts are not pages anyone can open either.
        assert client.get(f"/stories/{story.slug}/").status_code == 404
    assert StoryPage.objects.get(pk=story.pk).get_latest_revision_as_object().title == (
        "A test email went to every customer"
    )


def test_needs_changes_then_resubmit_continues_the_same_workflow(
    employee_client, employee, moderator, stories_index
):
    employee_client.post(SHARE, story_form(submit="1"))
    story = only_story()
    state = WorkflowState.objects.get(object_id=str(story.pk))
    state.current_task_state.specific.reject(
        user=moderator, comment="Please name the team, not Sam."
    )

    listing = employee_client.get(MINE).content.decode()
    assert "Changes requested" in listing
    assert "Please name the team, not Sam." in listing
    edit = employee_client.get(reverse("stories:edit", args=[story.pk])).content.decode()
    assert "The reviewers’ note" in edit and "Please name the team, not Sam." in edit

    # Saving a draft keeps "changes requested"; submitting resumes the same workflow.
    employee_client.post(reverse("stories:edit", args=[story.pk]), story_form(save="1"))
    state.refresh_from_db()
    assert state.status == WorkflowState.STATUS_NEEDS_CHANGES
    employee_client.post(reverse("stories:edit", args=[story.pk]), story_form(submit="1"))
    state.refresh_from_db()
    assert state.status == WorkflowState.STATUS_IN_PROGRESS
    assert state.current_task_state.revision == StoryPage.objects.get(pk=story.pk).latest_revision
    assert WorkflowState.objects.filter(object_id=str(story.pk)).count() == 1


def test_saving_a_draft_in_review_withdraws_it_and_submitting_restarts(
    employee_client, stories_index
):
    employee_client.post(SHARE, story_form(submit="1"))
    story = only_story()
    url = reverse("stories:edit", args=[story.pk])
    assert "In review" in employee_client.get(url).content.decode()
    employee_client.post(url, story_form(save="1"))
    states = WorkflowState.objects.filter(object_id=str(story.pk))
    assert [s.status for s in states] == [WorkflowState.STATUS_CANCELLED]
    assert "Draft" in employee_client.get(MINE).content.decode()

    employee_client.post(url, story_form(submit="1"))
    assert sorted(s.status for s in states.all()) == [
        WorkflowState.STATUS_CANCELLED,
        WorkflowState.STATUS_IN_PROGRESS,
    ]


def test_an_author_can_delete_a_draft(employee_client, stories_index):
    employee_client.post(SHARE, story_form(submit="1"))
    story = only_story()
    url = reverse("stories:delete", args=[story.pk])
    assert b"Delete the draft" in employee_client.get(url).content
    response = employee_client.post(url)
    assert response.status_code == 302 and response["Location"] == MINE
    assert not StoryPage.objects.exists()
    assert not WorkflowState.objects.active().filter(object_id=str(story.pk)).exists()


def test_my_stories_shows_every_state_in_a_fixed_number_of_queries(
    client, employee, moderator, stories_index, django_assert_max_num_queries
):
    from stories.sharing import save_story

    def make(count):
        for number in range(count):
            form = story_form(title=f"Story number {number}")
            data = {
                "title": form["title"],
                "summary": "s",
                "happened_on": None,
                "team": None,
                "series": None,
                "tags": ["t"],
                "part": "made",
                "size": "small",
                "what_happened": "<p>x</p>",
                "who_was_affected": "",
                "own_it": "",
                "make_it_right": "",
                "learn_and_prevent": "",
                "lessons": ["l"],
                "questions": [],
                "actions": [],
                "anonymous": number % 2 == 0,
            }
            story = save_story(author=employee, data=data, submit=number % 3 == 0)
            if number % 6 == 0:
                state = WorkflowState.objects.get(object_id=str(story.pk))
                state.current_task_state.specific.reject(user=moderator, comment="Note")

    client.force_login(employee)
    make(3)
    with django_assert_max_num_queries(20) as few:
        response = client.get(MINE)
    assert response.status_code == 200
    make(30)
    with django_assert_max_num_queries(len(few.captured_queries)):
        response = client.get(MINE)
    html = response.content.decode()
    for label in ("Draft", "In review", "Changes requested"):
        assert label in html
    assert 'aria-label="Pages"' in html  # 33 stories: more than one page


def test_menu_links_to_sharing(employee_client, stories_index):
    html = employee_client.get("/").content.decode()
    assert f'href="{SHARE}"' in html and "Share a mistake" in html
    assert f'href="{MINE}"' in html and "My stories" in html


def test_sharing_pages_need_sign_in(client, stories_index):
    for url in (
        SHARE,
        MINE,
        reverse("stories:edit", args=[1]),
        reverse("stories:delete", args=[1]),
    ):
        response = client.get(url)
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("login"))
