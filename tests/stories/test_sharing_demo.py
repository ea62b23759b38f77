"""The demo's stories: varied, blameless, idempotent, and safe without demo users."""

from io import StringIO

import pytest
from django.contrib.auth import get_user_model
from django.core import mail
from django.core.management import call_command
from django.utils import timezone
from wagtail.models import WorkflowState

from stories.blameless import check_story
from stories.models import Series, StoryAuthorship, StoryPage, Team
from stories.workflow import StoryState, states_for

pytestmark = pytest.mark.django_db


def load(settings, debug=True):
    settings.DEBUG = debug
    call_command("load_demo", stdout=StringIO())


def test_demo_stories_are_varied_and_complete(settings):
    load(settings)
    published = list(StoryPage.objects.live().select_related("authorship"))
    assert len(published) >= 15
    assert len({story.team_id for story in published}) >= 5
    assert {story.size for story in published} == {"small", "medium", "large", "huge"}
    assert {story.part for story in published} == {"made", "received", "witnessed"}
    assert sum(story.good_for_meetings for story in published) >= 4
    anonymous = [s for s in published if s.byline == "Anonymous"]
    assert 3 <= len(anonymous) < len(published)
    dates = sorted(story.first_published_at for story in published)
    assert (dates[-1] - dates[0]).days >= 365
    assert dates[-1] <= timezone.now()
    series = Series.objects.get(name="I screw up so you don't have to")
    assert StoryPage.objects.filter(series=series).count() >= 4
    for story in published:
        assert story.lessons.exists(), story.title
        assert story.actions.exists(), story.title
        assert story.tags.exists(), story.title
        assert story.live_revision_id is not None
    titles = {story.title for story in published}
    for expected in (
        "A test email went to every customer",
        "The wrong phone number on posters in 25 cities",
        "A client project went quiet while I was on holiday",
        "The vegan dishes were missing from the client lunch order",
        "The afternoon our platform went down",
    ):
        assert expected in titles


def test_demo_stories_pass_their_own_blameless_check(settings):
    load(settings)
    for story in StoryPage.objects.all():
        findings = check_story(story.get_latest_revision_as_object())
        # Casey's anonymous Finance story shows the small-team rule: its one note is the team's.
        if story.team and story.team.name == "Finance" and findings:
            assert [finding.kind for finding in findings.pop("team")] == ["team"]
        assert findings == {}, story.title


def test_demo_has_every_state_teams_and_members(settings):
    load(settings)
    users = {user.username: user for user in get_user_model().objects.all()}
    support = Team.objects.get(name="Support")
    assert users["lee"] in support.members.all()
    assert users["lee"] in Team.objects.get(name="Engineering").members.all()
    assert users["tove"] in Team.objects.get(name="Sales").members.all()
    assert users["tove"] in Team.objects.get(name="Marketing").members.all()
    assert {"Finance", "Operations"} <= set(Team.objects.values_list("name", flat=True))

    states = states_for(StoryPage.objects.all())
    counts = dict.fromkeys(StoryState, 0)
    for standing in states.values():
        counts[standing.state] += 1
    assert counts[StoryState.IN_REVIEW] >= 2
    assert counts[StoryState.CHANGES_REQUESTED] == 1
    assert counts[StoryState.DRAFT] == 1
    # Anonymous stories in review name only the placeholder.
    for authorship in StoryAuthorship.objects.filter(is_anonymous=True, story__live=False):
        state = WorkflowState.objects.get(object_id=str(authorship.story_id), status="in_progress")
        assert state.requested_by.username == "anonymous-author"
    assert mail.outbox == []  # the demo mails nobody


def test_demo_is_idempotent(settings):
    load(settings)
    counts = (StoryPage.objects.count(), Team.objects.count(), WorkflowState.objects.count())
    load(settings)
    assert (StoryPage.objects.count(), Team.objects.count(), WorkflowState.objects.count()) == (
        counts
    )


def test_demo_without_demo_users(settings, client):
    load(settings, debug=False)
    assert StoryPage.objects.live().count() >= 15
    assert not StoryPage.objects.filter(live=False).exists()
    assert not StoryAuthorship.objects.exists()
    assert not Team.objects.filter(members__isnull=False).exists()


def test_in_the_demo_anonymous_stories_show_dates_and_approving_one_schedules_it(settings):
    from stories.models import StoryReport
    from stories.publication import daily_time

    load(settings)
    nine = daily_time()
    for story in StoryPage.objects.live().filter(authorship__is_anonymous=True):
        assert timezone.localtime(story.first_published_at).time() == nine, story.title
    waiting = StoryPage.objects.get(
        authorship__is_anonymous=True, live=False, first_published_at=None
    )
    state = WorkflowState.objects.get(object_id=str(waiting.pk), status="in_progress")
    state.current_task_state.specific.approve(user=get_user_model().objects.get(username="morgan"))
    waiting.refresh_from_db()
    assert not waiting.live
    assert states_for([waiting])[waiting.pk].state == StoryState.SCHEDULED
    # A reader's open report waits for the moderators.
    assert StoryReport.objects.filter(status="open").count() == 1


def test_demo_shows_the_small_group_rule_both_ways(settings, client):
    """Five teams are big enough to show with an anonymous story; Finance (two people) is not,
    so its anonymous story names no team while Sales's does (stories/small_groups.py)."""
    from stories import small_groups

    load(settings)
    large = set(
        Team.objects.filter(pk__in=small_groups.large_teams(5)).values_list("name", flat=True)
    )
    assert large == {"Sales", "Support", "Engineering", "Marketing", "Operations"}
    client.force_login(get_user_model().objects.get(username="erin"))
    anonymous = StoryPage.objects.live().filter(authorship__is_anonymous=True)
    finance = anonymous.get(team__name="Finance")
    assert "<dt>Team</dt>" not in client.get(finance.url).content.decode()
    sales = anonymous.filter(team__name="Sales").first()
    assert "<dd>Sales</dd>" in client.get(sales.url).content.decode()


def test_demo_shows_actions_followed_up_and_a_fix_that_did_not_hold(settings, client):
    """Overdue actions owned by teams, a lead to remind, Lee's next pack following them up, and a
    repeat whose earlier action did not hold."""
    from culture.meetings.models import MeetingPackPage
    from stories.follow_up import contacts, send_reminders
    from stories.models import CorrectiveAction

    load(settings)
    late = CorrectiveAction.objects.past_due().select_related("owner_team", "page")
    assert late.count() >= 3
    assert all(action.owner_team_id for action in late)
    assert {person.username for action in late for person in contacts(action)} >= {"lee"}
    repeat = StoryPage.objects.get(repeat_of_action__isnull=False)
    assert repeat.repeat_of_action.page_id == repeat.repeat_of_id
    assert repeat.repeat_of_action.status == "open"
    draft = MeetingPackPage.objects.get(live=False)
    assert "follow_up" in [block.block_type for block in draft.agenda]
    assert len(draft.past_due_actions) == 2
    emails, reminders = send_reminders()
    assert emails >= 2 and reminders >= 4
    assert send_reminders() == (0, 0)
    client.force_login(get_user_model().objects.get(username="erin"))
    earlier = client.get(repeat.repeat_of.url).content.decode()
    assert "did not hold" in earlier
