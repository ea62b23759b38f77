"""Following up corrective actions: who is reminded, when, and what their one-click links do.

* Who: the action's `follow_up_contact`; else the owning team's members who are team leads;
  else the story's author, while the site still knows who that is. An author whose identity was
  erased (anonymous to everyone) is followed up through their private return link only
  (stories/views/identity.py): no email can reach them.
* When (`occasion`): a week before the due date, on it, and every seventh day while it is
  overdue. `manage.py remind_actions` runs daily from cron; each reminder is recorded
  (`ActionReminder`, one row per action, person, kind and occasion), so a second run the same day
  sends nothing new, and a day the command did not run is caught up the next day.
* Links: each person gets one email listing all their actions, each with "Mark done" and "Move
  the date". The link is signed (Django's signing, with this module's salt), names its reminder
  and its action, works without signing in, asks before it changes anything and expires after
  `LINK_DAYS`. "Mark done" works once: its reminder records when it was used.

A change made through a link is written to the action, to the story's saved revisions (so that
the next publication keeps it) and to the story's history, without a user: on an anonymous story
the author may be the one who clicked.
"""

import datetime
from collections import defaultdict
from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.core import signing
from django.core.mail import EmailMultiAlternatives
from django.db import IntegrityError, transaction
from django.db.models import Prefetch
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from wagtail.log_actions import log
from wagtail.models import Revision

from home import fragment_versions
from home.languages import speaking_to
from home.roles import TEAM_LEADS
from home.site_address import absolute_url, page_url

from .models import ActionReminder, CorrectiveAction

LINK_SALT = "stories.follow_up.action"
LINK_DAYS = 30
WEEK = datetime.timedelta(days=7)
# The furthest a due date may be moved through a link.
LATEST_MOVE = datetime.timedelta(days=2 * 365)

ACTION_DONE = "stories.action_done"
ACTION_MOVED = "stories.action_moved"


# --- When ----------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Occasion:
    kind: str
    day: datetime.date


def occasion(due_date, today):
    """The reminder an action due on `due_date` calls for on `today`, or None.

    Each kind covers the days until the next one, so a day without a run is caught up: the
    "week before" reminder goes out on any of the seven days before the due date (once), the "due"
    one on the due date or in the week after it, the "overdue" one on the seventh, fourteenth, …
    day after it or the days that follow.
    """
    if due_date is None:
        return None
    days_left = (due_date - today).days
    if days_left > 7:
        return None
    if days_left > 0:
        return Occasion(ActionReminder.Kind.WEEK_BEFORE, due_date - WEEK)
    weeks_late = -days_left // 7
    if weeks_late == 0:
        return Occasion(ActionReminder.Kind.DUE, due_date)
    return Occasion(ActionReminder.Kind.OVERDUE, due_date + weeks_late * WEEK)


# --- Who -----------------------------------------------------------------------------------------


def actions_to_follow_up():
    """Open actions of published stories with a due date, with everything `contacts` reads: a
    fixed number of queries however many there are."""
    leads = get_user_model().objects.filter(groups__name=TEAM_LEADS, is_active=True).order_by("pk")
    return (
        CorrectiveAction.objects.filter(
            page__live=True, status=CorrectiveAction.Status.OPEN, due_date__isnull=False
        )
        .select_related("page", "owner_team", "follow_up_contact", "page__authorship__author")
        .prefetch_related(Prefetch("owner_team__members", queryset=leads, to_attr="leads"))
        .order_by("due_date", "pk")
    )


def _reachable(person):
    return person is not None and person.is_active and bool(person.email)


def contacts(action):
    """Who follows `action` up: a list of people, empty when nobody can be written to."""
    if action.follow_up_contact_id:
        return [action.follow_up_contact] if _reachable(action.follow_up_contact) else []
    team = action.owner_team
    if team is not None:
        leads = getattr(team, "leads", None)
        if leads is None:
            leads = list(team.members.filter(groups__name=TEAM_LEADS, is_active=True))
        leads = [person for person in leads if _reachable(person)]
        if leads:
            return leads
    authorship = getattr(action.page, "authorship", None)
    # None once an "anonymous to everyone" author's link is erased: the return link only.
    author = authorship.author if authorship is not None else None
    return [author] if _reachable(author) else []


# --- The links -----------------------------------------------------------------------------------


def link_token(reminder):
    return signing.dumps({"r": reminder.pk, "a": reminder.action_id}, salt=LINK_SALT)


class LinkProblem(Exception):
    """A link that does not open its action: `reason` is "expired" or "invalid"."""

    def __init__(self, reason):
        super().__init__(reason)
        self.reason = reason


def reminder_for_link(action_id, token, now=None):
    """The reminder a link names, for the action in its address; raises LinkProblem."""
    try:
        payload = signing.loads(
            token,
            salt=LINK_SALT,
            max_age=datetime.timedelta(days=LINK_DAYS),
        )
    except signing.SignatureExpired:
        raise LinkProblem("expired") from None
    except signing.BadSignature:
        raise LinkProblem("invalid") from None
    if not isinstance(payload, dict) or payload.get("a") != action_id:
        # A link for another action: it opens only its own.
        raise LinkProblem("invalid")
    reminder = (
        ActionReminder.objects.select_related(
            "action__page", "action__owner_team", "recipient", "action__page__authorship__author"
        )
        .filter(pk=payload.get("r"), action_id=action_id)
        .first()
    )
    if reminder is None:
        raise LinkProblem("invalid")
    return reminder


def done_url(reminder):
    return absolute_url(
        reverse("stories:action_done", args=[reminder.action_id, link_token(reminder)])
    )


def move_url(reminder):
    return absolute_url(
        reverse("stories:action_move", args=[reminder.action_id, link_token(reminder)])
    )


# --- Changing an action --------------------------------------------------------------------------


def _patch_revisions(action, changes):
    """Write `changes` into the action as the story's saved revisions hold it, so that the editor
    and the next publication start from the action as it is now."""
    page = action.page
    ids = {page.latest_revision_id, page.live_revision_id} - {None}
    serialised = {
        name: value.isoformat() if isinstance(value, datetime.date) else value
        for name, value in changes.items()
    }
    for revision in Revision.objects.filter(pk__in=ids):
        changed = False
        for row in revision.content.get("actions") or []:
            if row.get("pk") == action.pk:
                row.update(serialised)
                changed = True
        if changed:
            revision.save(update_fields=["content"])


@transaction.atomic
def update_action(action, log_action, **changes):
    """Change an action outside the editor (a follow-up link, the return link)."""
    for name, value in changes.items():
        setattr(action, name, value)
    # An update, not save(): the signal below is for the editor's publications.
    CorrectiveAction.objects.filter(pk=action.pk).update(**changes)
    _patch_revisions(action, changes)
    # No user: on an anonymous story the author may be the one who changed it.
    log(
        instance=action.page,
        action=log_action,
        user=None,
        data={"action": action.description, **{k: str(v) for k, v in changes.items()}},
    )
    fragment_versions.retire("actions")


def mark_done(action, by=None):
    """Mark `action` done and tell the story's author, unless they are the one who did it."""
    update_action(action, ACTION_DONE, status=CorrectiveAction.Status.DONE)
    authorship = getattr(action.page, "authorship", None)
    author = authorship.author if authorship is not None else None
    if _reachable(author) and (by is None or by.pk != author.pk):
        transaction.on_commit(lambda: email_author_done(action.pk))


def move_date(action, new_date):
    update_action(action, ACTION_MOVED, due_date=new_date)


def earliest_move(today=None):
    return (today or timezone.localdate()) + datetime.timedelta(days=1)


def latest_move(today=None):
    return (today or timezone.localdate()) + LATEST_MOVE


# --- Emails --------------------------------------------------------------------------------------


def _site_name():
    from django.conf import settings

    return getattr(settings, "WAGTAIL_SITE_NAME", "Own It")


def _send(to, subject, template, context):
    message = EmailMultiAlternatives(
        subject=subject, body=render_to_string(f"{template}.txt", context), to=[to]
    )
    message.attach_alternative(render_to_string(f"{template}.html", context), "text/html")
    message.send()


def reminder_email(person, items, today):
    """Send `person` one email for their (action, reminder) pairs."""
    entries = []
    for action, reminder in items:
        entries.append(
            {
                "action": action,
                "kind": reminder.kind,
                "story_title": action.page.title,
                "story_url": page_url(action.page) or "",
                "owner": action.owner_label,
                "days_late": (today - action.due_date).days,
                "done_url": done_url(reminder),
                "move_url": move_url(reminder),
            }
        )
    count = len(entries)
    context = {
        "person": person,
        "entries": entries,
        "site_name": _site_name(),
        "link_days": LINK_DAYS,
    }
    with speaking_to(person):
        subject = ngettext(
            "A corrective action to follow up", "%(count)d corrective actions to follow up", count
        ) % {"count": count}
        _send(person.email, subject, "stories/email/action_reminder", context)


def send_reminders(today=None):
    """Email each contact whose actions call for a reminder today, once: (emails, reminders)."""
    today = today or timezone.localdate()
    due_by_person = defaultdict(list)
    people = {}
    for action in actions_to_follow_up().filter(due_date__lte=today + WEEK):
        when = occasion(action.due_date, today)
        if when is None:
            continue
        for person in contacts(action):
            people[person.pk] = person
            due_by_person[person.pk].append((action, when))
    emails = reminders = 0
    for person_pk, wanted in due_by_person.items():
        person = people[person_pk]
        # The records and the email together: if sending fails, nothing is recorded and the next
        # run tries again.
        with transaction.atomic():
            items = []
            for action, when in wanted:
                try:
                    with transaction.atomic():
                        reminder, created = ActionReminder.objects.get_or_create(
                            action=action, recipient=person, kind=when.kind, occasion=when.day
                        )
                except IntegrityError:  # another run recorded it a moment ago
                    continue
                if created:
                    items.append((action, reminder))
            if items:
                reminder_email(person, items, today)
                emails += 1
                reminders += len(items)
    return emails, reminders


def email_author_done(action_id):
    """Tell the story's author that one of its corrective actions is done (to them alone)."""
    action = (
        CorrectiveAction.objects.select_related("page__authorship__author", "owner_team")
        .filter(pk=action_id)
        .first()
    )
    if action is None:
        return False
    authorship = getattr(action.page, "authorship", None)
    author = authorship.author if authorship is not None else None
    if not _reachable(author):
        return False
    context = {
        "author": author,
        "action": action,
        "story": action.page,
        "story_url": page_url(action.page) or "",
        "site_name": _site_name(),
    }
    with speaking_to(author):
        subject = _("Done: “%(action)s”") % {"action": action.description}
        _send(author.email, subject, "stories/email/action_done", context)
    return True


def _on_action_saved(sender, instance, raw=False, **kwargs):
    """pre_save: an action marked done in the editor and published tells the author too.

    Only publication writes an action's row (drafts live in revisions), and only an action that
    existed open before counts: a story first published with done actions tells nobody.
    """
    from .notifications import is_muted

    if raw or instance.pk is None or instance.status != CorrectiveAction.Status.DONE:
        return
    was_open = CorrectiveAction.objects.filter(
        pk=instance.pk, status=CorrectiveAction.Status.OPEN
    ).exists()
    if was_open and not is_muted():
        action_id = instance.pk
        transaction.on_commit(lambda: email_author_done(action_id))


def connect():
    """Called from StoriesConfig.ready()."""
    from django.db.models.signals import pre_save

    pre_save.connect(_on_action_saved, sender=CorrectiveAction, dispatch_uid="stories.action_done")
