"""“You said, we did”: the thread between the Culture review team and a story's author, both
ways, without the author's identity reaching moderators; emails without the story's text."""

import re

import pytest
from django.core import mail
from django.urls import reverse

from home.roles import sync_roles
from stories.models import StoryMessage

from . import sharing_support, test_anonymity_admin
from .sharing_support import client_for, only_story, story_form
from .test_anonymity_admin import secrets_of
from .test_identity_choices import RETURN_LINK, approve

stories_index = sharing_support.stories_index
secret_author = test_anonymity_admin.secret_author

pytestmark = pytest.mark.django_db


@pytest.fixture
def anonymous_story(secret_author, stories_index):
    sync_roles()
    client_for(secret_author).post(
        reverse("stories:share"), story_form(identity="confidential", submit="1")
    )
    return only_story()


def test_the_team_writes_and_the_author_answers_without_being_named(
    anonymous_story,
    secret_author,
    moderator,
    culture_member,
    django_capture_on_commit_callbacks,
):
    moderator.email = "morgan@example.org"
    moderator.save()
    team = client_for(moderator)
    admin_thread = reverse("stories_messages", args=[anonymous_story.pk])
    editor = team.get(reverse("wagtailadmin_pages:edit", args=[anonymous_story.pk]))
    assert admin_thread in editor.content.decode()

    with django_capture_on_commit_callbacks(execute=True):
        response = team.post(admin_thread, {"text": "Thank you; the invoice run now has a lock."})
    assert response.status_code == 302
    to_author = [m for m in mail.outbox if m.to == ["zq@example.org"]]
    assert len(to_author) == 1
    assert "the invoice run now has a lock" in to_author[0].body
    assert anonymous_story.summary not in to_author[0].body  # never the story's text
    assert reverse("stories:messages", args=[anonymous_story.pk]) in to_author[0].body

    author = client_for(secret_author)
    mine = author.get(reverse("stories:my_stories")).content.decode()
    assert "1 message" in mine
    thread = author.get(reverse("stories:messages", args=[anonymous_story.pk])).content.decode()
    assert "the invoice run now has a lock" in thread and "The Culture review team" in thread
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        author.post(
            reverse("stories:messages", args=[anonymous_story.pk]),
            {"text": "Great, could the lock also cover refunds?"},
        )
    reply = StoryMessage.objects.get(from_author=True)
    assert reply.written_by is None
    to_team = {address for message in mail.outbox for address in message.to}
    assert "morgan@example.org" in to_team and "zq@example.org" not in to_team
    for message in mail.outbox:
        for secret in secrets_of(secret_author):
            assert secret not in message.body and secret not in message.subject

    html = team.get(admin_thread).content.decode()
    assert "could the lock also cover refunds" in html and "The author" in html
    for secret in secrets_of(secret_author):
        assert secret not in html


def test_only_reviewers_and_the_author_reach_the_thread(anonymous_story, other_employee, team_lead):
    admin_thread = reverse("stories_messages", args=[anonymous_story.pk])
    for user in (other_employee, team_lead):
        client = client_for(user)
        assert client.get(admin_thread).status_code in (302, 403)
        assert client.post(admin_thread, {"text": "hi"}).status_code in (302, 403)
    other = client_for(other_employee)
    author_thread = reverse("stories:messages", args=[anonymous_story.pk])
    assert other.get(author_thread).status_code == 404
    assert other.post(author_thread, {"text": "hi"}).status_code == 404
    assert not StoryMessage.objects.exists()


def test_an_empty_message_is_refused_with_a_clear_word(anonymous_story, moderator):
    response = client_for(moderator).post(
        reverse("stories_messages", args=[anonymous_story.pk]), {"text": "   "}
    )
    assert response.status_code == 400
    assert "Write a message first." in response.content.decode()


def test_after_erasure_messages_wait_behind_the_return_link(
    secret_author,
    stories_index,
    moderator,
    django_capture_on_commit_callbacks,
):
    sync_roles()
    author = client_for(secret_author)
    response = author.post(
        reverse("stories:share"), story_form(identity="anonymous", submit="1"), follow=True
    )
    path = RETURN_LINK.search(response.content.decode()).group(1)
    story = approve(only_story(), moderator, django_capture_on_commit_callbacks)
    assert story.authorship.author is None
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        client_for(moderator).post(
            reverse("stories_messages", args=[story.pk]), {"text": "Thank you for this one."}
        )
    assert mail.outbox == []  # the site cannot email them any more
    page = author.get(path).content.decode()
    assert "Thank you for this one." in page
    with django_capture_on_commit_callbacks(execute=True):
        author.post(path, {"text": "Please take out the second paragraph."})
    assert StoryMessage.objects.filter(from_author=True, written_by=None).count() == 1
    assert re.search("Please take out the second paragraph", author.get(path).content.decode())
