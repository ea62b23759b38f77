"""Seed the culture programs on top of bench/seed_stories.py: quotes, meeting packs, a campaign.

Run by bench/run.py after the stories (DJANGO_SETTINGS_MODULE=bench.settings, BENCH_SEEDING=1):

    python bench/seed_culture.py --marker bench-marker --password ...

What a company two years into Own It would have, so that the pages people land on (home, the
quote archive, a meeting pack, the running campaign) read real amounts of data:

- two years of weekly quotes, this week's live, three scheduled ahead (the demo's texts, cycled);
- a meeting packs index and packs for every team every four weeks, the next one a week away;
- the demo's campaigns: "Mistake Management Month" running today and a past one, with events;
- a second employee, the "marker", who marks "I learned from this" during the mixed run.

Quotes and packs go through the shared factories, the campaigns through the campaigns app's own
demo loader, so they are what the site itself makes. BENCH_SEEDING drops the search-index tasks
of each save, so the new objects are indexed once here. Prints what the benchmark should fetch.
"""

import argparse
import datetime
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

QUOTE_WEEKS_PAST = 104
QUOTE_WEEKS_AHEAD = 3
PACK_EVERY_WEEKS = 4
PACK_WEEKS_BACK = 24
NEWEST_STORIES = 4  # the cards on the home page and the index's first page


def parse_args():
    parser = argparse.ArgumentParser()
    parser.add_argument("--marker", required=True, help="username of the second employee")
    parser.add_argument("--password", required=True)
    return parser.parse_args()


def seed_quotes():
    from culture.quotes.demo import QUOTES
    from culture.quotes.factories import QuoteFactory
    from culture.quotes.schedule import monday_of, site_now

    this_monday = monday_of(site_now().date())
    quotes = []
    for number in range(-QUOTE_WEEKS_PAST, QUOTE_WEEKS_AHEAD + 1):
        text, author, source, why, tags = QUOTES[number % len(QUOTES)]
        quotes.append(
            QuoteFactory(
                text=text,
                author=author,
                source=source,
                why_it_matters=why,
                week=this_monday + datetime.timedelta(weeks=number),
                tags=tags,
            )
        )
    return quotes


def seed_packs(home, quotes):
    from django.utils import timezone

    from culture.meetings.factories import (
        MeetingPackPageFactory,
        MeetingPacksIndexPageFactory,
        celebration_item,
        open_round_item,
        plan_exercise_item,
        quote_item,
        story_item,
    )
    from culture.quotes.schedule import live_week, monday_of
    from stories.models import StoryPage, Team

    index = MeetingPacksIndexPageFactory(parent=home)
    index.save_revision().publish()
    # Leads pick the stories marked "good for meetings" (the newest, if none is marked).
    live = StoryPage.objects.live().order_by("-first_published_at")
    stories = list(live.filter(good_for_meetings=True)[:200]) or list(live[:20])
    quotes_by_week = {quote.week: quote for quote in quotes}
    today = timezone.localdate()
    packs = []
    upcoming = None
    for team_number, team in enumerate(Team.objects.order_by("name")):
        # Teams meet on different days; the first team's next meeting is a week away.
        for weeks in range(-PACK_WEEKS_BACK, 1, PACK_EVERY_WEEKS):
            day = today + datetime.timedelta(weeks=weeks, days=7 - team_number)
            # A lead opens the meeting with a quote that is live when they build the pack.
            quote = quotes_by_week.get(min(monday_of(day), live_week()))
            story_slice = stories[len(packs) * 2 % len(stories) :][:2]
            pack = MeetingPackPageFactory(
                parent=index,
                title=f"{team.name} staff meeting {day.isoformat()}",
                slug=f"{team.slug}-{day.isoformat()}",
                team=team,
                meeting_date=day,
                target_minutes=45,
                facilitator_notes="Keep the round blameless: systems, not people.",
                agenda=[
                    quote_item(quote),
                    *(story_item(story) for story in story_slice),
                    open_round_item(),
                    plan_exercise_item(),
                    celebration_item(),
                ],
            )
            pack.save_revision().publish()
            packs.append(pack)
            if upcoming is None and weeks == 0:
                upcoming = pack
    return index, packs, upcoming


def seed_campaigns(home):
    from culture.campaigns import demo as campaigns_demo
    from culture.campaigns.models import CampaignIndexPage, CampaignPage
    from home.demo import Demo

    campaigns_demo.load(Demo(stdout=sys.stderr, home=home))
    running = CampaignPage.objects.get(slug=campaigns_demo.RUNNING_SLUG)
    assert running.status() == "running", running.status()
    return running, [CampaignIndexPage.objects.get(), *CampaignPage.objects.all()]


def main():
    args = parse_args()
    import django

    django.setup()

    from django.db import transaction
    from wagtail.search.index import insert_or_update_object

    from culture.quotes.models import Quote
    from home.factories import UserFactory
    from home.models import HomePage
    from stories.models import StoryPage

    with transaction.atomic():
        home = HomePage.objects.get()
        marker = UserFactory(username=args.marker, first_name="Marta", last_name="Marker")
        marker.set_password(args.password)
        marker.save(update_fields=["password"])
        quotes = seed_quotes()
        packs_index, packs, upcoming = seed_packs(home, quotes)
        running, campaign_pages = seed_campaigns(home)
        for instance in [*quotes, packs_index, *packs, *campaign_pages]:
            insert_or_update_object(instance)
    newest = StoryPage.objects.live().order_by("-first_published_at")[:NEWEST_STORIES]
    print(
        json.dumps(
            {
                "quotes": "/quotes/",
                "quote": Quote.objects.current().text,
                "pack": upcoming.url,
                "pack_title": upcoming.title,
                "campaign": running.url,
                "campaign_title": running.title,
                "newest_stories": [story.url for story in newest],
                "counts": {"quotes": len(quotes), "packs": len(packs)},
            }
        )
    )


if __name__ == "__main__":
    main()
