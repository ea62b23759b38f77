"""Did the fix hold? A repeat names the earlier story's corrective action that should have
prevented it (or none was meant to); both stories show it, and insights count it."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from culture.campaigns.insights import Period, dashboard
from home.factories import UserFactory
from home.roles import CULTURE_TEAM, sync_roles
from stories.factories import StoriesIndexPageFactory, StoryPageFactory, TeamFactory
from stories.models import StoryPage
from tests.campaigns.conftest import london
from tests.stories.sharing_support import client_for

pytestmark = pytest.mark.django_db


@pytest.fixture
def stories_index(home_page):
    return StoriesIndexPageFactory(parent=home_page)


@pytest.fixture
def earlier(stories_index):
    TeamFactory(name="Sales")
    return StoryPageFactory(
        parent=stories_index,
        title="We missed a contract renewal date",
        first_published_at=london(2026, 1, 5, 10),
        tags=["contracts", "reminders"],
        actions=[
            {"description": "Renewal review 90 days ahead", "owner": "Sales"},
            {"description": "Every reminder reaches a person", "owner": "Sales · operations"},
        ],
    )


def repeat(stories_index, earlier, action=None, published=(2026, 2, 10, 10), **kwargs):
    story = StoryPageFactory(
        parent=stories_index,
        title=kwargs.pop("title", "Our certificate expired on a Saturday"),
        first_published_at=london(*published),
        repeat_of=earlier,
        repeat_of_action=action,
        **kwargs,
    )
    return story


def test_the_editor_offers_the_earlier_storys_actions_only(stories_index, earlier):
    other = StoryPageFactory(parent=stories_index, actions=[{"description": "Someone else's"}])
    form_class = StoryPage.get_edit_handler().get_form_class()
    later = repeat(stories_index, earlier)
    unbound = form_class(instance=later, for_user=UserFactory())
    choices = [label for _value, label in unbound.fields["repeat_of_action"].choices]
    assert choices == [
        "— None chosen —",
        "Renewal review 90 days ahead (Sales)",
        "Every reminder reaches a person (Sales · operations)",
    ]
    # As posted: the story chosen under "Repeat of" in the same form decides.
    bound = form_class({"repeat_of": str(other.pk)}, instance=later, for_user=UserFactory())
    assert list(bound.fields["repeat_of_action"].queryset) == list(other.actions.all())
    # Not a repeat: nothing to choose from.
    fresh = StoryPage(title="New")
    assert (
        not form_class(instance=fresh, for_user=UserFactory())
        .fields["repeat_of_action"]
        .queryset.exists()
    )


def test_the_action_must_be_the_earlier_storys_and_not_with_none_was_meant_to(
    stories_index, earlier
):
    other = StoryPageFactory(parent=stories_index, actions=[{"description": "Someone else's"}])
    later = repeat(stories_index, earlier)
    later.repeat_of_action = other.actions.get()
    with pytest.raises(ValidationError) as refused:
        later.clean()
    assert "belongs to another story" in str(refused.value)
    later.repeat_of_action = earlier.actions.first()
    later.repeat_not_prevented = True
    with pytest.raises(ValidationError) as refused:
        later.clean()
    assert "not both" in str(refused.value)
    # No longer a repeat: the link to the action goes with it.
    later.repeat_of = None
    later.clean()
    assert later.repeat_of_action is None and later.repeat_not_prevented is False


def test_both_stories_say_the_action_did_not_hold(stories_index, earlier, employee):
    action = earlier.actions.get(description="Every reminder reaches a person")
    later = repeat(stories_index, earlier, action)
    reader = client_for(employee)
    later_html = reader.get(later.url).content.decode()
    assert "This mistake happened before:" in later_html
    assert (
        "Its corrective action “Every reminder reaches a person” was meant to prevent this, "
        "and did not hold." in later_html
    )
    earlier_html = reader.get(earlier.url).content.decode()
    assert "It happened again later:" in earlier_html
    assert "the action “Every reminder reaches a person” did not hold" in earlier_html
    assert earlier_html.count("Did not hold</span>") == 1
    # "None was meant to" is said as such, and marks no action.
    other = repeat(
        stories_index, earlier, title="Another renewal slipped", repeat_not_prevented=True
    )
    assert (
        "None of its corrective actions was meant to prevent this."
        in reader.get(other.url).content.decode()
    )


def test_insights_count_the_actions_that_did_not_hold_per_quarter_and_per_tag(
    stories_index, earlier
):
    action = earlier.actions.get(description="Every reminder reaches a person")
    repeat(stories_index, earlier, action, tags=["reminders"])
    repeat(
        stories_index,
        earlier,
        published=(2026, 4, 20, 10),
        title="A renewal slipped again",
        repeat_not_prevented=True,
        tags=["contracts"],
    )
    StoryPageFactory(parent=stories_index, first_published_at=london(2026, 5, 2), tags=["email"])
    figures = dashboard(Period(datetime.date(2026, 1, 1), datetime.date(2026, 6, 30)))
    assert [story.repeat_of_action for story in figures["not_held"]] == [action]
    assert [
        (row["label"], row["stories"], row["repeats"], row["rate"], row["not_held"])
        for row in figures["repeats_per_quarter"]
    ] == [("2026 Q1", 2, 1, 50, 1), ("2026 Q2", 2, 1, 50, 0)]
    assert [
        (row["tag"], row["stories"], row["repeats"], row["rate"])
        for row in figures["repeats_per_tag"]
    ] == [("contracts", 2, 1, 50), ("reminders", 2, 1, 50)]


def test_the_insights_page_shows_them(stories_index, earlier):
    sync_roles()
    action = earlier.actions.get(description="Every reminder reaches a person")
    repeat(stories_index, earlier, action, tags=["reminders"])
    culture = UserFactory(username="casey", roles=[CULTURE_TEAM])
    html = (
        client_for(culture)
        .get(
            reverse("campaigns_admin:insights"),
            {"date_from": "2026-01-01", "date_to": "2026-03-31"},
        )
        .content.decode()
    )
    assert "Actions that did not hold" in html
    assert "“Every reminder reaches a person” (Sales · operations), still open" in html
    assert "Repeat rate per quarter" in html and "2026 Q1" in html and "50%" in html
    assert "Repeat rate per tag" in html
