"""Demo meeting packs: three teams, one meeting already held, two coming up, and Lee's next pack
still a draft (so Lee's dashboard shows a pack to finish and stories to suggest for it). Next
week's pack opens with a practice drill on a story discussed in the meeting already held.

Runs after the stories and quotes demos and uses what they made: published stories (the ones
marked "good for meetings" first) and quotes. Without stories the packs hold the other items only.
Idempotent: packs are found by slug, teams by name; nothing is changed on a second run.
"""

import datetime

from django.utils import timezone

from .factories import (
    MeetingPacksIndexPageFactory,
    celebration_item,
    drill_item,
    follow_up_item,
    free_item,
    open_round_item,
    plan_exercise_item,
    quote_item,
    story_item,
)
from .models import MeetingPackPage, MeetingPacksIndexPage
from .start import starting_agenda

DRAFT_SLUG = "demo-pack-draft"
# Used only when the stories demo made fewer than three teams.
DEMO_TEAMS = ["Customer Support", "Engineering", "Finance"]
# slug, team (0: Lee's, 1: Tove's, 2: another), days from today, start, lead, theme
DEMO_PACKS = [
    (
        "demo-pack-held",
        0,
        -6,
        datetime.time(9, 0),
        "lee",
        "owning a mix-up",
    ),
    (
        "demo-pack-next-week",
        1,
        7,
        datetime.time(10, 30),
        "tove",
        "deploys and do-overs",
    ),
    ("demo-pack-next-month", 2, 28, datetime.time(14, 0), None, "closing the month cleanly"),
]


def load(demo):
    from culture.quotes.models import Quote
    from stories.models import CorrectiveAction, StoryPage, Team

    index = MeetingPacksIndexPage.objects.first()
    if index is None:
        index = MeetingPacksIndexPageFactory(parent=demo.home)
        index.save_revision().publish()

    teams = _demo_teams(demo, Team)
    stories = list(
        StoryPage.objects.live()
        .order_by("-good_for_meetings", "-first_published_at", "pk")
        .values_list("pk", flat=True)[:6]
    )
    stories = list(StoryPage.objects.filter(pk__in=stories))
    quotes = list(Quote.objects.order_by("pk")[:3])

    created = 0
    today = timezone.localdate()
    for number, (slug, team_index, days, start, lead, title) in enumerate(DEMO_PACKS):
        if MeetingPackPage.objects.filter(slug=slug).exists():
            continue
        agenda = []
        if number < len(quotes):
            agenda.append(quote_item(quotes[number]))
        if number == 1 and stories:
            agenda.append(drill_item(stories[0], minutes=15))
        for story in stories[number * 2 : number * 2 + 2]:
            agenda.append(story_item(story, minutes=15))
        agenda += [open_round_item(minutes=10), plan_exercise_item(minutes=15)]
        if number == 0:
            agenda.append(celebration_item(minutes=5))
        else:
            # The team's corrective actions past due, listed live (culture/meetings/blocks.py),
            # when it owns some; else a free item.
            agenda.append(
                follow_up_item()
                if CorrectiveAction.objects.past_due().filter(owner_team=teams[team_index]).exists()
                else free_item("Actions from last time", "Check the actions we agreed on.", 5)
            )
        pack = MeetingPackPage(
            title=f"{teams[team_index].name} staff meeting: {title}",
            slug=slug,
            team=teams[team_index],
            meeting_date=today + datetime.timedelta(days=days),
            start_time=start,
            target_minutes=45,
            facilitator_notes="Start on time; keep the round blameless: systems, not people.",
            agenda=agenda,
            owner=demo.users.get(lead) if lead else None,
        )
        index.add_child(instance=pack)
        pack.save_revision(user=pack.owner).publish()
        created += 1
    created += _lees_draft(index, teams[0], demo.users.get("lee"), today)
    demo.say(
        f"Meeting packs: {created} added ({MeetingPackPage.objects.count()} in all, "
        f"{len(stories)} demo stories used)."
    )


def _lees_draft(index, team, lee, today):
    """Lee's team meets weekly (kept on the Team); its next pack is started but not published."""
    if MeetingPackPage.objects.filter(slug=DRAFT_SLUG).exists():
        return 0
    held = today + datetime.timedelta(days=DEMO_PACKS[0][2])
    if team.meeting_weekday is None:
        team.meeting_weekday, team.meeting_time = held.weekday(), DEMO_PACKS[0][3]
        team.save(update_fields=["meeting_weekday", "meeting_time"])
    meeting_date = held + datetime.timedelta(days=7)
    while meeting_date <= today:
        meeting_date += datetime.timedelta(days=7)
    pack = MeetingPackPage(
        title=f"{team.name} staff meeting, {meeting_date:%-d %B}",
        slug=DRAFT_SLUG,
        team=team,
        meeting_date=meeting_date,
        start_time=team.meeting_time,
        owner=lee,
        live=False,
        # As "Start a meeting pack" makes it: with a follow-up when the team has actions past due.
        agenda=starting_agenda(None, team, meeting_date),
    )
    index.add_child(instance=pack)
    pack.save_revision(user=lee)
    return 1


def _demo_teams(demo, Team):
    """Three different teams: Lee's, Tove's and one more, from the stories demo when it ran."""
    for name in DEMO_TEAMS:
        if Team.objects.count() >= 3:
            break
        Team.objects.get_or_create(name=name)
    chosen = []
    for username in ("lee", "tove"):
        user = demo.users.get(username)
        team = Team.objects.filter(members=user).exclude(pk__in=[t.pk for t in chosen]).first()
        if team is None:
            team = Team.objects.exclude(pk__in=[t.pk for t in chosen]).order_by("name").first()
            if user:
                team.members.add(user)
        chosen.append(team)
    chosen.append(Team.objects.exclude(pk__in=[t.pk for t in chosen]).order_by("name").first())
    return chosen
