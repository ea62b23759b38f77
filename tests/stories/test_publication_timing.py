"""No timing trail: an approved anonymous story goes live at the next daily publication time, and
readers see only dates (issue 12). Europe/London (settings.TIME_ZONE) moves its clocks on
29 March 2026 (01:00 GMT → 02:00 BST) and 25 October 2026 (02:00 BST → 01:00 GMT)."""

import datetime
import re
import zoneinfo

import pytest
import time_machine
from django.core import mail
from django.core.management import call_command
from django.urls import reverse
from wagtail.models import WorkflowState

from home.models import SiteSettings
from home.roles import sync_roles
from stories.feeds import feed_urls
from stories.models import FeedToken, StoryPage
from stories.publication import next_publication_time

from . import sharing_support
from .sharing_support import client_for, only_story, revisions_of, story_form

stories_index = sharing_support.stories_index

pytestmark = pytest.mark.django_db

UTC = datetime.UTC
LONDON = zoneinfo.ZoneInfo("Europe/London")
NINE = datetime.time(9)


def utc(*parts):
    return datetime.datetime(*parts, tzinfo=UTC)


@pytest.mark.parametrize(
    ("now", "expected"),
    [
        # Before the daily time: today; at it or after: tomorrow (strictly after now).
        (utc(2026, 12, 7, 8, 59), utc(2026, 12, 7, 9)),
        (utc(2026, 12, 7, 9, 0), utc(2026, 12, 8, 9)),
        (utc(2026, 12, 7, 17, 45), utc(2026, 12, 8, 9)),
        # Saturday before the clocks go forward: Sunday 09:00 BST is 08:00 UTC.
        (utc(2026, 3, 28, 16, 45), utc(2026, 3, 29, 8)),
        # Just after the change, still before nine in London.
        (utc(2026, 3, 29, 7, 30), utc(2026, 3, 29, 8)),
        # Saturday before the clocks go back: Sunday 09:00 GMT is 09:00 UTC, 25 hours later.
        (utc(2026, 10, 24, 8, 30), utc(2026, 10, 25, 9)),
        # 08:30 UTC on that Sunday is 08:30 GMT: nine has not come yet.
        (utc(2026, 10, 25, 8, 30), utc(2026, 10, 25, 9)),
        # Late evening in London is already the next day in UTC in summer.
        (utc(2026, 6, 30, 23, 30), utc(2026, 7, 1, 8)),
    ],
)
def test_next_publication_time_is_the_next_nine_oclock_in_london(now, expected):
    moment = next_publication_time(NINE, after=now)
    assert moment == expected
    assert moment.astimezone(LONDON).time() == NINE


def test_a_daily_time_inside_a_clock_change_still_comes_once_that_day():
    # 01:30 does not exist on 29 March (clocks jump 01:00 → 02:00) and happens twice on 25 October.
    spring = next_publication_time(datetime.time(1, 30), after=utc(2026, 3, 28, 12))
    assert spring.astimezone(LONDON).date() == datetime.date(2026, 3, 29)
    autumn = next_publication_time(datetime.time(1, 30), after=utc(2026, 10, 24, 12))
    assert autumn == utc(2026, 10, 25, 0, 30)  # the first 01:30, still BST
    assert next_publication_time(datetime.time(1, 30), after=autumn) == utc(2026, 10, 26, 1, 30)


def submit(author, **overrides):
    client_for(author).post(reverse("stories:share"), story_form(submit="1", **overrides))
    story = only_story()
    return story, WorkflowState.objects.get(object_id=str(story.pk), status="in_progress")


def approve_in_admin(reviewer, story, state):
    url = reverse(
        "wagtailadmin_pages:workflow_action",
        args=(story.pk, "approve", state.current_task_state.pk),
    )
    return client_for(reviewer).post(url, {"comment": ""}, follow=True)


def test_approved_anonymous_story_goes_live_at_the_next_daily_time_across_the_clock_change(
    employee, other_employee, moderator, stories_index, django_capture_on_commit_callbacks
):
    sync_roles()
    # Saturday 28 March 2026, 16:45 in London (GMT): written, submitted and approved.
    with time_machine.travel(utc(2026, 3, 28, 16, 45), tick=False):
        story, state = submit(employee, anonymous="on")
        mail.outbox.clear()
        with django_capture_on_commit_callbacks(execute=True):
            approve_in_admin(moderator, story, state)
        story = StoryPage.objects.get(pk=story.pk)
        assert not story.live and story.first_published_at is None
        scheduled = revisions_of(story).get(approved_go_live_at__isnull=False)
        assert scheduled.approved_go_live_at == utc(2026, 3, 29, 8)  # 09:00 BST
        # The author: an email with the date, and My stories says so.
        (message,) = mail.outbox
        assert message.to == [employee.email]
        assert message.subject == "Your story “A test email went to every customer” is approved"
        assert "Sunday 29 March 2026, at the site’s daily publication time" in message.body
        assert "Sunday 29 March 2026" in message.alternatives[0][0]
        mine = client_for(employee).get(reverse("stories:my_stories")).content.decode()
        assert "Scheduled" in mine
        assert "Goes live on Sunday 29 March 2026, at the daily publication time" in mine
        # Readers cannot open it yet.
        assert client_for(other_employee).get(story.url).status_code == 404

    # The cron line before nine (08:59 BST) leaves it; at nine it goes live.
    with time_machine.travel(utc(2026, 3, 29, 7, 59), tick=False):
        call_command("publish_scheduled", verbosity=0)
        assert not StoryPage.objects.get(pk=story.pk).live
    with time_machine.travel(utc(2026, 3, 29, 8, 0, 30), tick=False):
        with django_capture_on_commit_callbacks(execute=True):
            call_command("publish_scheduled", verbosity=0)
        story = StoryPage.objects.get(pk=story.pk)
        assert story.live
        assert story.first_published_at == utc(2026, 3, 29, 8, 0, 30)
        assert [m.subject for m in mail.outbox][-1].endswith("is published")

        reader = client_for(other_employee)
        html = reader.get(story.url).content.decode()
        assert '<time datetime="2026-03-29">29 March 2026</time>' in html
        assert not re.search(r"\b0?[89]:0\d\b|T0?[89]:", html), "a clock time is shown"
        listing = reader.get(stories_index.url).content.decode()
        assert '<time datetime="2026-03-29">29 Mar 2026</time>' in listing

        token = FeedToken.objects.create(user=other_employee).token
        rss = reader.get(feed_urls(token)["rss"]).content.decode()
        # Midnight in London on 29 March is still GMT.
        assert "<pubDate>Sun, 29 Mar 2026 00:00:00 +0000</pubDate>" in rss
        atom = reader.get(feed_urls(token)["atom"]).content.decode()
        assert "<published>2026-03-29T00:00:00+00:00</published>" in atom
        assert "08:00" not in rss + atom and "09:00" not in rss + atom

    # My stories now says published.
    with time_machine.travel(utc(2026, 3, 29, 10), tick=False):
        mine = client_for(employee).get(reverse("stories:my_stories")).content.decode()
        assert "Published" in mine and "Goes live on" not in mine


def test_summer_feed_dates_are_midnight_in_london(
    employee, other_employee, moderator, stories_index
):
    sync_roles()
    with time_machine.travel(utc(2026, 7, 1, 20), tick=False):
        story, state = submit(employee, anonymous="on")
        approve_in_admin(moderator, story, state)
    with time_machine.travel(utc(2026, 7, 2, 8, 1), tick=False):
        call_command("publish_scheduled", verbosity=0)
        token = FeedToken.objects.create(user=other_employee).token
        rss = client_for(other_employee).get(feed_urls(token)["rss"]).content.decode()
    assert "<pubDate>Thu, 02 Jul 2026 00:00:00 +0100</pubDate>" in rss


def test_the_reviewer_approving_in_the_editor_is_told_the_date(employee, moderator, stories_index):
    from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text

    sync_roles()
    with time_machine.travel(utc(2026, 12, 7, 15), tick=False):
        story, state = submit(employee, anonymous="on")
        data = nested_form_data(
            {
                "title": story.title,
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
                "lessons": inline_formset([]),
                "actions": inline_formset([]),
                "questions": inline_formset([]),
                "comments": inline_formset([]),
                "action-workflow-action": "true",
                "workflow-action-name": "approve",
            }
        )
        response = client_for(moderator).post(
            reverse("wagtailadmin_pages:edit", args=[story.pk]), data, follow=True
        )
    assert not StoryPage.objects.get(pk=story.pk).live
    assert (
        "As it is anonymous, it goes live on Tuesday 8 December 2026 at the daily publication "
        "time, not now." in response.content.decode()
    )


def test_the_daily_time_is_the_site_setting(employee, moderator, stories_index, home_page):
    sync_roles()
    settings = SiteSettings.for_site(home_page.get_site())
    settings.daily_publication_time = datetime.time(14, 30)
    settings.save()
    with time_machine.travel(utc(2026, 12, 7, 15), tick=False):
        story, state = submit(employee, anonymous="on")
        approve_in_admin(moderator, story, state)
    scheduled = revisions_of(story).get(approved_go_live_at__isnull=False)
    assert scheduled.approved_go_live_at == utc(2026, 12, 8, 14, 30)


def test_a_named_story_goes_live_at_approval(
    employee, moderator, stories_index, django_capture_on_commit_callbacks
):
    sync_roles()
    with time_machine.travel(utc(2026, 12, 7, 15, 12), tick=False):
        story, state = submit(employee)
        with django_capture_on_commit_callbacks(execute=True):
            approve_in_admin(moderator, story, state)
        story = StoryPage.objects.get(pk=story.pk)
        assert story.live and story.first_published_at == utc(2026, 12, 7, 15, 12)
        assert not revisions_of(story).filter(approved_go_live_at__isnull=False).exists()


def test_approved_changes_to_a_live_anonymous_story_wait_for_the_daily_time(
    employee, other_employee, moderator, stories_index, django_capture_on_commit_callbacks
):
    sync_roles()
    with time_machine.travel(utc(2026, 12, 7, 10), tick=False):
        story, state = submit(employee, anonymous="on")
        approve_in_admin(moderator, story, state)
    with time_machine.travel(utc(2026, 12, 8, 9, 0, 10), tick=False):
        call_command("publish_scheduled", verbosity=0)
        assert StoryPage.objects.get(pk=story.pk).live
    with time_machine.travel(utc(2026, 12, 8, 15), tick=False):
        author = client_for(employee)
        edit = reverse("stories:edit", args=[story.pk])
        author.post(edit, story_form(submit="1", anonymous="on", summary="A clearer summary."))
        state = WorkflowState.objects.get(object_id=str(story.pk), status="in_progress")
        approve_in_admin(moderator, story, state)
        story = StoryPage.objects.get(pk=story.pk)
        assert story.summary != "A clearer summary."  # readers keep the published version
        mine = author.get(reverse("stories:my_stories")).content.decode()
        assert "Your changes: approved, shown from Wednesday 9 December 2026" in mine
    with time_machine.travel(utc(2026, 12, 9, 9, 0, 10), tick=False):
        call_command("publish_scheduled", verbosity=0)
        story = StoryPage.objects.get(pk=story.pk)
        assert story.summary == "A clearer summary."
        assert story.first_published_at.date() == datetime.date(2026, 12, 8)


def test_a_new_version_from_the_author_takes_back_the_scheduled_one(
    employee, moderator, stories_index
):
    sync_roles()
    with time_machine.travel(utc(2026, 12, 7, 15), tick=False):
        story, state = submit(employee, anonymous="on")
        approve_in_admin(moderator, story, state)
        assert revisions_of(story).filter(approved_go_live_at__isnull=False).exists()
        author = client_for(employee)
        author.post(
            reverse("stories:edit", args=[story.pk]),
            story_form(save="1", anonymous="on", summary="On second thoughts."),
        )
        assert not revisions_of(story).filter(approved_go_live_at__isnull=False).exists()
        mine = author.get(reverse("stories:my_stories")).content.decode()
        assert "Goes live on" not in mine and "Draft" in mine
    with time_machine.travel(utc(2026, 12, 8, 9, 0, 10), tick=False):
        call_command("publish_scheduled", verbosity=0)
    assert not StoryPage.objects.get(pk=story.pk).live
