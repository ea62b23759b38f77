"""Seed the benchmark database: a home page, a stories index and N published stories.

Run by bench/run.py (with DJANGO_SETTINGS_MODULE=bench.settings and BENCH_SEEDING=1):

    python bench/seed_stories.py --stories 1000 --reader bench-reader --password ...

Two ways to make the stories, from the same scenarios (stories/factories.py, `SEED_SCENARIOS`):

- **Factories** (up to FACTORY_LIMIT stories, unless --bulk): each page through the shared
  `StoryPageFactory` (Wagtail's own inserts), their parts bulk-created, the search index built
  once at the end. Tens of stories a second, short texts, no revisions: the data `make bench`
  has always measured, kept as it was so that before/after figures stay comparable.
- **Bulk** (--bulk, and always above FACTORY_LIMIT): bench/bulk_seed.py writes the stories in
  batches of 2,000, with what the site itself would have made (page tree, one published revision
  each, history, authorship, realistic texts and dates, tags, lessons, actions, questions,
  "I learned from this" marks, search and reference index entries). About 70-120 a second on
  two busy cores, three quarters of it Wagtail's own search and reference indexing of each story.
  Compare sizes (1,000 against 100,000) with --bulk at both, so the data has one shape.

Prints progress and the rate on stderr, and on its last stdout line the paths the benchmark
fetches (JSON: index, story, tag, stories).

100,000 stories into a PostgreSQL database of your own (created and migrated first):

    export DJANGO_SETTINGS_MODULE=bench.settings BENCH_SEEDING=1 BENCH_STATIC_ROOT="$(mktemp -d)" \\
        SECRET_KEY=any-long-random-text DATABASE_URL=postgres://postgres@127.0.0.1:5432/ownit_seed
    .venv/bin/python manage.py migrate --noinput
    .venv/bin/python bench/seed_stories.py --bulk --stories 100000 --reader r --password p
"""

import argparse
import datetime
import json
import random
import sys
import time
from pathlib import Path
from types import SimpleNamespace

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

FACTORY_LIMIT = 5000  # the factories make tens of stories a second: above this, minutes


def parse_args():
    parser = argparse.ArgumentParser()
    parser.add_argument("--stories", type=int, default=1000)
    parser.add_argument("--reader", required=True)
    parser.add_argument("--password", required=True)
    parser.add_argument(
        "--bulk",
        action="store_true",
        help=f"write the stories in bulk (always done above {FACTORY_LIMIT:,} stories)",
    )
    return parser.parse_args()


def say(message):
    print(message, file=sys.stderr, flush=True)


def main():
    args = parse_args()
    import django

    django.setup()

    from django.db import transaction

    from home.demo import Demo
    from home.demo import load as load_home
    from home.factories import UserFactory
    from stories.factories import StoriesIndexPageFactory
    from stories.models import StoryPage

    started = time.monotonic()
    with transaction.atomic():
        demo = Demo(stdout=SimpleNamespace(write=say))
        load_home(demo)
        index = StoriesIndexPageFactory(parent=demo.home)
        reader = UserFactory(username=args.reader)
        reader.set_password(args.password)
        reader.save(update_fields=["password"])
    if args.bulk or args.stories > FACTORY_LIMIT:
        say(f"Seeding {args.stories:,} stories in bulk…")
        story_ids = seed_in_bulk(demo.home, index, args.stories)
    else:
        story_ids = seed_through_factories(index, args.stories)
    from django.db import connection

    if connection.vendor == "postgresql":
        # What autovacuum would do in time: fresh statistics (without them the planner takes
        # 100,000 new pages for a few dozen and picks slow plans) and the visibility map that
        # lets counts read the indexes alone (index-only scans; a count at 100,000 stories took
        # twice as long without it).
        with connection.cursor() as cursor:
            cursor.execute("VACUUM ANALYZE")
    seconds = time.monotonic() - started
    say(
        f"Seeded {args.stories:,} stories in {seconds:.0f} s: {args.stories / seconds:.0f} a second."
    )
    print(
        json.dumps(
            {
                "index": index.url,
                "story": StoryPage.objects.get(pk=story_ids[10]).url,
                "tag": index.url + "tag/billing/",
                "stories": StoryPage.objects.live().count(),
            }
        )
    )


def seed_in_bulk(home, index, count):
    from django.db import transaction
    from wagtail.models import ReferenceIndex
    from wagtail.search import index as search_index

    from bench.bulk_seed import make_company, seed_stories

    # A company of about one author per 40 stories and one reader who marks per 100.
    company = make_company(
        authors=min(max(count // 40, 20), 2500), readers=min(max(count // 100, 12), 1000)
    )
    story_ids = seed_stories(index, count, company)
    # The few objects saved one by one above: BENCH_SEEDING drops the indexing tasks of saves.
    with transaction.atomic():
        for obj in [home.specific, index.specific, *company.teams]:
            search_index.insert_or_update_object(obj)
            ReferenceIndex.create_or_update_for_object(obj)
    return story_ids


def seed_through_factories(index, count):
    from django.core.management import call_command
    from django.db import transaction
    from django.utils import timezone

    from bench.bulk_seed import make_company
    from stories.factories import SEED_SCENARIOS, StoryPageFactory
    from stories.models import (
        CorrectiveAction,
        DiscussionQuestion,
        LearnedFromThis,
        StoryLesson,
        StoryPage,
        StoryTag,
    )

    randomiser = random.Random(4)
    with transaction.atomic():
        # The same people, teams and tags as the bulk seeder's, without hashing 32 passwords.
        company = make_company(authors=20, readers=12)
        tags = list(company.tags.values())
        start = timezone.now() - datetime.timedelta(days=count)
        stories = []
        for number in range(count):
            title, words = SEED_SCENARIOS[number % len(SEED_SCENARIOS)]
            stories.append(
                StoryPageFactory(
                    parent=index,
                    title=f"{title} (#{number + 1})",
                    slug=f"story-{number + 1}",
                    summary=f"What happened with the {words.split()[0]}, and what changed.",
                    what_happened=f"<p>It started with the {words}. We noticed late.</p>",
                    who_was_affected=f"<p>People who depend on the {words.split()[-1]}.</p>",
                    own_it="<p>We said so within the hour, to everyone affected.</p>",
                    make_it_right="<p>We called each person and fixed it the same day.</p>",
                    learn_and_prevent=f"<p>A second check now guards the {words.split()[1]}.</p>",
                    author=randomiser.choice(company.authors),
                    author__anonymous=number % 4 == 0,
                    team=randomiser.choice(company.teams),
                    series=randomiser.choice(company.series),
                    part=randomiser.choice(StoryPage.Part.values),
                    size=randomiser.choice(StoryPage.Size.values),
                    happened_on=datetime.date(2019 + number % 7, 1 + number % 12, 1),
                    good_for_meetings=number % 5 == 0,
                    first_published_at=start + datetime.timedelta(days=number),
                )
            )
        StoryTag.objects.bulk_create(
            StoryTag(content_object=page, tag=tag)
            for page in stories
            for tag in randomiser.sample(tags, 3)
        )
        StoryLesson.objects.bulk_create(
            StoryLesson(page=page, text=text, sort_order=n)
            for page in stories
            for n, text in enumerate(
                ["Check before sending", "Say it early", "Make the safe way the easy way"]
            )
        )
        today = timezone.localdate()
        CorrectiveAction.objects.bulk_create(
            CorrectiveAction(
                page=page,
                description=f"Add a second check ({n + 1})",
                owner_role="Operations",
                due_date=today + datetime.timedelta(days=randomiser.randint(-30, 30)),
                status=randomiser.choice(CorrectiveAction.Status.values),
                sort_order=n,
            )
            for page in stories
            for n in range(2)
        )
        DiscussionQuestion.objects.bulk_create(
            DiscussionQuestion(page=page, text="Where could this happen to us?", sort_order=0)
            for page in stories
        )
        LearnedFromThis.objects.bulk_create(
            LearnedFromThis(story=page, user=user)
            for page in stories
            for user in randomiser.sample(company.readers, randomiser.randint(0, 6))
        )
        # Two repeats, so "Happened again" shows.
        for earlier, later in ((stories[0], stories[10]), (stories[1], stories[11])):
            StoryPage.objects.filter(pk=later.pk).update(repeat_of=earlier)
    call_command("update_index", verbosity=0)
    return [story.pk for story in stories]


if __name__ == "__main__":
    main()
