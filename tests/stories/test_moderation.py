"""Moderation: the "Culture review" workflow, who may do what, and the emails to the author."""

import pytest
from django.contrib.messages import get_messages
from django.core import mail
from django.urls import reverse
from wagtail.models import GroupApprovalTask, Workflow, WorkflowPage, WorkflowState

from home.factories import UserFactory
from home.roles import CULTURE_TEAM, MODERATORS, sync_roles
from stories.factories import StoryPageFactory
from stories.models import BlamelessPhrase, Series, StoryPage, Team
from stories.workflow import WORKFLOW_NAME, culture_review_workflow

from . import sharing_support
from .sharing_support import client_for, only_story, story_form

# Fixtures (assigned, not imported, so that test arguments may share their names).
stories_index = sharing_support.stories_index

pytestmark = pytest.mark.django_db

SHARE = reverse("stories:share")


def submit(client, **overrides):
    client.post(SHARE, story_form(submit="1", **overrides))
    story = only_story()
    return story, WorkflowState.objects.get(object_id=str(story.pk), status="in_progress")


def action_url(story, state, action):
    return reverse(
        "wagtailadmin_pages:workflow_action", args=(story.pk, action, state.current_task_state.pk)
    )


def test_culture_review_is_one_group_task_for_moderators_and_culture_team(stories_index):
    workflow = culture_review_workflow()
    culture_review_workflow()
    assert Workflow.objects.filter(name=WORKFLOW_NAME).count() == 1
    task = GroupApprovalTask.objects.get(workflow_tasks__workflow=workflow)
    assert sorted(task.groups.values_list("name", flat=True)) == [CULTURE_TEAM, MODERATORS]
    assert WorkflowPage.objects.get(page=stories_index).workflow == workflow
    assert stories_index.get_workflow() == workflow
    assert GroupApprovalTask.objects.filter(name=task.name).count() == 1


def test_a_workflow_assigned_by_hand_is_left_alone(stories_index):
    other = Workflow.objects.create(name="Legal review")
    WorkflowPage.objects.filter(page=stories_index).update(workflow=other)
    culture_review_workflow()
    assert WorkflowPage.objects.get(page=stories_index).workflow == other


def test_moderator_approves_a_story_in_review_and_the_author_gets_one_email(
    client, employee_client, employee, moderator, stories_index, django_capture_on_commit_callbacks
):
    story, state = submit(employee_client)
    mail.outbox.clear()
    client = client_for(moderator)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(action_url(story, state, "approve"), {"comment": ""})
    assert response.status_code == 302
    story = StoryPage.objects.get(pk=story.pk)
    assert story.live and story.first_published_at
    state.refresh_from_db()
    assert state.status == WorkflowState.STATUS_APPROVED

    to_author = [m for m in mail.outbox if employee.email in m.to]
    assert len(to_author) == 1  # ours only, not Wagtail's admin notice as well
    message = to_author[0]
    assert message.to == [employee.email]
    assert message.subject == "Your story “A test email went to every customer” is published"
    assert "http://testserver/stories/a-test-email-went-to-every-customer/" in message.body
    html, mimetype = message.alternatives[0]
    assert mimetype == "text/html" and "Read your story" in html

    # Published: the author can read it but no longer edit it on the front end.
    listing = employee_client.get(reverse("stories:my_stories")).content.decode()
    assert "Published" in listing, listing


def test_anonymous_author_is_emailed_alone_and_the_email_stays_private(
    client,
    employee_client,
    employee,
    moderator,
    culture_member,
    stories_index,
    django_capture_on_commit_callbacks,
):
    story, state = submit(employee_client, anonymous="on")
    mail.outbox.clear()
    client = client_for(moderator)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(action_url(story, state, "reject"), {"comment": "Lovely. One name to remove."})
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == [employee.email]
    assert (
        message.subject == "Changes requested on your story “A test email went to every customer”"
    )
    assert "Lovely. One name to remove." in message.body
    assert "The story stays anonymous" in message.body
    assert f"http://testserver{reverse('stories:edit', args=[story.pk])}" in message.body
    assert "Lovely. One name to remove." in message.alternatives[0][0]


def test_changes_requested_email_for_a_named_author(
    client, employee_client, employee, moderator, stories_index, django_capture_on_commit_callbacks
):
    story, state = submit(employee_client)
    mail.outbox.clear()
    client = client_for(moderator)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(action_url(story, state, "reject"), {"comment": "Say more about the fix."})
    to_author = [m for m in mail.outbox if employee.email in m.to]
    assert len(to_author) == 1
    assert "Say more about the fix." in to_author[0].body
    assert "stays anonymous" not in to_author[0].body


def approve(story, author, reviewer):
    """Submit `story` for review as its author and approve it: the only way a story goes live."""
    sync_roles()
    story.save_revision(user=author)
    state = culture_review_workflow().start(story, author)
    state.current_task_state.specific.approve(user=reviewer)
    assert StoryPage.objects.get(pk=story.pk).live


def test_publishing_again_does_not_email_again(
    employee, stories_index, moderator, django_capture_on_commit_callbacks
):
    story = StoryPageFactory(
        parent=stories_index, author=employee, live=False, first_published_at=None
    )
    with django_capture_on_commit_callbacks(execute=True):
        approve(story, employee, moderator)
    to_author = [m.subject for m in mail.outbox if employee.email in m.to]
    assert to_author == [f"Your story “{story.title}” is published"]
    story = StoryPage.objects.get(pk=story.pk)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        story.save_revision(user=moderator).publish(user=moderator)  # a reviewer's correction
    assert mail.outbox == []


def test_an_author_without_an_email_address_is_skipped(
    stories_index, moderator, django_capture_on_commit_callbacks
):
    author = UserFactory(username="noemail", email="")
    story = StoryPageFactory(
        parent=stories_index, author=author, live=False, first_published_at=None
    )
    with django_capture_on_commit_callbacks(execute=True):
        approve(story, author, moderator)
    assert [m for m in mail.outbox if "is published" in m.subject] == []


def test_reviewers_are_told_a_story_is_waiting_without_the_anonymous_authors_name(
    employee_client, employee, moderator, culture_member, stories_index
):
    mail.outbox.clear()
    submit(employee_client, anonymous="on")
    recipients = {address for message in mail.outbox for address in message.to}
    assert {moderator.email, culture_member.email} <= recipients
    for message in mail.outbox:
        text = message.subject + message.body
        for secret in (employee.username, employee.get_full_name(), employee.email):
            assert secret not in text


def test_employee_cannot_reach_the_admin(employee_client):
    response = employee_client.get("/admin/")
    assert response.status_code == 302
    assert "/admin/login/" in response["Location"]


def test_moderator_and_culture_team_can_edit_and_publish_stories_team_lead_cannot(
    role_users, stories_index, employee
):
    sync_roles()
    story = StoryPageFactory(parent=stories_index, author=employee)
    for role, can in ((MODERATORS, True), (CULTURE_TEAM, True), ("Team leads", False)):
        permissions = story.permissions_for_user(role_users[role])
        assert permissions.can_edit() is can, role
        assert permissions.can_publish() is can, role
    assert not story.permissions_for_user(role_users["Employees"]).can_edit()


def test_team_lead_cannot_open_or_publish_a_story_in_the_admin(
    client, team_lead, employee_client, stories_index
):
    story, state = submit(employee_client)
    client = client_for(team_lead)
    response = client.get(reverse("wagtailadmin_pages:edit", args=[story.pk]))
    assert response.status_code in (302, 403)
    response = client.post(action_url(story, state, "approve"), {"comment": ""})
    assert response.status_code in (302, 403)
    assert not StoryPage.objects.get(pk=story.pk).live
    state.refresh_from_db()
    assert state.status == WorkflowState.STATUS_IN_PROGRESS


def test_moderator_sees_the_story_awaiting_review_and_its_moderator_fields(
    client, moderator, employee_client, stories_index
):
    story, state = submit(employee_client)
    client = client_for(moderator)
    dashboard = client.get("/admin/").content.decode()
    assert "A test email went to every customer" in dashboard
    editor = client.get(reverse("wagtailadmin_pages:edit", args=[story.pk]))
    assert editor.status_code == 200
    html = editor.content.decode()
    assert 'name="good_for_meetings"' in html and 'name="repeat_of"' in html
    assert "Approve" in html and "Request changes" in html


def test_moderator_can_mark_good_for_meetings_and_publish_by_approving(
    client, moderator, employee_client, stories_index
):
    from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text

    story, state = submit(employee_client)
    client = client_for(moderator)
    data = nested_form_data(
        {
            "title": "A test email went to every customer",
            "slug": story.slug,
            "summary": "Summary",
            "happened_on": "2024-03-01",
            "part": "made",
            "size": "large",
            "tags": "email",
            "what_happened": rich_text("We sent it."),
            "who_was_affected": rich_text(""),
            "own_it": rich_text(""),
            "make_it_right": rich_text(""),
            "learn_and_prevent": rich_text(""),
            "lessons": inline_formset([{"text": "A lesson"}]),
            "actions": inline_formset([]),
            "questions": inline_formset([]),
            "comments": inline_formset([]),
            "good_for_meetings": "on",
            "action-workflow-action": "true",
            "workflow-action-name": "approve",
        }
    )
    response = client.post(reverse("wagtailadmin_pages:edit", args=[story.pk]), data)
    assert response.status_code == 302, response.content.decode()[:2000]
    story = StoryPage.objects.get(pk=story.pk)
    assert story.live and story.good_for_meetings
    # A message in plain words, not only Wagtail's "Page … has been updated".
    said = [str(message) for message in get_messages(response.wsgi_request)]
    assert (
        "“A test email went to every customer” is approved and published. Its author is told "
        "by email." in said
    )


def test_culture_team_manages_teams_series_and_phrases_in_the_admin(
    client, culture_member, moderator, team_lead
):
    sync_roles()
    Team.objects.create(name="Support", description="Helps customers")
    Series.objects.create(name="I screw up so you don't have to")
    BlamelessPhrase.objects.update_or_create(phrase="fault", defaults={"suggestion": "Kinder"})
    client.force_login(culture_member)
    for model in ("team", "series", "blamelessphrase"):
        listing = client.get(f"/admin/snippets/stories/{model}/")
        assert listing.status_code == 200, model
        assert client.get(f"/admin/snippets/stories/{model}/add/").status_code == 200, model
    html = client.get("/admin/snippets/stories/team/").content.decode()
    assert "Support" in html and "Members" in html and "Published stories" in html
    export = client.get("/admin/snippets/stories/team/?export=csv")
    assert export.status_code == 200
    assert b"Support" in b"".join(export.streaming_content)
    BlamelessPhrase.objects.filter(phrase="idiot").update(is_active=False)
    phrases = client.get("/admin/snippets/stories/blamelessphrase/?q=fault").content.decode()
    assert ">fault<" in phrases and ">idiot<" not in phrases
    inactive = client.get("/admin/snippets/stories/blamelessphrase/?is_active=false").content
    assert b">idiot<" in inactive and b">fault<" not in inactive
    response = client.post(
        "/admin/snippets/stories/blamelessphrase/add/",
        {
            "language": "en",
            "phrase": "your fault",
            "suggestion": "What allowed it?",
            "is_active": "on",
        },
    )
    assert response.status_code == 302
    assert BlamelessPhrase.objects.filter(phrase="your fault").exists()
    assert "Stories" in client.get("/admin/").content.decode()

    for user in (moderator, team_lead):
        client.force_login(user)
        assert client.get("/admin/snippets/stories/blamelessphrase/").status_code in (302, 403)
        assert client.get("/admin/snippets/stories/team/add/").status_code in (302, 403)


def test_team_listing_counts_without_a_query_per_row(
    client, culture_member, django_assert_max_num_queries
):
    sync_roles()
    client.force_login(culture_member)
    for number in range(3):
        Team.objects.create(name=f"Team {number}")
    with django_assert_max_num_queries(60) as few:
        client.get("/admin/snippets/stories/team/")
    for number in range(3, 20):
        Team.objects.create(name=f"Team {number}").members.add(culture_member)
    with django_assert_max_num_queries(len(few.captured_queries) + 1):
        response = client.get("/admin/snippets/stories/team/")
    assert b"Team 19" in response.content or b"Team 9" in response.content


def test_reviewers_are_emailed_in_own_its_words(
    employee_client, employee, moderator, stories_index, django_capture_on_commit_callbacks
):
    sync_roles()
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        submit(employee_client)
    (message,) = [m for m in mail.outbox if m.to == [moderator.email]]
    assert message.subject == "To review: “A test email went to every customer”"
    byline = employee.get_full_name()
    assert f"“A test email went to every customer”, by {byline}, is waiting for your review." in (
        message.body
    )
    story = only_story()
    assert f"http://testserver/admin/pages/{story.pk}/edit/" in message.body
    assert "moderation stage" not in message.body
    html = "".join(content for content, _type in message.alternatives)
    assert "moderation stage" not in html
