"""Reporting a story: the reader's form, one open report each, the moderators' list and resolve
form, the email with the outcome, and the reporter kept from the story's author (issue 12)."""

import pytest
from django.contrib.auth.models import Group
from django.core import mail
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from home.factories import UserFactory
from home.roles import MODERATORS, sync_roles
from stories.factories import StoryPageFactory
from stories.models import StoryReport

from . import reading_support
from .reading_support import story
from .sharing_support import client_for

stories_index = reading_support.stories_index

pytestmark = pytest.mark.django_db

ADMIN_LIST = reverse("wagtailsnippets_stories_storyreport:list")


def edit_url(report):
    return reverse("wagtailsnippets_stories_storyreport:edit", args=[report.pk])


@pytest.fixture
def author(db):
    return UserFactory(username="zq-author", first_name="Zelda", last_name="Quartermaine")


@pytest.fixture
def reporter(db):
    return UserFactory(
        username="rx-reader", first_name="Rhiannon", last_name="Xiberras", email="rx@example.org"
    )


@pytest.fixture
def live_story(stories_index, author):
    return story(parent=stories_index, title="The wrong invoice", author=author)


def report(story_page, user, reason="identifies", text=""):
    return client_for(user).post(
        reverse("stories:report", args=[story_page.pk]), {"reason": reason, "text": text}
    )


def test_the_story_page_ends_with_a_quiet_report_link(client, reporter, live_story):
    html = client_for(reporter).get(live_story.url).content.decode()
    assert f'href="{reverse("stories:report", args=[live_story.pk])}"' in html
    assert "Report this story" in html


def test_a_reader_reports_a_story_and_sees_it_under_your_reports(reporter, live_story):
    url = reverse("stories:report", args=[live_story.pk])
    form = client_for(reporter).get(url)
    assert form.status_code == 200
    html = form.content.decode()
    for reason in (
        "It identifies me or someone else",
        "It blames a person",
        "It exposes something private",
        "Something else",
    ):
        assert reason in html
    assert "<legend>" in html  # the reasons are a labelled group

    response = report(live_story, reporter, reason="blames", text="It names my team lead.")
    assert response.status_code == 302 and response.url == reverse("stories:my_reports")
    filed = StoryReport.objects.get()
    assert (filed.story_id, filed.reporter, filed.reason) == (live_story.pk, reporter, "blames")
    assert filed.status == "open" and filed.text == "It names my team lead."
    mine = client_for(reporter).get(reverse("stories:my_reports")).content.decode()
    assert "The wrong invoice" in mine and "It blames a person" in mine and "Open" in mine


def test_a_reason_is_needed(reporter, live_story):
    response = report(live_story, reporter, reason="")
    assert response.status_code == 400
    assert "Choose the reason closest to what you feel." in response.content.decode()
    assert not StoryReport.objects.exists()


def test_a_second_report_while_one_is_open_is_answered_kindly(reporter, live_story):
    report(live_story, reporter)
    again = client_for(reporter).get(reverse("stories:report", args=[live_story.pk]))
    assert again.status_code == 200
    assert "You already reported this story" in again.content.decode()
    assert "<form" not in again.content.decode().split("<main", 1)[-1].split("</main>")[0]
    report(live_story, reporter, reason="other")
    assert StoryReport.objects.count() == 1


def test_only_live_stories_the_reader_may_open_can_be_reported(reporter, stories_index, live_story):
    draft = StoryPageFactory(parent=stories_index, live=False)
    assert report(draft, reporter).status_code == 404
    assert client_for(reporter).get(reverse("stories:report", args=[draft.pk])).status_code == 404
    assert not StoryReport.objects.exists()


def test_reporting_needs_sign_in(client, live_story):
    response = client.get(reverse("stories:report", args=[live_story.pk]))
    assert response.status_code == 302 and "login" in response.url
    assert client.get(reverse("stories:my_reports")).status_code == 302


def test_employees_and_team_leads_cannot_open_the_reports_in_the_admin(
    employee, team_lead, reporter, live_story
):
    sync_roles()
    report(live_story, reporter)
    filed = StoryReport.objects.get()
    assert client_for(employee).get(ADMIN_LIST).status_code == 302  # no admin at all
    for url in (ADMIN_LIST, edit_url(filed)):
        response = client_for(team_lead).get(url)
        assert response.status_code in (302, 403), url


def test_moderators_see_open_reports_first_with_the_reporter(
    moderator, culture_member, reporter, live_story, stories_index
):
    sync_roles()
    older = story(parent=stories_index, title="A resolved one")
    report(older, reporter)
    StoryReport.objects.update(status="resolved", outcome="no_change")
    report(live_story, reporter, reason="exposes")
    for user in (moderator, culture_member):
        response = client_for(user).get(ADMIN_LIST)
        assert response.status_code == 200
        html = response.content.decode()
        assert html.index("The wrong invoice") < html.index("A resolved one")  # open first
        assert "It exposes something private" in html
        assert "rx-reader" in html or "Rhiannon" in html


def test_the_author_never_sees_who_reported_their_story(author, reporter, live_story):
    # Even when the author is a moderator: reports on their own stories are left out.
    sync_roles()
    author.groups.add(Group.objects.get(name=MODERATORS))
    report(live_story, reporter)
    filed = StoryReport.objects.get()
    client = client_for(author)
    listing = client.get(ADMIN_LIST)
    assert listing.status_code == 200
    assert (
        "Rhiannon" not in listing.content.decode() and "rx-reader" not in listing.content.decode()
    )
    assert client.get(edit_url(filed)).status_code == 404
    for url in (live_story.url, reverse("stories:my_stories"), reverse("stories:my_reports")):
        html = client.get(url).content.decode()
        assert "Rhiannon" not in html and "rx-reader" not in html, url


def resolve(user, report_obj, outcome="edited", note="We took the name out."):
    return client_for(user).post(
        edit_url(report_obj),
        {"status": "resolved", "outcome": outcome, "moderator_note": note},
    )


def test_resolving_emails_the_reader_the_outcome(
    moderator, reporter, live_story, django_capture_on_commit_callbacks
):
    sync_roles()
    report(live_story, reporter)
    filed = StoryReport.objects.get()
    page = client_for(moderator).get(edit_url(filed)).content.decode()
    assert "Edit the story" in page and "Unpublish it" in page
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        response = resolve(moderator, filed)
    assert response.status_code == 302, response.content.decode()[:3000]
    filed.refresh_from_db()
    assert filed.status == "resolved" and filed.outcome == "edited"
    assert filed.resolved_by == moderator and filed.resolved_at
    (message,) = mail.outbox
    assert message.to == ["rx@example.org"]
    assert message.subject == "Your report on “The wrong invoice”: The story was edited"
    assert "We took the name out." in message.body
    assert "Outcome: The story was edited" in message.body
    assert "The story was edited" in message.alternatives[0][0]
    assert "Quartermaine" not in message.body
    mine = client_for(reporter).get(reverse("stories:my_reports")).content.decode()
    assert "The story was edited" in mine and "We took the name out." in mine
    # Resolved: the reader may report the story again.
    assert report(live_story, reporter).status_code == 302
    assert StoryReport.objects.filter(status="open").count() == 1


def test_resolving_needs_an_outcome(moderator, reporter, live_story):
    sync_roles()
    report(live_story, reporter)
    filed = StoryReport.objects.get()
    mail.outbox.clear()
    response = client_for(moderator).post(
        edit_url(filed), {"status": "resolved", "outcome": "", "moderator_note": ""}
    )
    assert response.status_code == 200
    assert "Choose the outcome to resolve the report." in response.content.decode()
    filed.refresh_from_db()
    assert filed.status == "open" and not mail.outbox


def test_the_admin_list_takes_the_same_queries_for_3_and_30_reports(
    moderator, stories_index, django_assert_max_num_queries
):
    sync_roles()
    client = client_for(moderator)

    def add_reports(count):
        for _ in range(count):
            page = story(parent=stories_index, author=UserFactory())
            StoryReport.objects.create(story=page, reporter=UserFactory(), reason="other")

    add_reports(3)
    client.get(ADMIN_LIST)  # warm caches (content types, site)
    with CaptureQueriesContext(connection) as few:
        assert client.get(ADMIN_LIST).status_code == 200
    add_reports(27)
    with django_assert_max_num_queries(len(few.captured_queries)):
        response = client.get(ADMIN_LIST)
    assert response.content.decode().count("/admin/snippets/stories/storyreport/edit/") == 20
