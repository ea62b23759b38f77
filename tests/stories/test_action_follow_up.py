"""Corrective actions are followed up: who is reminded, when (frozen clocks), once a day, and the
signed "Mark done" and "Move the date" links (valid, expired, for another action, replayed)."""

import datetime
import io
import re

import pytest
import time_machine
from django.core import mail, signing
from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from wagtail.models import PageLogEntry
from wagtail.users.models import UserProfile

from home.factories import UserFactory
from home.roles import TEAM_LEADS
from stories import follow_up
from stories.factories import StoriesIndexPageFactory, StoryPageFactory, TeamFactory
from stories.identity import erase_identity, issue_return_link
from stories.models import ActionReminder, CorrectiveAction, StoryAuthorship
from stories.models.pages import owner_from_text

pytestmark = pytest.mark.django_db

DAY = datetime.timedelta(days=1)
DUE = datetime.date(2026, 3, 16)  # a Monday


def at(day, hour=7):
    """A moment on `day` in the site's time zone (cron runs early in the morning)."""
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour, 0)))


@pytest.fixture
def stories_index(home_page):
    return StoriesIndexPageFactory(parent=home_page)


@pytest.fixture
def support(db):
    return TeamFactory(name="Support")


@pytest.fixture
def support_lead(support):
    lead = UserFactory(
        username="lee", first_name="Lee", email="lee@example.com", roles=[TEAM_LEADS]
    )
    support.members.add(lead, UserFactory(username="sam", email="sam@example.com"))
    return lead


@pytest.fixture
def author(db):
    return UserFactory(username="priya", first_name="Priya", email="priya@example.com")


def published(stories_index, author, actions, **kwargs):
    story = StoryPageFactory(parent=stories_index, author=author, actions=actions, **kwargs)
    # As the editor leaves it: a live revision that holds the actions.
    story.save_revision().publish()
    return story


@pytest.fixture
def story(stories_index, author, support_lead):
    return published(
        stories_index,
        author,
        [
            {"description": "Second check before sending", "owner": "Support", "due_date": DUE},
            {
                "description": "Test list for test sends",
                "owner": "Support · the on-call engineer",
                "due_date": DUE,
            },
        ],
        title="A test email went to every customer",
    )


def remind(day):
    with time_machine.travel(at(day), tick=False):
        call_command("remind_actions", stdout=io.StringIO())


def test_owners_written_as_text_become_the_team_and_a_role(support):
    teams = {"support": support}
    assert owner_from_text("Support", teams) == (support, "")
    assert owner_from_text("support · the on-call engineer", teams) == (
        support,
        "the on-call engineer",
    )
    assert owner_from_text("Legal", teams) == (None, "Legal")


@pytest.mark.parametrize(
    ("days_from_due", "expected"),
    [
        (-8, None),
        (-7, ("week_before", DUE - 7 * DAY)),
        (-1, ("week_before", DUE - 7 * DAY)),
        (0, ("due", DUE)),
        (6, ("due", DUE)),
        (7, ("overdue", DUE + 7 * DAY)),
        (13, ("overdue", DUE + 7 * DAY)),
        (14, ("overdue", DUE + 14 * DAY)),
    ],
)
def test_the_occasion_of_each_day(days_from_due, expected):
    when = follow_up.occasion(DUE, DUE + days_from_due * DAY)
    assert (when and (when.kind, when.day)) == expected


def test_a_week_before_on_the_day_and_weekly_after_one_email_listing_every_action(story):
    sent_on = {}
    for offset in range(-10, 23):
        day = DUE + offset * DAY
        before = len(mail.outbox)
        remind(day)
        remind(day)  # a second run the same day sends nothing new
        if len(mail.outbox) > before:
            sent_on[offset] = len(mail.outbox) - before
    # One email each time (to the team's lead), a week before, on the day, then every week.
    assert sent_on == {-7: 1, 0: 1, 7: 1, 14: 1, 21: 1}
    assert {tuple(message.to) for message in mail.outbox} == {("lee@example.com",)}
    first = mail.outbox[0]
    assert first.subject == "2 corrective actions to follow up"
    for text in (first.body, first.alternatives[0][0]):
        assert "Second check before sending" in text and "Test list for test sends" in text
        assert "Support · the on-call engineer" in text
        assert text.count("/done/") == 2 and text.count("/move/") == 2
    assert "Overdue: it was due on 16 March 2026, 21 days ago." in mail.outbox[-1].body
    # Recorded per action, person, kind and occasion.
    assert ActionReminder.objects.count() == 10
    assert set(ActionReminder.objects.values_list("kind", flat=True)) == {
        "week_before",
        "due",
        "overdue",
    }


def test_the_reminder_is_in_the_contacts_language(story, support_lead):
    profile = UserProfile.get_for_user(support_lead)
    profile.preferred_language = "de"
    profile.save()
    remind(DUE + 21 * DAY)
    (message,) = mail.outbox
    assert message.subject == "2 Korrekturmaßnahmen zum Nachverfolgen"
    assert "Überfällig: Sie war am 16. März 2026 fällig, vor 21 Tagen." in message.body
    assert '<html lang="de">' in message.alternatives[0][0]


def test_a_day_without_a_run_is_caught_up_once(story):
    remind(DUE + 2 * DAY)
    remind(DUE + 3 * DAY)
    assert len(mail.outbox) == 1
    assert "Due today" not in mail.outbox[0].body  # said as it is: already late
    assert ActionReminder.objects.filter(kind="due", occasion=DUE).count() == 2


def test_who_is_reminded(stories_index, author, support, support_lead):
    contact = UserFactory(username="omar", email="omar@example.com")
    inactive_lead = UserFactory(username="old", email="old@example.com", roles=[TEAM_LEADS])
    inactive_lead.is_active = False
    inactive_lead.save()
    support.members.add(inactive_lead)
    legal = TeamFactory(name="Legal", members=[UserFactory(username="ines", email="i@example.com")])
    story = published(
        stories_index,
        author,
        [
            {
                "description": "Chosen contact",
                "owner": "Support",
                "due_date": DUE,
                "follow_up_contact": contact,
            },
            {"description": "Team leads", "owner": "Support", "due_date": DUE},
            {"description": "A team without a lead", "owner": "Legal", "due_date": DUE},
            {"description": "A role only", "owner": "the printer", "due_date": DUE},
            {"description": "Done already", "owner": "Support", "due_date": DUE, "status": "done"},
        ],
    )
    remind(DUE)
    received = {message.to[0]: message.body for message in mail.outbox}
    assert set(received) == {"omar@example.com", "lee@example.com", "priya@example.com"}
    assert "Chosen contact" in received["omar@example.com"]
    assert (
        "Team leads" in received["lee@example.com"]
        and "Chosen contact" not in received["lee@example.com"]
    )
    assert "A team without a lead" in received["priya@example.com"]
    assert "A role only" in received["priya@example.com"]
    assert not any("Done already" in body for body in received.values())
    assert legal.members.exists() and story.live


def test_an_erased_author_is_followed_up_through_the_return_link_only(stories_index, author):
    story = published(
        stories_index,
        author,
        [{"description": "Fix it", "owner": "Nobody's team", "due_date": DUE}],
    )
    StoryAuthorship.objects.filter(story=story).update(is_anonymous=True, erase_when_published=True)
    erase_identity(StoryAuthorship.objects.get(story=story))
    remind(DUE)
    assert mail.outbox == []
    assert not ActionReminder.objects.exists()


# --- The links ------------------------------------------------------------------------------------


def path_of(url):
    return url[url.index("/actions/") :]


@pytest.fixture
def reminded(story):
    remind(DUE)
    message = mail.outbox[-1]
    done = [path_of(url) for url in re.findall(r"\S+/actions/\d+/done/\S+/", message.body)]
    move = [path_of(url) for url in re.findall(r"\S+/actions/\d+/move/\S+/", message.body)]
    mail.outbox.clear()
    return story, done, move


def test_mark_done_asks_first_works_without_signing_in_and_tells_the_author(
    client, reminded, django_capture_on_commit_callbacks
):
    story, done, _move = reminded
    action = story.actions.get(description="Second check before sending")
    with time_machine.travel(at(DUE, 10), tick=False):
        page = client.get(done[0])
        assert page.status_code == 200
        html = page.content.decode()
        assert "Mark this action done?" in html and "Second check before sending" in html
        action.refresh_from_db()
        assert action.status == "open"  # opening the link changes nothing
        with django_capture_on_commit_callbacks(execute=True):
            answer = client.post(done[0])
    assert "Marked done, thank you" in answer.content.decode()
    action.refresh_from_db()
    assert action.status == "done"
    # The saved revisions agree, so that the next publication keeps it.
    story.refresh_from_db()
    for revision in (story.latest_revision, story.live_revision):
        row = next(row for row in revision.content["actions"] if row["pk"] == action.pk)
        assert row["status"] == "done"
    assert story.get_latest_revision_as_object().actions.get(pk=action.pk).status == "done"
    # In the story's history, with nobody's name.
    entry = PageLogEntry.objects.get(page=story, action=follow_up.ACTION_DONE)
    assert entry.user is None
    # The author is told (the lead marked it done).
    assert [message.to for message in mail.outbox] == [["priya@example.com"]]
    assert "Second check before sending" in mail.outbox[0].body
    assert "A test email went to every customer" in mail.outbox[0].body


def test_a_replayed_mark_done_link_does_nothing_and_says_so(client, reminded):
    story, done, _move = reminded
    action = story.actions.get(description="Second check before sending")
    with time_machine.travel(at(DUE, 10), tick=False):
        client.post(done[0])
        # Reopened by an editor; the old link must not close it again.
        CorrectiveAction.objects.filter(pk=action.pk).update(status="open")
        again = client.post(done[0])
        assert "This link was used already" in again.content.decode()
        assert "nothing was changed now" in again.content.decode()
        assert client.get(done[0]).content.decode().count("This link was used already") == 1
    action.refresh_from_db()
    assert action.status == "open"


def test_an_action_someone_else_marked_done_is_not_marked_again(client, reminded):
    story, done, _move = reminded
    action = story.actions.get(description="Second check before sending")
    CorrectiveAction.objects.filter(pk=action.pk).update(status="done")
    with time_machine.travel(at(DUE, 10), tick=False):
        answer = client.post(done[0])
    assert "This action is done already" in answer.content.decode()
    assert not PageLogEntry.objects.filter(action=follow_up.ACTION_DONE).exists()


def test_an_expired_link_is_refused(client, reminded):
    story, done, move = reminded
    later = at(DUE + (follow_up.LINK_DAYS + 1) * DAY)
    with time_machine.travel(later, tick=False):
        for link in (done[0], move[0]):
            assert client.get(link).status_code == 410
            answer = client.post(link, {"due_date": "2026-06-01"})
            assert answer.status_code == 410
            assert "This link has expired" in answer.content.decode()
    assert not story.actions.filter(status="done").exists()
    assert set(story.actions.values_list("due_date", flat=True)) == {DUE}


def test_a_link_opens_its_own_action_only(client, reminded):
    story, done, _move = reminded
    first, second = story.actions.order_by("sort_order")
    own = [link for link in done if f"/actions/{first.pk}/" in link][0]
    token = own.rstrip("/").rsplit("/", 1)[1]
    wrong = reverse("stories:action_done", args=[second.pk, token])
    with time_machine.travel(at(DUE, 10), tick=False):
        assert client.get(wrong).status_code == 404
        assert client.post(wrong).status_code == 404
        tampered = reverse("stories:action_done", args=[first.pk, token[:-2] + "xx"])
        assert client.post(tampered).status_code == 404
        forged = signing.dumps({"r": 1, "a": first.pk}, salt="another.salt")
        assert (
            client.post(reverse("stories:action_done", args=[first.pk, forged])).status_code == 404
        )
    assert set(story.actions.values_list("status", flat=True)) == {"open"}


def test_move_the_date(client, reminded):
    story, _done, move = reminded
    action = story.actions.get(pk=int(move[0].split("/")[2]))
    with time_machine.travel(at(DUE, 10), tick=False):
        form = client.get(move[0])
        assert 'type="date"' in form.content.decode()
        refused = client.post(move[0], {"due_date": "2026-03-10"})
        assert refused.status_code == 400
        html = refused.content.decode()
        assert "Please choose a day after today" in html and 'value="2026-03-10"' in html
        assert 'aria-invalid="true"' in html
        moved = client.post(move[0], {"due_date": "2026-04-13"})
        assert "The due date is moved" in moved.content.decode()
    action.refresh_from_db()
    assert action.due_date == datetime.date(2026, 4, 13)
    assert PageLogEntry.objects.filter(page=story, action=follow_up.ACTION_MOVED).exists()
    # The next reminders follow the new date.
    mail.outbox.clear()
    remind(datetime.date(2026, 4, 6))
    assert len(mail.outbox) == 1 and "Due on 13 April 2026" in mail.outbox[0].body


def test_the_story_page_shows_the_change_at_once(client, reminded, author):
    story, done, _move = reminded
    reader = UserFactory(username="reader")
    reader_client = type(client)()
    with time_machine.travel(at(DUE + DAY, 10), tick=False):
        reader_client.force_login(reader)
        before = reader_client.get(story.url).content.decode()
        assert before.count("Open · overdue") == 2
        client.post(done[0])
        after = reader_client.get(story.url).content.decode()
    assert after.count("Open · overdue") == 1
    assert "Support · the on-call engineer" in after


def test_an_erased_author_follows_up_on_the_return_link(stories_index, author, employee):
    story = published(
        stories_index,
        author,
        [
            {"description": "Fix the export", "owner": "Data", "due_date": DUE},
            {"description": "Tell the customers", "owner": "Data", "due_date": DUE},
        ],
    )
    authorship = StoryAuthorship.objects.get(story=story)
    authorship.is_anonymous = authorship.erase_when_published = True
    authorship.save()
    path = issue_return_link(authorship)
    erase_identity(authorship)
    fix, tell = story.actions.order_by("sort_order")
    client = Client()
    with time_machine.travel(at(DUE + DAY, 10), tick=False):
        client.force_login(employee)  # any signed-in account: the link is the key
        page = client.get(path).content.decode()
        assert "Corrective actions to follow up" in page
        assert "Fix the export" in page and "Overdue since 16 Mar 2026" in page
        done = client.post(path, {"follow_up": "done", "action": fix.pk}, follow=True)
        assert "Marked done: “Fix the export”." in done.content.decode()
        refused = client.post(
            path, {"follow_up": "move", "action": tell.pk, "due_date": "2026-01-01"}
        )
        assert refused.status_code == 400
        html = refused.content.decode()
        assert "Please choose a day after today" in html and 'value="2026-01-01"' in html
        client.post(path, {"follow_up": "move", "action": tell.pk, "due_date": "2026-04-01"})
        # Someone else's action id does nothing.
        other = published(stories_index, author, [{"description": "Not theirs", "owner": "X"}])
        client.post(path, {"follow_up": "done", "action": other.actions.get().pk})
    fix.refresh_from_db()
    tell.refresh_from_db()
    assert fix.status == "done" and tell.due_date == datetime.date(2026, 4, 1)
    assert other.actions.get().status == "open"
    assert mail.outbox == []  # nobody to tell: the link to the author is erased


def test_the_follow_up_contact_is_chosen_among_the_roles_that_follow_up(story, author):
    """The same short list on every story: the editor of an anonymous story cannot name its
    author, nor point at them by leaving them out."""
    from home.roles import CULTURE_TEAM, MODERATORS
    from stories.models import StoryPage

    both = UserFactory(username="casey", roles=[CULTURE_TEAM, MODERATORS])
    form_class = StoryPage.get_edit_handler().get_form_class()
    form = form_class(instance=story, for_user=both)
    choices = form.formsets["actions"].empty_form.fields["follow_up_contact"].queryset
    assert sorted(user.username for user in choices) == ["casey", "lee"]
    assert author not in choices


def test_an_action_marked_done_in_the_editor_tells_the_author_once(
    story, django_capture_on_commit_callbacks
):
    draft = story.get_latest_revision_as_object()
    for action in draft.actions.all():
        if action.description == "Second check before sending":
            action.status = "done"
    with django_capture_on_commit_callbacks(execute=True):
        draft.save_revision()  # a draft tells nobody
    assert mail.outbox == []
    with django_capture_on_commit_callbacks(execute=True):
        draft.get_latest_revision().publish()
    assert [message.to for message in mail.outbox] == [["priya@example.com"]]
    assert "Second check before sending" in mail.outbox[0].subject
    with django_capture_on_commit_callbacks(execute=True):
        story.get_latest_revision_as_object().save_revision().publish()  # done already
    assert len(mail.outbox) == 1


def test_the_migration_links_free_text_owners_to_teams_in_rows_and_revisions(
    stories_index, author, support
):
    import importlib

    from django.apps import apps

    migration = importlib.import_module("stories.migrations.0013_action_owner_teams")
    story = published(stories_index, author, [{"description": "Old", "owner_role": "x"}])
    action = story.actions.get()
    # As the free-text owner was before: only a role, and "owner" in the saved revisions.
    CorrectiveAction.objects.filter(pk=action.pk).update(owner_role="support · night shift")
    revision = story.latest_revision
    row = revision.content["actions"][0]
    row.pop("owner_team"), row.pop("owner_role")
    row["owner"] = "Support · night shift"
    revision.save()
    migration.link_owners(apps, None)
    action.refresh_from_db()
    revision.refresh_from_db()
    assert (action.owner_team, action.owner_role) == (support, "night shift")
    assert revision.content["actions"][0]["owner_team"] == support.pk
    assert revision.content["actions"][0]["owner_role"] == "night shift"
    assert "owner" not in revision.content["actions"][0]
