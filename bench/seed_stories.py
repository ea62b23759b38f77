"""Seed the benchmark database: a home page, a stories index and N published stories.

Run by bench/run.py (with DJANGO_SETTINGS_MODULE=bench.settings and BENCH_SEEDING=1):

    python bench/seed_stories.py --stories 1000 --reader bench-reader --password ...

Pages go through the shared factories (the page tree needs Wagtail's own inserts); their parts
(tags, lessons, actions, questions, reactions) are bulk-created, and the search index is built
once at the end. Prints the story paths the benchmark should fetch.
"""

import argparse
import datetime
import json
import random
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

SCENARIOS = [
    ("A test email went to every customer", "newsletter customers email list send"),
    ("The wrong phone number on posters in 25 cities", "posters print phone number cities"),
    ("A client project neglected after a holiday", "client project holiday handover"),
    ("A forgotten item in a restaurant order", "restaurant order customer kitchen"),
    ("A server outage and how we kept clients informed", "server outage clients status"),
    ("An invoice sent with last year's prices", "invoice prices billing customer"),
    ("A deploy on Friday that broke sign-in", "deploy sign-in release rollback"),
    ("A delivery sent to the wrong warehouse", "delivery warehouse pallets address"),
    ("A meeting booked in the wrong time zone", "meeting calendar time zone client"),
    ("A spreadsheet formula that double-counted refunds", "spreadsheet refunds finance formula"),
]
TAGS = [
    "email",
    "customers",
    "print",
    "handover",
    "orders",
    "outage",
    "billing",
    "deploys",
    "logistics",
    "calendars",
    "finance",
    "communication",
]
TEAMS = ["Support", "Marketing", "Engineering", "Finance", "Logistics", "Sales", "Design"]


def parse_args():
    parser = argparse.ArgumentParser()
    parser.add_argument("--stories", type=int, default=1000)
    parser.add_argument("--reader", required=True)
    parser.add_argument("--password", required=True)
    return parser.parse_args()


def main():
    args = parse_args()
    import django

    django.setup()

    from django.core.management import call_command
    from django.db import transaction
    from django.utils import timezone
    from taggit.models import Tag

    from home.demo import Demo
    from home.demo import load as load_home
    from home.factories import UserFactory
    from stories.factories import (
        SeriesFactory,
        StoriesIndexPageFactory,
        StoryPageFactory,
        TeamFactory,
    )
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
        demo = Demo(stdout=sys.stderr)
        load_home(demo)
        index = StoriesIndexPageFactory(parent=demo.home)
        reader = UserFactory(username=args.reader)
        reader.set_password(args.password)
        reader.save(update_fields=["password"])
        authors = [UserFactory(username=f"author{n}") for n in range(20)]
        readers = [UserFactory(username=f"reader{n}") for n in range(12)]
        teams = [TeamFactory(name=name) for name in TEAMS]
        series = [SeriesFactory(name="I screw up so you don't have to"), None, None, None]
        tags = [Tag.objects.get_or_create(name=name, slug=name)[0] for name in TAGS]
        start = timezone.now() - datetime.timedelta(days=args.stories)
        stories = []
        for number in range(args.stories):
            title, words = SCENARIOS[number % len(SCENARIOS)]
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
                    author=randomiser.choice(authors),
                    author__anonymous=number % 4 == 0,
                    team=randomiser.choice(teams),
                    series=randomiser.choice(series),
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
                owner="Operations",
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
            for user in randomiser.sample(readers, randomiser.randint(0, 6))
        )
        # Two repeats, so "Happened again" shows.
        for earlier, later in ((stories[0], stories[10]), (stories[1], stories[11])):
            StoryPage.objects.filter(pk=later.pk).update(repeat_of=earlier)
    call_command("update_index", verbosity=0)
    print(
        json.dumps(
            {
                "index": index.url,
                "story": stories[10].url,
                "tag": index.url + "tag/billing/",
                "stories": StoryPage.objects.live().count(),
            }
        )
    )


if __name__ == "__main__":
    main()
