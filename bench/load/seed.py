"""Seed a load run's database: the demo, N more stories in bulk, and the simulated employees.

Run by bench/load/harness.py after `migrate` and `load_demo`, with the run's settings:

    python bench/load/seed.py --stories 10000 --accounts 500 --password … [--webhook URL]

Prints on its last stdout line (JSON) what the simulated employees read: the stories index, a
sample of story paths, a tag, the demo's meeting pack and running campaign.
"""

import argparse
import json
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))


def parse_args():
    parser = argparse.ArgumentParser()
    parser.add_argument("--stories", type=int, default=10_000)
    parser.add_argument("--accounts", type=int, default=500)
    parser.add_argument("--password", required=True)
    parser.add_argument("--webhook", default="", help="the quote's chat webhook (a local receiver)")
    return parser.parse_args()


def say(message):
    print(message, file=sys.stderr, flush=True)


def main():
    args = parse_args()
    import django

    django.setup()

    from django.contrib.auth import get_user_model
    from django.contrib.auth.hashers import make_password
    from django.contrib.auth.models import Group
    from django.db import connection
    from wagtail.models import Site

    from bench.bulk_seed import make_company, seed_stories
    from culture.campaigns.models import CampaignPage
    from culture.meetings.models import MeetingPackPage
    from culture.quotes.models import QuoteSettings
    from home.roles import CULTURE_TEAM, EMPLOYEES
    from stories.models import StoriesIndexPage, StoryPage

    started = time.monotonic()
    index = StoriesIndexPage.objects.get()
    if args.stories:
        company = make_company(
            authors=min(max(args.stories // 40, 20), 2500),
            readers=min(max(args.stories // 100, 12), 1000),
        )
        seed_stories(index, args.stories, company)
    say(f"Seeded {args.stories:,} stories in {time.monotonic() - started:.0f} s")

    # The simulated employees: one password hash for all (hashing hundreds would take minutes).
    User = get_user_model()
    password = make_password(args.password)
    names = [f"load-user-{n}" for n in range(args.accounts)]
    User.objects.bulk_create(
        [
            User(username=name, email=f"{name}@example.com", first_name="Load", password=password)
            for name in names
        ],
        ignore_conflicts=True,
    )
    employees = Group.objects.get(name=EMPLOYEES)
    User.groups.through.objects.bulk_create(
        [
            User.groups.through(user_id=pk, group_id=employees.pk)
            for pk in User.objects.filter(username__in=names).values_list("pk", flat=True)
        ],
        ignore_conflicts=True,
    )
    # One of the Culture team, for the drills that use the admin (demo accounts need DEBUG).
    culture, _ = User.objects.get_or_create(
        username="load-culture",
        defaults={"email": "load-culture@example.com", "password": password},
    )
    culture.groups.add(Group.objects.get(name=CULTURE_TEAM))
    if args.webhook:
        settings = QuoteSettings.for_site(Site.objects.get(is_default_site=True))
        settings.webhook_url = args.webhook
        settings.save()
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("VACUUM ANALYZE")

    stories = StoryPage.objects.live().public().order_by("?")[:300]
    pack = MeetingPackPage.objects.live().order_by("-pk").first()
    campaign = CampaignPage.objects.live().order_by("-pk").first()
    print(
        json.dumps(
            {
                "password": args.password,
                "index": index.url,
                "stories": [story.url for story in stories],
                "tag": index.url + "tag/billing/",
                "pack": pack.url,
                "campaign": campaign.url,
                "live_stories": StoryPage.objects.live().count(),
                "employees": employees.user_set.filter(is_active=True).count(),
            }
        )
    )


if __name__ == "__main__":
    main()
