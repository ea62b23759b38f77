"""Demo campaigns: a "Mistake Management Month" running today and one past campaign, with events.

Runs after the stories, quotes and meeting-pack demos, so the running campaign's progress and the
insights dashboard show their stories, quotes and meetings. Idempotent: campaigns are found by
slug and left as they are; works without demo accounts (DEBUG off).
"""

import datetime

from django.utils import timezone

from .models import CampaignEvent, CampaignIndexPage, CampaignPage
from .timeframes import local_today, site_timezone

RUNNING_SLUG = "mistake-management-month"
PAST_SLUG = "own-it-launch-month"


def load(demo):
    index = CampaignIndexPage.objects.first()
    if index is None:
        index = demo.home.add_child(
            instance=CampaignIndexPage(
                title="Campaigns",
                slug="campaigns",
                intro="Weeks when we all learn out loud, together.",
            )
        )
        index.save_revision().publish()
    owner = demo.users.get("casey")
    today = local_today()
    if not CampaignPage.objects.filter(slug=RUNNING_SLUG).exists():
        start = today - datetime.timedelta(days=20)
        _campaign(
            index,
            owner,
            title="Mistake Management Month",
            slug=RUNNING_SLUG,
            start=start,
            end=start + datetime.timedelta(days=30),
            events=[
                ("Kick-off: why we talk about mistakes", start, (9, 30), "Town hall", ""),
                (
                    "Mistake cake afternoon",
                    today + datetime.timedelta(days=3),
                    (15, 0),
                    "Canteen, 2nd floor",
                    "",
                ),
                (
                    "Workshop: owning it in the first hour",
                    today + datetime.timedelta(days=7),
                    (11, 0),
                    "",
                    "https://meet.example.com/own-it-workshop",
                ),
            ],
        )
        demo.say("Campaigns: “Mistake Management Month” is running.")
    if not CampaignPage.objects.filter(slug=PAST_SLUG).exists():
        start = today - datetime.timedelta(days=150)
        _campaign(
            index,
            owner,
            title="Own It launch month",
            slug=PAST_SLUG,
            start=start,
            end=start + datetime.timedelta(days=27),
            events=[
                ("Launch: Own It is open", start, (10, 0), "Town hall", ""),
                (
                    "Story café",
                    start + datetime.timedelta(days=14),
                    (16, 0),
                    "Library corner",
                    "",
                ),
            ],
        )
        demo.say("Campaigns: added a past campaign to the archive.")


def _ways(case_stories):
    ways = [
        (
            "share_story",
            {
                "heading": "Share your story",
                "text": "<p>Named or anonymous, big or small: what happened, how you owned it, "
                "and what changed.</p>",
                "link_label": "Share a story",
            },
        ),
        (
            "quote_of_the_week",
            {
                "heading": "Share the quote of the week",
                "text": "<p>A new quote goes live every Monday at 08:08. Post it in your team "
                "chat and say what it means to you.</p>",
            },
        ),
        (
            "meeting_agenda",
            {
                "heading": "Put Mistake Management on your staff meeting agenda",
                "text": "<p>Fifteen minutes: one story, two questions, one change. Build your "
                "team's plan for handling mistakes.</p>",
                "page": None,
                "link_label": "Start a meeting pack",
            },
        ),
    ]
    if case_stories:
        ways.append(
            (
                "case_stories",
                {
                    "heading": "Case stories to discuss",
                    "text": "<p>Pick one for your next staff meeting.</p>",
                    "stories": case_stories,
                },
            )
        )
    ways += [
        (
            "celebrate",
            {
                "heading": "Bake a mistake cake",
                "kind": "recipe",
                "text": "<p>Any cake that went a little wrong, brought in to share. The more "
                "lopsided, the better the story.</p>",
                "link": "",
                "link_label": "Find out more",
            },
        ),
        (
            "workshop",
            {
                "heading": "Book a workshop",
                "text": "<p>Ninety minutes with the Culture team on owning it, making it right "
                "and learning from it.</p>",
                "booking_url": "",
                "booking_email": "culture@example.com",
                "link_label": "Book a workshop",
            },
        ),
    ]
    return ways


def _campaign(index, owner, *, title, slug, start, end, events):
    from stories.models import StoryPage

    case_stories = list(
        StoryPage.objects.live().order_by("-good_for_meetings", "-first_published_at")[:3]
    )
    campaign = CampaignPage(
        title=title,
        slug=slug,
        owner=owner,
        start_date=start,
        end_date=end,
        introduction=(
            "<p>A month in which everyone is invited to share a quote each week, put Mistake "
            "Management on their staff meeting's agenda, share their own stories, study case "
            "stories together, build their team's plan for handling mistakes — and celebrate "
            "with a mistake cake.</p>"
        ),
        goal_stories=50 if slug == RUNNING_SLUG else 30,
        goal_label="stories shared",
        ways_to_take_part=_ways(case_stories),
    )
    tz = site_timezone()
    for number, (event_title, day, (hour, minute), place, link) in enumerate(events):
        starts = datetime.datetime.combine(day, datetime.time(hour, minute), tzinfo=tz)
        campaign.events.add(
            CampaignEvent(
                title=event_title,
                starts_at=starts,
                ends_at=starts + datetime.timedelta(hours=1),
                place=place,
                link=link,
                description="Everyone is welcome.",
                sort_order=number,
            )
        )
    index.add_child(instance=campaign)
    revision = campaign.save_revision(user=owner)
    revision.publish(user=owner)
    if end < local_today():
        # A past campaign reads as published when it ran.
        published = datetime.datetime.combine(start, datetime.time(9, 0), tzinfo=tz)
        CampaignPage.objects.filter(pk=campaign.pk).update(
            first_published_at=min(published, timezone.now())
        )
    return campaign
