"""Fixtures and helpers for the sharing, moderation, blameless and admin-anonymity tests.

Test modules import the fixtures they use by name (pytest finds them in the module's namespace).
"""

import pytest
from wagtail.models import Page, Revision

from stories.factories import StoriesIndexPageFactory, TeamFactory


@pytest.fixture
def stories_index(home_page):
    return StoriesIndexPageFactory(parent=home_page)


@pytest.fixture
def team(db):
    return TeamFactory(name="Support")


def story_form(**overrides):
    """Valid POST data for the share form; pass field=value to change or add fields."""
    data = {
        "title": "A test email went to every customer",
        "summary": "A test send used the live list; now test sends can only reach the test list.",
        "happened_month": "3",
        "happened_year": "2024",
        "team": "",
        "tags": "email, customers",
        "part": "made",
        "size": "large",
        "what_happened": "We were testing a newsletter.\nThe live list was selected.\n\nIt went out.",
        "who_was_affected": "About 40,000 customers.",
        "own_it": "We said so on social media within the hour.",
        "make_it_right": "We wrote to everyone with an apology and a discount.",
        "learn_and_prevent": "Test sends now use a separate account.",
        "lessons": "Test with test data\nMake the dangerous button look dangerous",
        "questions": "Where could this happen to us?",
        "series": "",
        "actions-TOTAL_FORMS": "2",
        "actions-INITIAL_FORMS": "0",
        "actions-MIN_NUM_FORMS": "0",
        "actions-MAX_NUM_FORMS": "20",
        "actions-0-description": "Separate account for test sends",
        "actions-0-owner": "Marketing operations",
        "actions-0-due_date": "2024-04-30",
        "actions-0-status": "done",
        "actions-1-description": "",
        "actions-1-owner": "",
        "actions-1-due_date": "",
        "actions-1-status": "open",
    }
    data.update({key: str(value) for key, value in overrides.items()})
    return data


def revisions_of(page):
    return Revision.objects.filter(
        base_content_type=page.get_base_content_type(), object_id=str(page.pk)
    )


def only_story():
    from stories.models import StoryPage

    return StoryPage.objects.get()


def page_of(story):
    return Page.objects.get(pk=story.pk)


def client_for(user):
    """A separate signed-in test client (the `client` fixture is shared with `employee_client`)."""
    from django.test import Client

    client = Client()
    client.force_login(user)
    return client


def publish_when_due(story):
    """Run the `publish_scheduled` cron line just after `story`'s approved revision is due (an
    approved anonymous story waits for the daily publication time); returns the story, live."""
    import datetime

    import time_machine
    from django.core.management import call_command

    due = revisions_of(story).get(approved_go_live_at__isnull=False).approved_go_live_at
    with time_machine.travel(due + datetime.timedelta(minutes=1)):
        call_command("publish_scheduled", verbosity=0)
    return type(story).objects.get(pk=story.pk)
