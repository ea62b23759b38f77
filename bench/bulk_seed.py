"""Bulk seeding: many published stories in minutes, written as the site itself would have made them.

Used by bench/seed_stories.py (`--bulk`, the default above its factory limit) and by
tests/stories/test_bulk_seed.py. The stories are the shared seed scenarios of
stories/factories.py (`seed_story_data`), built as unsaved pages by `StoryPageFactory.build`, so
they have the factory's defaults; only the writing differs. Per batch of `batch_size` stories, in
one transaction (the tree is valid after every batch):

- the page: Wagtail's page rows by `bulk_create`, with treebeard paths numbered on from the
  index's last child, `depth`, `url_path`, the index's locale, and the index's `numchild` raised
  by the batch; the story's own rows by one INSERT (`insert_rows`: `bulk_create` refuses
  multi-table inheritance);
- its lessons, corrective actions, discussion questions and tags (taggit `Tag`, `StoryTag`
  through rows) by `bulk_create`;
- one revision, whose content is the page's own `serializable_data()` (children included),
  taken as `index.add_child` then `save_revision` would (the demo publishes that way), and the
  page's `latest_revision` / `live_revision` pointing at it; the "wagtail.create" and
  "wagtail.publish" log entries;
- the authorship (a quarter anonymous: the page's owner and the revision's user are then the
  placeholder account) and "I learned from this" marks, with their past dates;
- the search index entries, through the search backends' `add_bulk` (as `update_index` does), and
  the reference index (what the admin's "Usage" counts), through `ReferenceIndex`.

Bulk writes send no signals, so the cache is cleared at the end: nothing cached before may be
trusted. Nobody else may add pages under the index while it runs.

Speed: about 70 stories a second on PostgreSQL and 115 on SQLite, on two cores shared with other
work. Ten of each story's 14 ms are Wagtail's own indexing, which every publish pays too: the
search backend's `add_bulk` (7 ms; it reads every search field once per index column) and the
reference index (3 ms). It runs in one process: a second one gained nothing on two busy cores,
and concurrent `add_bulk` calls deadlock in the backend's table-wide title-norm refresh.
"""

import datetime
import random
import sys
import time
from dataclasses import dataclass

import factory
from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django.contrib.auth.models import Group
from django.core.cache import cache
from django.db import connections, models, router, transaction
from django.db.models import F, OuterRef, Subquery
from django.db.models.functions import Cast
from django.utils import timezone
from modelcluster.models import get_all_child_relations
from taggit.models import Tag
from wagtail.models import Page, PageLogEntry, ReferenceIndex, Revision
from wagtail.search.backends import get_search_backends

from home.factories import UserFactory
from home.roles import EMPLOYEES
from stories.factories import (
    SEED_SCENARIOS,
    SEED_SERIES,
    SEED_TAGS,
    SEED_TEAMS,
    SeriesFactory,
    StoryPageFactory,
    TeamFactory,
    seed_story_data,
)
from stories.models import (
    CorrectiveAction,
    DiscussionQuestion,
    LearnedFromThis,
    StoryAuthorship,
    StoryLesson,
    StoryPage,
    StoryTag,
    anonymous_author,
)
from stories.models.pages import owner_from_text

BATCH_SIZE = 2000
YEARS = 6  # seeded stories are published over this many years, up to today
MAX_MARKS = 8  # "I learned from this" marks per story: 0 to this many
REPEAT_SHARE = 0.02  # stories that are a repeat of an earlier one of the same scenario


def say(message):
    print(message, file=sys.stderr, flush=True)


@dataclass
class Company:
    """Who and what the seeded stories are about: authors, readers who mark, teams, tags."""

    authors: list
    readers: list
    teams: list
    series: list
    tags: dict  # by name
    placeholder: object  # the account Wagtail records for anonymous stories


def make_company(authors=20, readers=12):
    """The people, teams, series and tags of a seeding; existing ones are reused by name.

    People come from `UserFactory` (its names and emails) with an unusable password: they never
    sign in, and hashing thousands of passwords would cost more than the stories.
    """
    User = get_user_model()
    password = make_password(None)  # unusable, and forced past the factory's hashing
    names = [f"author{n}" for n in range(authors)] + [f"reader{n}" for n in range(readers)]
    User.objects.bulk_create(
        [
            UserFactory.build(username=name, password=factory.Transformer.Force(password))
            for name in names
        ],
        batch_size=BATCH_SIZE,
        ignore_conflicts=True,
    )
    people = User.objects.in_bulk(names, field_name="username")
    # As `home.roles.add_new_user_to_employees` does on each save, which bulk_create skips.
    employees, _ = Group.objects.get_or_create(name=EMPLOYEES)
    User.groups.through.objects.bulk_create(
        [
            User.groups.through(user_id=person.pk, group_id=employees.pk)
            for person in people.values()
        ],
        batch_size=BATCH_SIZE,
        ignore_conflicts=True,
    )
    return Company(
        authors=[people[f"author{n}"] for n in range(authors)],
        readers=[people[f"reader{n}"] for n in range(readers)],
        teams=[TeamFactory(name=name) for name in SEED_TEAMS],
        series=[SeriesFactory(name=SEED_SERIES), None, None, None],
        tags={
            name: Tag.objects.get_or_create(name=name, defaults={"slug": name})[0]
            for name in SEED_TAGS
        },
        placeholder=anonymous_author(),
    )


def tree_step(number):
    """Child number `number` (from 1) as one step of a treebeard path, as `add_child` writes it."""
    base = len(Page.alphabet)
    digits = ""
    while number:
        number, digit = divmod(number, base)
        digits = Page.alphabet[digit] + digits
    if len(digits) > Page.steplen:
        raise ValueError("The stories index has no room for more children.")
    return digits.rjust(Page.steplen, Page.alphabet[0])


def step_number(step):
    """The inverse of `tree_step`."""
    number = 0
    for character in step:
        number = number * len(Page.alphabet) + Page.alphabet.index(character)
    return number


def insert_rows(model, objs, fields):
    """INSERT `fields` of `objs` into `model`'s own table, every value exactly as set.

    For what `bulk_create` does not do: the story's own table below Wagtail's page table
    (multi-table inheritance) and rows whose `auto_now_add` date must stay the past date a seeded
    story has. Table and column names come from the model, quoted; all values are parameters.
    """
    connection = connections[router.db_for_write(model)]
    quote = connection.ops.quote_name
    sql = "INSERT INTO {} ({}) VALUES ({})".format(
        quote(model._meta.db_table),
        ", ".join(quote(field.column) for field in fields),
        ", ".join(["%s"] * len(fields)),
    )
    rows = [
        [field.get_db_prep_save(getattr(obj, field.attname), connection) for field in fields]
        for obj in objs
    ]
    with connection.cursor() as cursor:
        cursor.executemany(sql, rows)


def own_fields(model):
    """The columns of `model`'s own table, less an auto-increment key the database assigns."""
    return [f for f in model._meta.local_concrete_fields if not isinstance(f, models.AutoField)]


def publication_times(count, randomiser, years=YEARS):
    """`count` publication times over the last `years` years, oldest first."""
    now = timezone.now()
    span = datetime.timedelta(days=365 * years)
    start = now - span
    return [start + span * ((n + randomiser.random()) / count) for n in range(count)]


def seed_stories(index, count, company, *, randomiser=None, batch_size=BATCH_SIZE, years=YEARS):
    """Add `count` published stories under `index`; returns their ids, oldest first."""
    randomiser = randomiser or random.Random(4)
    index = Page.objects.get(pk=index.pk)  # as it is now (treebeard reads its numchild)
    first = index.numchild
    last_child = index.get_last_child()
    # Paths go on from the last child's, as `add_child` numbers them.
    first_step = step_number(last_child.path[-Page.steplen :]) + 1 if last_child else 1
    times = publication_times(count, randomiser, years)
    ids = []
    started = time.monotonic()
    for offset in range(0, count, batch_size):
        positions = range(offset, min(offset + batch_size, count))
        with transaction.atomic():
            ids += write_batch(index, first, first_step, positions, times, ids, company, randomiser)
            Page.objects.filter(pk=index.pk).update(numchild=F("numchild") + len(positions))
        done = offset + len(positions)
        rate = done / (time.monotonic() - started)
        say(f"  {done:>7} / {count} stories, {rate:.0f} a second")
    cache.clear()
    return ids


def write_batch(index, first, first_step, positions, times, earlier_ids, company, randomiser):
    """Write the stories at `positions` (0-based within this seeding) and all their parts."""
    stories, parts = [], []
    for position in positions:
        data = seed_story_data(first + position, randomiser, times[position])
        published_at = data["fields"]["first_published_at"]
        author = randomiser.choice(company.authors)
        story = StoryPageFactory.build(
            **data["fields"],
            path=index.path + tree_step(first_step + position),
            depth=index.depth + 1,
            locale_id=index.locale_id,
            live=True,
            has_unpublished_changes=False,
            last_published_at=published_at,
            draft_title=data["fields"]["title"],
            owner=company.placeholder if data["anonymous"] else author,
            team=randomiser.choice(company.teams),
            series=randomiser.choice(company.series),
        )
        story.set_url_path(index)
        stories.append(story)
        parts.append((data, author))
    taken = StoryPage.objects.child_of(index).filter(slug__in=[s.slug for s in stories])
    if taken.exists():
        raise ValueError(f"The stories index already has a story at {taken.first().url_path}.")

    # Wagtail's page rows first (they give the ids), then the story's own.
    pages = Page.objects.bulk_create(
        [
            Page(**{f.attname: getattr(story, f.attname) for f in Page._meta.concrete_fields})
            for story in stories
        ],
        batch_size=BATCH_SIZE,
    )
    for story, page in zip(stories, pages, strict=True):
        story.id = story.page_ptr_id = page.pk
    known_ids = earlier_ids + [story.pk for story in stories]  # by position
    for story, position in zip(stories, positions, strict=True):
        story.repeat_of_id = repeat_of(position, known_ids, randomiser)
    insert_rows(StoryPage, stories, StoryPage._meta.local_concrete_fields)

    write_children(stories, parts, company)
    revisions = write_revisions(stories)
    write_log_entries(stories, revisions)
    write_authorships_and_marks(stories, parts, company, randomiser)
    index_for_search(stories)
    return [story.pk for story in stories]


def repeat_of(position, ids, randomiser):
    """The id of an earlier story of the same scenario, for a few stories (and for the 11th and
    12th, as the factory seeder does, so that the benchmark's story page shows "Happened again").

    `ids` are this seeding's story ids by position, up to this batch's."""
    scenarios = len(SEED_SCENARIOS)
    if position in (10, 11):
        return ids[position - 10]
    if position < scenarios or randomiser.random() >= REPEAT_SHARE:
        return None
    return ids[position - scenarios * randomiser.randint(1, min(20, position // scenarios))]


def owned(action, teams):
    """An action's fields with its `owner` text read as the share form reads it (a team's name
    becomes the owning team, anything else the role)."""
    action = dict(action)
    if "owner" in action:
        action["owner_team"], action["owner_role"] = owner_from_text(action.pop("owner"), teams)
    return action


def write_children(stories, parts, company):
    """Lessons, actions, questions and tags, written and then held by each page in memory, so
    that its revision and its reference index entries see them as Wagtail's own saves would."""
    children = {StoryLesson: [], CorrectiveAction: [], DiscussionQuestion: [], StoryTag: []}
    teams = {team.name.lower(): team for team in company.teams}
    for story, (data, _) in zip(stories, parts, strict=True):
        story.lessons = [
            StoryLesson(page_id=story.pk, text=text, sort_order=n)
            for n, text in enumerate(data["lessons"])
        ]
        story.actions = [
            CorrectiveAction(page_id=story.pk, sort_order=n, **owned(action, teams))
            for n, action in enumerate(data["actions"])
        ]
        story.questions = [
            DiscussionQuestion(page_id=story.pk, text=text, sort_order=n)
            for n, text in enumerate(data["questions"])
        ]
        story.tagged_items = [
            StoryTag(content_object_id=story.pk, tag=company.tags[name]) for name in data["tags"]
        ]
        children[StoryLesson] += story.lessons.all()
        children[CorrectiveAction] += story.actions.all()
        children[DiscussionQuestion] += story.questions.all()
        children[StoryTag] += story.tagged_items.all()
        # Every other child relation (Wagtail's comments) is empty, as on a new page; set so
        # that serialising the page asks the database nothing.
        for relation in get_all_child_relations(story):
            name = relation.get_accessor_name()
            if name not in ("lessons", "actions", "questions", "tagged_items"):
                setattr(story, name, [])
    for model, objs in children.items():
        # The ids come back (PostgreSQL, SQLite 3.35+), so each revision records its children's.
        model.objects.bulk_create(objs, batch_size=BATCH_SIZE)


def write_revisions(stories):
    """One published revision per story, and the page pointing at it as latest and live."""
    revisions = Revision.objects.bulk_create(
        [
            Revision(
                content_type_id=story.content_type_id,
                base_content_type=story.get_base_content_type(),
                object_id=str(story.pk),
                created_at=story.first_published_at,
                user_id=story.owner_id,
                object_str=str(story),
                # Before the revision exists, as `save_revision` serialises the page.
                content=story.serializable_data(),
            )
            for story in stories
        ],
        batch_size=BATCH_SIZE,
    )
    for story, revision in zip(stories, revisions, strict=True):
        story.latest_revision_id = story.live_revision_id = revision.pk
        story.latest_revision_created_at = revision.created_at
    # One UPDATE for the batch, each page taking its own revision (bulk_update's CASE over
    # thousands of rows costs more than the rest of the batch).
    own_revision = Subquery(
        Revision.objects.filter(
            base_content_type=stories[0].get_base_content_type(),
            object_id=Cast(OuterRef("pk"), models.CharField()),
        ).values("pk")[:1]
    )
    Page.objects.filter(pk__in=[story.pk for story in stories]).update(
        latest_revision=own_revision,
        live_revision=own_revision,
        latest_revision_created_at=F("first_published_at"),
    )
    return revisions


def write_log_entries(stories, revisions):
    """The history Wagtail records: the page created, then its revision published."""
    entries = []
    for story, revision in zip(stories, revisions, strict=True):
        for action, entry_revision in (("wagtail.create", None), ("wagtail.publish", revision)):
            entries.append(
                PageLogEntry(
                    content_type_id=story.content_type_id,
                    page_id=story.pk,
                    label=story.get_admin_display_title(),
                    action=action,
                    timestamp=story.first_published_at,
                    user_id=story.owner_id,
                    revision=entry_revision,
                    content_changed=True,
                )
            )
    PageLogEntry.objects.bulk_create(entries, batch_size=BATCH_SIZE)


def write_authorships_and_marks(stories, parts, company, randomiser):
    """Who wrote each story, and who learned from it, on the dates a real site would show."""
    now = timezone.now()
    authorships, marks = [], []
    for story, (data, author) in zip(stories, parts, strict=True):
        published_at = story.first_published_at
        authorships.append(
            StoryAuthorship(
                story_id=story.pk,
                author=author,
                is_anonymous=data["anonymous"],
                # Written a few days before it was approved and published.
                created_at=published_at - datetime.timedelta(hours=randomiser.randint(2, 240)),
            )
        )
        others = [reader for reader in company.readers if reader.pk != author.pk]
        for reader in randomiser.sample(others, min(len(others), randomiser.randint(0, MAX_MARKS))):
            marked_at = published_at + datetime.timedelta(
                minutes=randomiser.randint(5, 60 * 24 * 30)
            )
            marks.append(
                LearnedFromThis(story_id=story.pk, user=reader, created_at=min(marked_at, now))
            )
    insert_rows(StoryAuthorship, authorships, own_fields(StoryAuthorship))
    insert_rows(LearnedFromThis, marks, own_fields(LearnedFromThis))


def index_for_search(stories):
    """Search and reference index entries for the new stories.

    Search reads the stories back as `update_index` does (`get_indexed_objects` prefetches
    lessons and tags); the reference index reads the pages in memory, children included.
    """
    ids = [story.pk for story in stories]
    indexed = list(StoryPage.get_indexed_objects().filter(pk__in=ids).order_by("pk"))
    for backend in get_search_backends(with_auto_update=True):
        backend.add_bulk(StoryPage, indexed)
    for story in stories:
        ReferenceIndex.create_or_update_for_object(story)
