"""An anonymous author in the Wagtail admin: moderators see "Anonymous" everywhere, in every trace
Wagtail keeps (owner, revisions, history, workflow history, reports, notifications); only the
Culture team sees who wrote it."""

import pytest
from django.core import mail
from django.urls import reverse
from wagtail.models import PageLogEntry, WorkflowState

from home.factories import UserFactory
from home.roles import sync_roles
from stories.models import IdentityView, StoryPage

from . import sharing_support
from .sharing_support import (
    client_for,
    only_story,
    publish_when_due,
    revisions_of,
    story_form,
)

# Fixtures (assigned, not imported, so that test arguments may share their names).
stories_index = sharing_support.stories_index

pytestmark = pytest.mark.django_db


@pytest.fixture
def secret_author(db):
    # Distinctive names, so that no admin word ("ordering", "filter") contains them by chance.
    return UserFactory(
        username="zq-author", first_name="Zelda", last_name="Quartermaine", email="zq@example.org"
    )


def secrets_of(user):
    return [user.username, user.first_name, user.last_name, user.get_full_name(), user.email]


@pytest.fixture
def reviewed_anonymous_story(
    secret_author, moderator, culture_member, stories_index, django_capture_on_commit_callbacks
):
    """An anonymous story with a full history: drafts, review, changes requested, resubmission,
    a moderator's edit and approval."""
    sync_roles()
    author = client_for(secret_author)
    share = reverse("stories:share")
    author.post(share, story_form(anonymous="on", save="1"))
    story = only_story()
    edit = reverse("stories:edit", args=[story.pk])
    author.post(edit, story_form(anonymous="on", save="1", summary="Second draft summary."))
    author.post(edit, story_form(anonymous="on", submit="1"))
    state = WorkflowState.objects.get(object_id=str(story.pk), status="in_progress")
    with django_capture_on_commit_callbacks(execute=True):
        state.current_task_state.specific.reject(user=moderator, comment="One more detail please.")
    author.post(edit, story_form(anonymous="on", submit="1", summary="Third version."))
    story = StoryPage.objects.get(pk=story.pk)
    # A moderator saves an edit of their own before approving.
    latest = story.get_latest_revision_as_object()
    latest.good_for_meetings = True
    latest.save_revision(user=moderator, log_action=True)
    state = WorkflowState.objects.get(object_id=str(story.pk), status="in_progress")
    with django_capture_on_commit_callbacks(execute=True):
        state.current_task_state.specific.approve(user=moderator)
    # Approved, it waits for the daily publication time.
    story = StoryPage.objects.get(pk=story.pk)
    assert not story.live
    with django_capture_on_commit_callbacks(execute=True):
        story = publish_when_due(story)
    assert story.live
    return story


def admin_urls(story):
    revisions = list(revisions_of(story).order_by("created_at", "pk"))
    states = WorkflowState.objects.filter(object_id=str(story.pk))
    urls = [
        "/admin/",
        reverse("wagtailadmin_explore", args=[story.get_parent().pk]),
        reverse("wagtailadmin_pages:edit", args=[story.pk]),
        reverse("wagtailadmin_pages:history", args=[story.pk]),
        reverse("wagtailadmin_pages:workflow_history", args=[story.pk]),
        reverse(
            "wagtailadmin_pages:revisions_compare",
            args=[story.pk, revisions[0].pk, revisions[-1].pk],
        ),
        reverse("wagtailadmin_pages:revisions_view", args=[story.pk, revisions[0].pk]),
        reverse("wagtailadmin_pages:search") + "?q=customer",
        reverse("wagtailadmin_reports:site_history"),
        reverse("wagtailadmin_reports:workflow"),
        reverse("wagtailadmin_reports:workflow_tasks"),
        reverse("wagtailadmin_pages:usage", args=[story.pk])
        if _has_url("wagtailadmin_pages:usage")
        else None,
    ]
    urls += [
        reverse("wagtailadmin_pages:workflow_history_detail", args=[story.pk, state.pk])
        for state in states
    ]
    return [url for url in urls if url]


def _has_url(name):
    from django.urls import NoReverseMatch

    try:
        reverse(name, args=[1])
    except NoReverseMatch:
        return False
    return True


def test_wagtails_records_name_only_the_placeholder(reviewed_anonymous_story, secret_author):
    story = reviewed_anonymous_story
    assert story.owner.username == "anonymous-author"
    users = {revision.user.username for revision in revisions_of(story)}
    assert secret_author.username not in users and "anonymous-author" in users
    log_users = set(
        PageLogEntry.objects.filter(page=story).values_list("user__username", flat=True)
    )
    assert secret_author.username not in log_users
    requesters = set(
        WorkflowState.objects.filter(object_id=str(story.pk)).values_list(
            "requested_by__username", flat=True
        )
    )
    assert requesters == {"anonymous-author"}
    for revision in revisions_of(story):
        assert secret_author.pk not in (revision.content.get("owner"), revision.user_id)


def test_a_moderator_sees_anonymous_everywhere_in_the_admin(
    reviewed_anonymous_story, secret_author, moderator
):
    client = client_for(moderator)
    urls = admin_urls(reviewed_anonymous_story)
    assert len(urls) >= 12
    for url in urls:
        response = client.get(url)
        assert response.status_code == 200, url
        html = response.content.decode()
        for secret in secrets_of(secret_author):
            assert secret not in html, f"{secret!r} shown to a moderator at {url}"
    history = client.get(reverse("wagtailadmin_pages:history", args=[reviewed_anonymous_story.pk]))
    assert "Anonymous" in history.content.decode()
    # The moderator's editor has no "who wrote it" panel at all.
    editor = client.get(reverse("wagtailadmin_pages:edit", args=[reviewed_anonymous_story.pk]))
    assert "data-story-author" not in editor.content.decode()
    # Nor can a moderator open the users' admin to look the placeholder up.
    assert client.get("/admin/users/").status_code in (302, 403)


def test_the_culture_team_opens_who_wrote_it_on_the_record(
    reviewed_anonymous_story, secret_author, culture_member
):
    client = client_for(culture_member)
    story = reviewed_anonymous_story
    html = client.get(reverse("wagtailadmin_pages:edit", args=[story.pk])).content.decode()
    # The editor says that the identity can be opened, not who it is.
    assert "data-story-author" in html and "Anonymous to colleagues" in html
    assert "Quartermaine" not in html
    reveal = reverse("stories_reveal_author", args=[story.pk])
    assert reveal in html
    # Asking first shows nothing and records nothing.
    asked = client.get(reveal).content.decode()
    assert "Quartermaine" not in asked and "Show who wrote it" in asked
    assert not IdentityView.objects.exists()
    shown = client.post(reveal).content.decode()
    assert "Zelda Quartermaine" in shown and "zq@example.org" in shown
    view = IdentityView.objects.get()
    assert view.viewed_by == culture_member and view.authorship.story_id == story.pk
    # The story's history says the identity was viewed, and by whom; never whose it is.
    history = client.get(reverse("wagtailadmin_pages:history", args=[story.pk])).content.decode()
    assert "Identity viewed" in history and "Quartermaine" not in history
    # The author sees it in My stories.
    mine = client_for(secret_author).get(reverse("stories:my_stories")).content.decode()
    assert "The Culture team looked at who wrote it" in mine
    assert culture_member.get_full_name() in mine


def test_only_the_culture_team_opens_who_wrote_it(
    reviewed_anonymous_story, moderator, team_lead, other_employee
):
    reveal = reverse("stories_reveal_author", args=[reviewed_anonymous_story.pk])
    for user in (moderator, team_lead, other_employee):
        client = client_for(user)
        assert client.get(reveal).status_code in (302, 403)
        assert client.post(reveal).status_code in (302, 403)
    assert not IdentityView.objects.exists()


def test_the_author_sees_it_in_my_stories_and_other_employees_see_nothing(
    reviewed_anonymous_story, secret_author, other_employee
):
    mine = client_for(secret_author).get(reverse("stories:my_stories")).content.decode()
    assert reviewed_anonymous_story.title in mine and "Anonymous to colleagues" in mine

    reader = client_for(other_employee)
    assert (
        reviewed_anonymous_story.title
        not in reader.get(reverse("stories:my_stories")).content.decode()
    )
    page = reader.get(reviewed_anonymous_story.url)
    assert page.status_code == 200
    html = page.content.decode()
    assert "Anonymous" in html
    for secret in secrets_of(secret_author):
        assert secret not in html


def test_emails_reach_the_real_author_and_nobody_else_learns_the_name(
    reviewed_anonymous_story, secret_author
):
    to_author = [message for message in mail.outbox if message.to == [secret_author.email]]
    assert [m.subject for m in to_author] == [
        "Changes requested on your story “A test email went to every customer”",
        "Your story “A test email went to every customer” is approved",
        "Your story “A test email went to every customer” is published",
    ]
    for message in mail.outbox:
        if message.to == [secret_author.email]:
            continue
        text = message.subject + message.body + "".join(a[0] for a in message.alternatives)
        for secret in secrets_of(secret_author):
            assert secret not in text, (message.to, message.subject)


def test_a_story_awaiting_review_shows_anonymous_on_the_moderators_dashboard(
    secret_author, moderator, stories_index
):
    sync_roles()
    client_for(secret_author).post(reverse("stories:share"), story_form(anonymous="on", submit="1"))
    story = only_story()
    client = client_for(moderator)
    for url in (
        "/admin/",
        reverse("wagtailadmin_pages:edit", args=[story.pk]),
        reverse("wagtailadmin_reports:workflow"),
        reverse("wagtailadmin_pages:workflow_history", args=[story.pk]),
    ):
        html = client.get(url).content.decode()
        for secret in secrets_of(secret_author):
            assert secret not in html, (secret, url)
    dashboard = client.get("/admin/").content.decode()
    assert story.title in dashboard and "Anonymous" in dashboard
