"""The three identity choices: named, anonymous to colleagues (the Culture team may open it, on
the record), anonymous to everyone (a private return link, then the link is erased at
publication: a dump of the whole database no longer ties the author to the story)."""

import hashlib
import io
import re

import pytest
from django.contrib.auth import get_user_model
from django.core import mail
from django.core.management import call_command
from django.urls import reverse
from wagtail.models import WorkflowState

from home.factories import UserFactory
from home.roles import sync_roles
from stories.models import IdentityView, StoryAuthorship, StoryPage

from . import sharing_support, test_anonymity_admin
from .sharing_support import client_for, only_story, publish_when_due, story_form
from .test_anonymity_admin import secrets_of

stories_index = sharing_support.stories_index
secret_author = test_anonymity_admin.secret_author

pytestmark = pytest.mark.django_db

RETURN_LINK = re.compile(r"http://testserver(/stories/return/([\w-]+)/)")


def test_the_form_explains_each_of_the_three_choices(secret_author, stories_index):
    html = client_for(secret_author).get(reverse("stories:share")).content.decode()
    for value, label in [
        ("named", "Named."),
        ("confidential", "Anonymous to colleagues."),
        ("anonymous", "Anonymous to everyone."),
    ]:
        assert f'value="{value}"' in html and label in html
    assert "Confidential: readers and moderators see “Anonymous”" in html
    assert "nobody, the Culture team included, can see who wrote it" in html


def test_choices_are_kept_and_the_old_anonymous_box_still_means_confidential(
    secret_author,
    stories_index,
):
    client = client_for(secret_author)
    client.post(reverse("stories:share"), story_form(identity="confidential", save="1"))
    authorship = StoryAuthorship.objects.get()
    assert authorship.identity == "confidential" and authorship.is_anonymous
    edit = reverse("stories:edit", args=[authorship.story_id])
    assert re.search(r'value="confidential"[^>]*checked', client.get(edit).content.decode())
    client.post(edit, story_form(identity="named", save="1"))
    authorship.refresh_from_db()
    assert authorship.identity == "named" and not authorship.is_anonymous
    client.post(edit, story_form(anonymous="on", save="1"))
    authorship.refresh_from_db()
    assert authorship.identity == "confidential"


def approve(story, moderator, capture):
    state = WorkflowState.objects.get(object_id=str(story.pk), status="in_progress")
    with capture(execute=True):
        state.current_task_state.specific.approve(user=moderator)
    # Approved anonymous stories wait for the daily publication time.
    with capture(execute=True):
        return publish_when_due(StoryPage.objects.get(pk=story.pk))


def test_anonymous_to_everyone_gets_a_return_link_then_the_link_is_erased(
    secret_author,
    stories_index,
    moderator,
    culture_member,
    django_capture_on_commit_callbacks,
):
    sync_roles()
    author = client_for(secret_author)
    with django_capture_on_commit_callbacks(execute=True):
        response = author.post(
            reverse("stories:share"), story_form(identity="anonymous", submit="1"), follow=True
        )
    story = only_story()
    # Shown once, and emailed to the author alone.
    page = response.content.decode()
    path, secret = RETURN_LINK.search(page).groups()
    assert len(secret) >= 40
    sent = [message for message in mail.outbox if path in message.body]
    assert len(sent) == 1 and sent[0].to == ["zq@example.org"]
    # Only a hash of the secret is kept; the link is not shown again.
    authorship = StoryAuthorship.objects.get()
    assert authorship.return_token_hash == hashlib.sha256(secret.encode()).hexdigest()
    assert path not in author.get(reverse("stories:my_stories")).content.decode()
    # It works, for the holder of the link; a made-up one does not.
    assert author.get(path).status_code == 200
    assert author.get(path[:-5] + "xxxx/").status_code == 404
    assert author.get(reverse("stories:return", args=["x" * 43])).status_code == 404

    # Not even the Culture team may open it before publication.
    culture = client_for(culture_member)
    withheld = culture.post(reverse("stories_reveal_author", args=[story.pk])).content.decode()
    assert "nobody, the Culture team included, may see who wrote it" in withheld
    assert "Quartermaine" not in withheld and not IdentityView.objects.exists()

    story = approve(story, moderator, django_capture_on_commit_callbacks)
    assert story.live
    authorship.refresh_from_db()
    assert authorship.author is None and authorship.erased_on is not None

    # Nobody can see who wrote it any more, the Culture team included.
    reveal = culture.post(reverse("stories_reveal_author", args=[story.pk])).content.decode()
    assert "was erased on" in reveal
    for secret_text in secrets_of(secret_author):
        assert secret_text not in reveal
    # The story left My stories; the return link still finds it.
    assert story.title not in author.get(reverse("stories:my_stories")).content.decode()
    back = author.get(path).content.decode()
    assert story.title in back and "has been erased" in back


def test_after_erasure_no_row_of_the_database_ties_the_author_to_the_story(
    secret_author,
    stories_index,
    moderator,
    django_capture_on_commit_callbacks,
):
    sync_roles()
    author = client_for(secret_author)
    share = reverse("stories:share")
    author.post(share, story_form(identity="anonymous", save="1"))
    story = only_story()
    edit = reverse("stories:edit", args=[story.pk])
    # A typed copy kept by autosave, then a submission.
    author.post(reverse("stories:autosave", args=[story.pk]), story_form(identity="anonymous"))
    author.post(edit, story_form(identity="anonymous", submit="1"))
    story = approve(story, moderator, django_capture_on_commit_callbacks)
    assert story.live

    out = io.StringIO()
    call_command(
        "dumpdata",
        exclude=["auth.user", "sessions", "contenttypes", "auth.permission"],
        stdout=out,
    )
    dump = out.getvalue()
    for secret_text in secrets_of(secret_author):
        assert secret_text not in dump, secret_text
    # No row holds the author's id beside the story's: every user field of the story's own
    # records names someone else (the "Anonymous" placeholder, the moderator).
    import json

    author_pk = secret_author.pk
    for row in json.loads(dump):
        fields = row["fields"]
        about_story = (
            fields.get("story") == story.pk
            or fields.get("page") == story.pk
            or str(fields.get("object_id")) == str(story.pk)
            or (row["model"] == "wagtailcore.page" and row["pk"] == story.pk)
        )
        if about_story:
            for name in ("author", "user", "owner", "requested_by", "finished_by", "viewed_by"):
                assert fields.get(name) != author_pk, (row["model"], name)
    assert get_user_model().objects.filter(pk=author_pk, is_active=True).exists()


def test_a_lost_return_link_is_replaced_before_publication(
    secret_author,
    stories_index,
    django_capture_on_commit_callbacks,
):
    author = client_for(secret_author)
    first = author.post(
        reverse("stories:share"), story_form(identity="anonymous", save="1"), follow=True
    )
    old_path = RETURN_LINK.search(first.content.decode()).group(1)
    story = only_story()
    mine = author.get(reverse("stories:my_stories")).content.decode()
    renew = reverse("stories:new_return_link", args=[story.pk])
    assert renew in mine
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        again = author.post(renew, follow=True).content.decode()
    new_path = RETURN_LINK.search(again).group(1)
    assert new_path != old_path
    assert author.get(old_path).status_code == 404 and author.get(new_path).status_code == 200
    assert [message.to for message in mail.outbox] == [["zq@example.org"]]
    # Nobody else can ask for one.
    other = client_for(UserFactory(username="someone-else"))
    assert other.post(renew).status_code == 404
