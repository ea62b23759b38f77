"""Open actions past due: on the lead's and the Culture team's dashboards, and in the team's next
meeting pack as a "Follow-up" agenda item; constant queries for each with more actions."""

import datetime

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from culture.meetings.blocks import default_agenda
from culture.meetings.factories import follow_up_item
from culture.meetings.models import MeetingPackPage
from home.roles import sync_roles
from stories import follow_up
from stories.factories import StoryPageFactory
from tests.stories.sharing_support import client_for

from .conftest import open_round_item

pytestmark = pytest.mark.django_db

DAY = datetime.timedelta(days=1)


def late_story(stories_index, title, *actions, **kwargs):
    return StoryPageFactory(parent=stories_index, title=title, actions=list(actions), **kwargs)


def action(description, owner, due, status="open"):
    return {"description": description, "owner": owner, "due_date": due, "status": status}


@pytest.fixture
def late_actions(stories_index, support, engineering):
    """Two open actions Customer Support owns past due, and some that do not count."""
    today = timezone.localdate()
    return [
        late_story(
            stories_index,
            "The invoice run that ran twice",
            action("Lock the invoice run", "Customer Support", today - 10 * DAY),
            action("Already done", "Customer Support", today - 10 * DAY, status="done"),
            action("Still in time", "Customer Support", today + 20 * DAY),
            team=engineering,  # the story's team does not matter: the owner does
        ),
        late_story(
            stories_index,
            "The macro with the wrong name",
            action(
                "Placeholder in every macro",
                "Customer Support · the on-call agent",
                today - 3 * DAY,
            ),
            action("Not ours", "Engineering", today - 3 * DAY),
            team=support,
        ),
    ]


def dashboard(client):
    return client.get(reverse("wagtailadmin_home")).content.decode()


def test_the_lead_sees_the_actions_their_teams_own_past_due(lead, late_actions, packs_index):
    sync_roles()
    html = dashboard(client_for(lead))
    panel = html[html.index("data-lead-panel") :]
    assert "2 corrective actions past due" in panel
    assert "Lock the invoice run" in panel and "The invoice run that ran twice" in panel
    assert "Customer Support · the on-call agent" in panel
    for absent in ("Already done", "Still in time", "Not ours"):
        assert absent not in panel


def test_the_culture_team_sees_every_action_past_due_with_its_owner(culture_member, late_actions):
    sync_roles()
    html = dashboard(client_for(culture_member))
    panel = html[html.index("data-culture-panel") :]
    assert "3 corrective actions past due" in panel
    assert "Not ours · Engineering" in panel
    assert "Already done" not in panel


@pytest.mark.parametrize("viewer", ["lead", "culture_member"])
def test_the_dashboard_panels_cost_the_same_queries_with_more_late_actions(
    viewer, request, stories_index, support, packs_index, django_assert_max_num_queries
):
    sync_roles()
    user = request.getfixturevalue(viewer)
    today = timezone.localdate()
    late_story(stories_index, "One late", action("Late 0", "Customer Support", today - DAY))
    client = client_for(user)
    dashboard(client)
    with CaptureQueriesContext(connection) as few:
        dashboard(client)
    for number in range(1, 16):
        late_story(
            stories_index,
            f"Late story {number}",
            action(f"Late {number}", "Customer Support · on call", today - number * DAY),
            action(f"Later {number}", "Customer Support", today - number * DAY),
        )
    with django_assert_max_num_queries(len(few.captured_queries)):
        html = dashboard(client)
    assert "Late 15" in html


def test_the_follow_up_item_lists_the_teams_open_actions_past_due_at_the_meeting(
    make_pack, late_actions, employee
):
    story = late_actions[0]
    pack = make_pack(
        title="Support staff meeting",
        meeting_date=timezone.localdate() + 7 * DAY,
        agenda=[open_round_item(), follow_up_item()],
    )
    reader = client_for(employee)
    html = reader.get(pack.url).content.decode()
    assert "Follow-up: 2 open actions" in html
    assert "Lock the invoice run" in html and "Placeholder in every macro" in html
    assert "Customer Support · the on-call agent" in html
    for absent in ("Already done", "Still in time", "Not ours"):
        assert absent not in html
    text = reader.get(pack.url + "invitation/").content.decode()
    assert "Follow-up: 2 open actions" in text and "Lock the invoice run" in text
    # Marked done from a reminder: the pack says so at once (no edit of the pack).
    done = story.actions.get(description="Lock the invoice run")
    follow_up.mark_done(done)
    html = reader.get(pack.url).content.decode()
    assert "Follow-up: 1 open action" in html and "Lock the invoice run" not in html


def test_the_follow_up_item_costs_the_same_queries_with_more_actions(
    make_pack, stories_index, employee, django_assert_max_num_queries
):
    today = timezone.localdate()
    pack = make_pack(meeting_date=today + DAY, agenda=[follow_up_item()])
    late_story(stories_index, "One late", action("Late 0", "Customer Support", today - DAY))
    reader = client_for(employee)
    reader.get(pack.url)
    with CaptureQueriesContext(connection) as few:
        reader.get(pack.url + "invitation/")
    for number in range(1, 16):
        late_story(
            stories_index,
            f"Late {number}",
            action(f"Late {number}", "Customer Support", today - DAY),
        )
    with django_assert_max_num_queries(len(few.captured_queries)):
        text = reader.get(pack.url + "invitation/").content.decode()
    assert "Follow-up: 16 open actions" in text


def test_a_new_pack_starts_with_the_follow_up_when_the_team_has_actions_past_due(
    lead, packs_index, stories_index, support
):
    sync_roles()
    client = client_for(lead)
    monday = datetime.datetime(2026, 12, 7, 9)
    form = {"team": support.pk, "start_time": "10:30", "title": ""}
    with time_machine.travel(monday, tick=False):
        client.force_login(lead)
        client.post(reverse("meetings:start"), {**form, "meeting_date": "2026-12-10"})
        late_story(
            stories_index,
            "Late",
            action("Due before the meeting", "Customer Support", datetime.date(2026, 12, 14)),
        )
        client.post(reverse("meetings:start"), {**form, "meeting_date": "2026-12-17"})
    first = MeetingPackPage.objects.get(meeting_date=datetime.date(2026, 12, 10))
    second = MeetingPackPage.objects.get(meeting_date=datetime.date(2026, 12, 17))
    assert [block.block_type for block in first.agenda] == [kind for kind, _ in default_agenda()]
    kinds = [block.block_type for block in second.agenda]
    assert kinds == ["open_round", "plan_exercise", "follow_up", "celebration"]
