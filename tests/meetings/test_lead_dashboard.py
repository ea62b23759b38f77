"""The team lead's admin dashboard: next packs (draft or ready), suggestions for the next
meeting, stories discussed lately, corrective actions past due; for leads only."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from home.roles import sync_roles
from stories.factories import StoryPageFactory
from tests.stories.sharing_support import client_for

from .conftest import story_item

pytestmark = pytest.mark.django_db

DAY = datetime.timedelta(days=1)


def dashboard(user):
    return client_for(user).get(reverse("wagtailadmin_home")).content.decode()


def test_a_lead_sees_their_meetings_on_the_dashboard(
    lead, make_pack, support, engineering, stories_index, story, moderator
):
    sync_roles()
    today = timezone.localdate()
    draft = make_pack(title="Next support meeting", meeting_date=today + 2 * DAY)
    draft.unpublish()
    make_pack(title="Support later", meeting_date=today + 9 * DAY)
    make_pack(title="Engineering only", team=engineering, meeting_date=today + 3 * DAY)
    make_pack(title="Held support", meeting_date=today - 7 * DAY, agenda=[story_item(story)])
    late = StoryPageFactory(
        parent=stories_index,
        title="The late fix",
        team=support,
        actions=[
            {
                "description": "Add a second check",
                "owner": "Customer Support",
                "due_date": today - DAY,
            }
        ],
    )
    StoryPageFactory(
        parent=stories_index,
        title="In time",
        team=support,
        actions=[
            {"description": "Not due yet", "owner": "Customer Support", "due_date": today + DAY}
        ],
    )
    html = dashboard(lead)
    assert "Your staff meetings: Customer Support" in html
    assert reverse("meetings:start") in html
    panel = html[html.index("data-lead-panel") :]
    assert panel.index("Next support meeting") < panel.index("Support later")
    assert "Engineering only" not in panel
    assert "Draft" in panel and "Ready" in panel
    assert "Discussed lately" in panel and story.title in panel
    assert "Add a second check" in panel and late.title in panel
    assert "Not due yet" not in panel
    # Not for others: a moderator does not build packs, even one who is a member of a team.
    assert "data-lead-panel" not in dashboard(moderator)
    support.members.add(moderator)
    assert "data-lead-panel" not in dashboard(moderator)


def test_the_lead_panel_costs_the_same_queries_with_more_packs(
    lead, make_pack, django_assert_max_num_queries
):
    sync_roles()
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    today = timezone.localdate()
    make_pack(meeting_date=today + DAY)
    client = client_for(lead)
    client.get(reverse("wagtailadmin_home"))
    with CaptureQueriesContext(connection) as few:
        client.get(reverse("wagtailadmin_home"))
    for number in range(12):
        make_pack(title=f"Pack {number}", meeting_date=today + (number + 2) * DAY)
        make_pack(title=f"Held {number}", meeting_date=today - (number + 1) * DAY)
    with django_assert_max_num_queries(len(few.captured_queries) + 2):
        client.get(reverse("wagtailadmin_home"))
