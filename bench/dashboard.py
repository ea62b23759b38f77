"""Benchmark: the culture insights dashboard (and the campaign page) with 10,000 stories.

    .venv/bin/python bench/dashboard.py                 # a fresh SQLite database in a temp folder
    .venv/bin/python bench/dashboard.py --stories 2000  # fewer stories
    DATABASE_URL=postgres://user@host:5432/empty_db .venv/bin/python bench/dashboard.py --keep

It migrates an empty database (never point it at one with data), seeds the stories, then times
the pages through Django's test client as a Culture team member and prints the timings and the
number of SQL queries of each.

Seeding 10,000 pages one by one through Wagtail takes many minutes, so the stories are inserted
in bulk with valid tree paths: the base `wagtailcore_page` rows with `bulk_create`, then the
`StoryPage` rows (multi-table inheritance, which `bulk_create` refuses) with the same insert
Django's `bulk_create` uses. The pages are real: live, in the tree under the stories index,
with authorship, tags, corrective actions, workflow states and "I learned from this" marks.
"""

import argparse
import atexit
import datetime
import os
import random
import shutil
import statistics
import sys
import tempfile
import time
import uuid
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--stories", type=int, default=10_000)
    parser.add_argument("--runs", type=int, default=5, help="timed requests per page")
    parser.add_argument("--keep", action="store_true", help="use DATABASE_URL as it is")
    return parser.parse_args()


def setup_django(args):
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "culture.settings.test")
    if not args.keep:
        folder = tempfile.mkdtemp(prefix="own-it-bench-")
        atexit.register(shutil.rmtree, folder, ignore_errors=True)
        os.environ["DATABASE_URL"] = f"sqlite:///{folder}/bench.sqlite3"
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)


def bulk_create_pages(parent, pages):
    """Insert many new child pages of `parent` with valid treebeard paths; returns them."""
    from django.contrib.contenttypes.models import ContentType
    from django.db import connection
    from wagtail.models import Page

    model = type(pages[0])
    content_type = ContentType.objects.get_for_model(model)
    start = parent.numchild
    base_fields = [f for f in Page._meta.concrete_fields if not f.primary_key]
    for number, page in enumerate(pages, start=start + 1):
        page.path = Page._get_path(parent.path, parent.depth + 1, number)
        page.depth = parent.depth + 1
        page.numchild = 0
        page.url_path = f"{parent.url_path}{page.slug}/"
        page.content_type = content_type
        page.locale_id = parent.locale_id
        page.draft_title = page.title
        page.translation_key = uuid.uuid4()
        page.live = True
        page.has_unpublished_changes = False
        page.last_published_at = page.first_published_at
    batch = 500 if connection.vendor == "sqlite" else 2000
    for offset in range(0, len(pages), batch):
        chunk = pages[offset : offset + batch]
        bases = Page.objects.bulk_create(
            [Page(**{f.attname: getattr(p, f.attname) for f in base_fields}) for p in chunk]
        )
        for page, base in zip(chunk, bases, strict=True):
            page.page_ptr_id = page.id = base.id
        model._base_manager._insert(
            chunk, fields=model._meta.local_concrete_fields, using="default"
        )
    Page.objects.filter(pk=parent.pk).update(numchild=start + len(pages))
    parent.numchild = start + len(pages)
    return pages


def seed(count):
    from django.contrib.auth import get_user_model
    from django.contrib.contenttypes.models import ContentType
    from taggit.models import Tag
    from wagtail.models import Page, Site, Workflow, WorkflowState

    from culture.campaigns.models import CampaignEvent, CampaignIndexPage, CampaignPage
    from culture.campaigns.timeframes import local_today, site_timezone
    from culture.meetings.models import MeetingPackPage, MeetingPacksIndexPage
    from home.factories import HomePageFactory, UserFactory
    from home.roles import CULTURE_TEAM
    from stories.models import (
        CorrectiveAction,
        LearnedFromThis,
        StoriesIndexPage,
        StoryAuthorship,
        StoryPage,
        StoryTag,
        Team,
    )

    rng = random.Random(7)
    tz = site_timezone()
    now = datetime.datetime.now(tz)
    today = local_today()

    root = Page.get_first_root_node()
    for page in root.get_children():
        page.delete()
    home = HomePageFactory(parent=root)
    Site.objects.all().delete()
    Site.objects.create(hostname="testserver", port=80, root_page=home, is_default_site=True)
    stories_index = home.add_child(instance=StoriesIndexPage(title="Stories", slug="stories"))
    packs_index = home.add_child(instance=MeetingPacksIndexPage(title="Packs", slug="packs"))
    campaigns_index = home.add_child(
        instance=CampaignIndexPage(title="Campaigns", slug="campaigns")
    )

    User = get_user_model()
    User.objects.bulk_create(
        [User(username=f"bench{n}", first_name="Bench", last_name=str(n)) for n in range(60)]
    )
    users = list(User.objects.filter(username__startswith="bench"))
    culture = UserFactory(username="bench-culture", roles=[CULTURE_TEAM])
    teams = [Team.objects.create(name=f"Team {n:02d}", slug=f"team-{n:02d}") for n in range(15)]
    tags = Tag.objects.bulk_create([Tag(name=f"topic {n}", slug=f"topic-{n}") for n in range(40)])

    # Stories spread over the last two years, a little denser recently.
    stories = []
    for number in range(count):
        days_ago = int(730 * rng.random() ** 1.3)
        published = now - datetime.timedelta(days=days_ago, minutes=rng.randrange(1440))
        stories.append(
            StoryPage(
                title=f"Story {number}",
                slug=f"story-{number}",
                summary=f"What we learned from story {number}.",
                what_happened="<p>Something went wrong.</p>",
                team=rng.choice(teams) if rng.random() > 0.05 else None,
                first_published_at=published,
                repeat_of_id=None,
            )
        )
    started = time.perf_counter()
    bulk_create_pages(stories_index, stories)
    by_date = sorted(stories, key=lambda s: s.first_published_at)
    repeats = []
    for story in by_date[count // 10 :: 12]:
        story.repeat_of_id = rng.choice(by_date[: count // 10]).pk
        repeats.append(story)
    StoryPage.objects.bulk_update(repeats, ["repeat_of"], batch_size=500)
    StoryAuthorship.objects.bulk_create(
        [
            StoryAuthorship(
                story_id=s.pk, author=rng.choice(users), is_anonymous=rng.random() < 0.3
            )
            for s in stories
        ],
        batch_size=1000,
    )
    StoryTag.objects.bulk_create(
        [
            StoryTag(content_object_id=s.pk, tag=tag)
            for s in stories
            for tag in rng.sample(tags, rng.randint(1, 3))
        ],
        batch_size=1000,
    )
    CorrectiveAction.objects.bulk_create(
        [
            CorrectiveAction(
                page_id=s.pk,
                sort_order=n,
                description="Add a check",
                owner_role="Ops",
                due_date=today + datetime.timedelta(days=rng.randint(-120, 120)),
                status=rng.choice(["open", "done", "done"]),
            )
            for s in stories
            for n in range(rng.randint(0, 2))
        ],
        batch_size=1000,
    )
    workflow = Workflow.objects.create(name="Culture review")
    story_type = ContentType.objects.get_for_model(StoryPage)
    page_type = ContentType.objects.get_for_model(Page)
    reviewed = [s for s in stories if rng.random() < 0.8]
    states = WorkflowState.objects.bulk_create(
        [
            WorkflowState(
                content_type=story_type,
                base_content_type=page_type,
                object_id=str(s.pk),
                workflow=workflow,
                status=WorkflowState.STATUS_APPROVED,
            )
            for s in reviewed
        ],
        batch_size=1000,
    )
    for state, story in zip(states, reviewed, strict=True):
        state.created_at = story.first_published_at - datetime.timedelta(
            hours=rng.expovariate(1 / 40)
        )
    WorkflowState.objects.bulk_update(states, ["created_at"], batch_size=500)
    LearnedFromThis.objects.bulk_create(
        [
            LearnedFromThis(story_id=s.pk, user=user)
            for s in rng.sample(stories, min(count, 3000))
            for user in rng.sample(users, 3)
        ],
        batch_size=1000,
    )
    packs = [
        MeetingPackPage(
            title=f"Meeting {n}",
            slug=f"meeting-{n}",
            team=rng.choice(teams),
            meeting_date=today - datetime.timedelta(days=rng.randrange(730)),
            first_published_at=now,
        )
        for n in range(count // 20)
    ]
    bulk_create_pages(packs_index, packs)
    seeded_in = time.perf_counter() - started

    campaign = CampaignPage(
        title="Mistake Management Month",
        slug="mmm",
        start_date=today - datetime.timedelta(days=15),
        end_date=today + datetime.timedelta(days=15),
    )
    campaigns_index.add_child(instance=campaign)
    for n in range(20):
        CampaignEvent.objects.create(
            page=campaign,
            title=f"Event {n}",
            starts_at=now + datetime.timedelta(days=n % 14, hours=1),
        )
    campaign.save_revision().publish()
    return culture, campaign, seeded_in


def time_page(client, url, data, runs):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    response = client.get(url, data)  # warm-up
    assert response.status_code == 200, (url, response.status_code)
    timings = []
    for _ in range(runs):
        with CaptureQueriesContext(connection) as queries:
            started = time.perf_counter()
            response = client.get(url, data)
            timings.append(time.perf_counter() - started)
        assert response.status_code == 200
    return statistics.median(timings), min(timings), len(queries)


def main():
    args = parse_args()
    setup_django(args)
    from django.db import connection, transaction
    from django.test import Client
    from django.urls import reverse

    from culture.campaigns.forms import InsightsPeriodForm
    from stories.models import StoryPage

    with transaction.atomic():
        culture, campaign, seeded_in = seed(args.stories)
    from wagtail.models import Page

    problems = Page.find_problems()  # treebeard's own check of paths, depths and child counts
    assert not any(problems), f"The page tree has problems: {problems}"
    print(
        f"Seeded {StoryPage.objects.live().count():,} live stories in {seeded_in:.1f} s "
        f"({connection.vendor}); page tree checked: no problems."
    )
    client = Client()
    client.force_login(culture)
    first, last = InsightsPeriodForm.default_period()
    two_years = {"date_from": last - datetime.timedelta(days=731), "date_to": last}
    pages = [
        ("Dashboard, default 12 months", reverse("campaigns_admin:insights"), {}),
        ("Dashboard, 2 years (all stories)", reverse("campaigns_admin:insights"), two_years),
        ("CSV by team and week, 2 years", reverse("campaigns_admin:insights_csv"), two_years),
        ("Campaign page (running, 20 events)", campaign.url, {}),
    ]
    print(f"{'Page':40} {'median':>9} {'best':>9} {'queries':>8}")
    for label, url, data in pages:
        median, best, queries = time_page(client, url, data, args.runs)
        print(f"{label:40} {median * 1000:7.0f}ms {best * 1000:7.0f}ms {queries:8}")


if __name__ == "__main__":
    main()
