"""The Culture team's admin dashboard: stories awaiting review and for how long, weeks without
a quote, the running campaign, corrective actions past due, the most learned-from stories."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from culture.quotes.factories import QuoteFactory
from culture.quotes.schedule import live_week
from home.roles import sync_roles
from stories.factories import StoryPageFactory
from stories.models import LearnedFromThis
from tests.stories.sharing_support import client_for, story_form

pytestmark = pytest.mark.django_db


def dashboard(user):
    return client_for(user).get(reverse("wagtailadmin_home")).content.decode()


def test_the_culture_team_sees_what_needs_them_this_week(
    culture_member, employee, moderator, stories_index
):
    sync_roles()
    client_for(employee).post(reverse("stories:share"), story_form(submit="1"))
    next_week = live_week() + datetime.timedelta(days=7)
    QuoteFactory(week=next_week)
    today = timezone.localdate()
    learned = StoryPageFactory(parent=stories_index, title="The most useful story")
    LearnedFromThis.objects.create(story=learned, user=employee)
    StoryPageFactory(
        parent=stories_index,
        title="Still to fix",
        actions=[
            {
                "description": "Lock the invoice run",
                "owner": "Finance",
                "due_date": today - datetime.timedelta(days=3),
            }
        ],
    )
    html = dashboard(culture_member)
    panel = html[html.index("data-culture-panel") :]
    assert "1 story awaiting review" in panel
    assert "A test email went to every customer" in panel and "sent today" in panel
    assert "Weeks ahead with no quote yet:" in panel
    assert f"{next_week:%-d %B}," not in panel  # that week has its quote
    later = next_week + datetime.timedelta(days=7)
    assert f"{later:%-d %B}" in panel
    assert "No campaign is running." in panel
    assert "1 corrective action past due" in panel and "Lock the invoice run" in panel
    assert "The most useful story" in panel
    # Moderators and employees do not get it.
    assert "data-culture-panel" not in dashboard(moderator)
