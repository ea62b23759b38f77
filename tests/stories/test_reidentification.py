"""The re-identification check: what would let colleagues work out who wrote an anonymous story,
with a generalised wording for each; never a gate."""

import datetime

import pytest
from django.urls import reverse

from home.factories import UserFactory
from stories.blameless import check_story, check_values
from stories.factories import StoryPageFactory, TeamFactory
from stories.models import IdentifyingDetail
from stories.reidentification import part_of_day
from tests.stories.sharing_support import client_for, stories_index, story_form  # noqa: F401

pytestmark = pytest.mark.django_db


def notes(findings, field="what_happened"):
    return [
        (finding.kind, finding.found, finding.suggestion) for finding in findings.get(field, [])
    ]


@pytest.fixture
def erin(db):
    return UserFactory(username="erin", first_name="Erin", last_name="Walsh")


def check(text, author, **kwargs):
    kwargs.setdefault("anonymous", True)
    return check_values({"what_happened": text}, author=author, **kwargs)


def test_exact_dates_and_times_get_a_generalised_wording(erin):
    found = notes(check("On Monday 3 March at 14:32 the invoices went out twice.", erin))
    assert found == [("date", "Monday 3 March at 14:32", "on a Monday in March")]
    found = notes(check("It was 3 March 2026; by 9:05 am we knew, and at 2pm it was fixed.", erin))
    assert found == [
        ("date", "3 March 2026", "in March 2026"),
        ("time", "9:05 am", "in the morning"),
        ("time", "2pm", "in the afternoon"),
    ]
    found = notes(check("Since 2026-03-03 and 14/11/2025, and on Friday, July 4th.", erin))
    assert [suggestion for _, _, suggestion in found] == [
        "in March 2026",
        "in November 2025",
        "on a Friday in July",
    ]
    # Numbers that are not dates or times are left alone.
    assert notes(check("We refunded 14 customers 2.50 each, 3 times, in 2026.", erin)) == []


def test_parts_of_the_day():
    assert part_of_day(7) == "in the morning"
    assert part_of_day(12) == "around midday"
    assert part_of_day(2, "pm") == "in the afternoon"
    assert part_of_day(19) == "in the evening"
    assert part_of_day(12, "am") == "at night"


def test_own_names_colleagues_and_listed_details(erin):
    UserFactory(username="sam", first_name="Sam", last_name="Okafor")
    IdentifyingDetail.objects.create(term="Northwind Traders", kind=IdentifyingDetail.CUSTOMER)
    text = (
        "In my first week I, Erin Walsh, told Sam that the Head of Finance had approved the "
        "Northwind Traders refund."
    )
    found = notes(check(text, erin))
    assert ("detail", "my first week", "when I was new") in found
    assert ("own_name", "Erin Walsh", "") in found
    assert ("name", "Sam", found[2][2]) in found
    assert ("detail", "Head of Finance", "someone in finance") in found
    assert (
        "detail",
        "Northwind Traders",
        "Name the kind of customer or supplier (“a large retail customer”).",
    ) in found
    # A named story gets the blameless check only: its author's name and dates are fine there.
    named = notes(check(text + " On Monday 3 March.", erin, anonymous=False))
    assert [kind for kind, _, _ in named] == ["name"]


def test_a_small_team_is_noted_on_the_team_field(erin):
    small = TeamFactory(name="Payroll")
    small.members.add(erin, UserFactory())
    big = TeamFactory(name="Support")
    big.members.add(*[UserFactory() for _ in range(5)])
    found = check("", erin, team=small, min_group=5)
    assert [finding.message for finding in found["team"]] == [
        "Fewer than 5 people are in Payroll, so readers will not see the team of an anonymous "
        "story. Details only Payroll would know may still point at you."
    ]
    assert "team" not in check("", erin, team=big, min_group=5)
    assert "team" not in check("", erin, team=small, min_group=5, anonymous=False)


def test_live_notes_follow_the_anonymous_box(erin, stories_index):  # noqa: F811
    client = client_for(erin)
    text = "On Monday 3 March at 14:32 I, Erin, sent it."
    named = client.post(reverse("stories:live_notes_new"), story_form(what_happened=text))
    assert named.json()["count"] == 0
    anonymous = client.post(
        reverse("stories:live_notes_new"), story_form(what_happened=text, anonymous="on")
    ).json()
    assert anonymous["count"] == 2
    messages = anonymous["notes"]["what_happened"]
    assert "Perhaps: “on a Monday in March”" in messages[0]
    assert "“Erin” is your own name" in messages[1]


def test_moderators_see_the_notes_without_the_author_singled_out(erin, stories_index):  # noqa: F811
    UserFactory(username="sam", first_name="Sam", last_name="Okafor")
    story = StoryPageFactory(
        parent=stories_index,
        author=erin,
        author__anonymous=True,
        what_happened="<p>Erin asked Sam on 3 March 2026 at 10:15.</p>",
        happened_on=datetime.date(2026, 3, 1),
    )
    found = notes(check_story(story))
    assert [kind for kind, _, _ in found] == ["name", "name", "date"]
    assert {found_text for _, found_text, _ in found[:2]} == {"Erin", "Sam"}


def test_the_author_is_told_what_reviewers_changed_when_it_goes_live(
    erin,
    stories_index,  # noqa: F811
    moderator,
    django_capture_on_commit_callbacks,
):
    from django.core import mail
    from wagtail.models import WorkflowState

    from home.roles import sync_roles
    from stories.models import StoryPage
    from tests.stories.sharing_support import only_story, publish_when_due

    sync_roles()
    erin.email = "erin@example.org"
    erin.save()
    client_for(erin).post(
        reverse("stories:share"),
        story_form(
            identity="confidential",
            submit="1",
            what_happened="On Monday 3 March at 14:32 the invoices went out twice.",
        ),
    )
    story = only_story()
    # The moderator takes the exact date out before approving.
    latest = story.get_latest_revision_as_object()
    latest.what_happened = "<p>On a Monday in March the invoices went out twice.</p>"
    latest.save_revision(user=moderator, log_action=True)
    state = WorkflowState.objects.get(object_id=str(story.pk), status="in_progress")
    with django_capture_on_commit_callbacks(execute=True):
        state.current_task_state.specific.approve(user=moderator)
        publish_when_due(StoryPage.objects.get(pk=story.pk))
    published = [m for m in mail.outbox if m.subject.endswith("is published")]
    assert len(published) == 1 and published[0].to == ["erin@example.org"]
    assert "the Culture review team changed: What happened." in published[0].body
