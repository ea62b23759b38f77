"""The bulk seeder (bench/bulk_seed.py) makes what the site itself would have made.

300 stories in batches of 128 (so that batches follow on from each other): a valid page tree,
every story routable and listed, found by search, with its revision, history, authorship,
anonymity, parts, search and reference index entries as Wagtail's own saves write them, and the
reading pages' query counts the same as for stories made by the factories.
"""

import datetime
import json

import pytest
from django.core.cache import cache
from django.core.serializers.json import DjangoJSONEncoder
from django.db.models import F, Q
from django.utils.html import escape
from wagtail.models import Page, PageLogEntry, ReferenceIndex, Revision
from wagtail.search import index as search_index
from wagtail.search.models import IndexEntry

from bench import bulk_seed
from home.factories import UserFactory
from stories.factories import SEED_SCENARIOS, StoryPageFactory
from stories.models import LearnedFromThis, StoryAuthorship, StoryPage, StoryTag, Team

from . import reading_support
from .reading_support import count_queries

empty_cache = reading_support.empty_cache
stories_index = reading_support.stories_index

pytestmark = pytest.mark.django_db

COUNT = 300
BATCH = 128
# "pallets" is a word of the delivery scenario's body only: not in any title, summary or tag.
BODY_WORD = "pallets"
DELIVERY = "A delivery sent to the wrong warehouse"
OTHER = "A spreadsheet formula that double-counted refunds"


def bulk_seed_stories(index, count=COUNT):
    company = bulk_seed.make_company(authors=6, readers=10)
    ids = bulk_seed.seed_stories(index, count, company, batch_size=BATCH)
    return list(StoryPage.objects.filter(pk__in=ids).order_by("path"))


@pytest.fixture
def seeded(stories_index):
    return bulk_seed_stories(stories_index)


def tree_state():
    return list(Page.objects.order_by("pk").values_list("pk", "path", "depth", "numchild"))


def as_json(data):
    return json.loads(json.dumps(data, cls=DjangoJSONEncoder))


def test_the_page_tree_is_valid_and_wagtail_adds_to_it_afterwards(stories_index, seeded):
    assert len(seeded) == COUNT
    assert Page.find_problems() == ([], [], [], [], [])
    index = Page.objects.get(pk=stories_index.pk)
    assert index.numchild == COUNT
    assert len({story.slug for story in seeded}) == COUNT
    for story in seeded:
        assert story.depth == index.depth + 1
        assert story.url_path == f"{index.url_path}{story.slug}/"
        assert story.locale_id == index.locale_id
        assert story.live and not story.has_unpublished_changes
    # Paths are consecutive and in order: treebeard's own repair, paths included, changes nothing.
    before = tree_state()
    Page.fix_tree(fix_paths=True)
    assert tree_state() == before
    # Every field passes the page's own validation (slug unique among siblings included).
    for story in seeded[:: COUNT // 10]:
        story.full_clean()

    later = StoryPageFactory(parent=index, title="Written after the seeding")
    assert later.path > seeded[-1].path
    assert Page.find_problems() == ([], [], [], [], [])
    # A second seeding follows on.
    again = bulk_seed_stories(index, 5)
    assert again[0].path > later.path and again[-1].title.endswith(f"(#{COUNT + 1 + 5})")
    assert Page.find_problems() == ([], [], [], [], [])


def test_every_story_is_routable_and_the_index_lists_them(employee_client, stories_index, seeded):
    for story in seeded:
        response = employee_client.get(story.url)
        assert response.status_code == 200, story.url
        assert escape(story.title) in response.content.decode()

    newest_first = sorted(seeded, key=lambda story: story.first_published_at, reverse=True)
    first = employee_client.get(stories_index.url).content.decode()
    third = employee_client.get(stories_index.url + "?page=3").content.decode()
    assert f"{COUNT} stories" in first
    for story in newest_first[:20]:
        assert escape(story.title) in first and escape(story.title) not in third
    for story in newest_first[40:60]:
        assert escape(story.title) in third and escape(story.title) not in first


def test_search_finds_a_story_by_a_word_of_its_body(employee_client, stories_index, seeded):
    delivery = [story for story in seeded if story.title.startswith(DELIVERY)]
    assert delivery and all(BODY_WORD in story.what_happened for story in delivery)
    assert not any(BODY_WORD in f"{s.title} {s.summary}".lower() for s in seeded)

    for url in (f"/search/?q={BODY_WORD}", f"{stories_index.url}?q={BODY_WORD}"):
        html = employee_client.get(url).content.decode()
        assert any(escape(story.title) in html for story in delivery), url
        assert escape(OTHER) not in html, url


def indexed_words(entries):
    """Each entry's indexed words, without their positions: PostgreSQL reads a story's tags and
    lessons in no fixed order, so the positions in its tsvector may differ from one save to the
    next while the words are the same."""

    def words(text):
        return sorted(token.split(":")[0] for token in str(text).split())

    return [
        {
            "content_type": row["content_type"],
            **{field: words(row[field]) for field in ("title", "autocomplete", "body")},
        }
        for row in entries.values("content_type", "title", "autocomplete", "body")
    ]


def test_search_and_reference_entries_are_what_a_save_writes(seeded):
    story = StoryPage.objects.get(pk=seeded[7].pk)
    entry = IndexEntry.objects.filter(object_id=str(story.pk))
    written = indexed_words(entry)
    assert len(written) == 1
    search_index.insert_or_update_object(story)
    assert indexed_words(entry) == written

    references = ReferenceIndex.objects.filter(object_id=str(story.pk))
    fields = ("content_type", "to_content_type", "to_object_id", "model_path", "content_path")
    seeded_references = sorted(references.values_list(*fields))
    assert str(story.team_id) in {row[2] for row in seeded_references}
    references.delete()
    ReferenceIndex.create_or_update_for_object(story)
    assert sorted(references.values_list(*fields)) == seeded_references
    # The admin's "Usage" of a team counts the stories that are its own or that have an action
    # it owns.
    team = Team.objects.get(pk=story.team_id)
    assert ReferenceIndex.get_references_to(team).group_by_source_object().count() == (
        StoryPage.objects.filter(Q(team=team) | Q(actions__owner_team=team)).distinct().count()
    )


def test_one_published_revision_per_story_as_save_revision_stores_it(seeded):
    revisions = Revision.objects.filter(object_id__in=[str(story.pk) for story in seeded])
    assert revisions.count() == COUNT
    for story in seeded:
        revision = story.live_revision
        assert revision is not None and story.latest_revision_id == revision.pk
        assert story.latest_revision_created_at == revision.created_at
        assert revision.user_id == story.owner_id and revision.object_str == story.title
        assert story.get_latest_revision_as_object().title == story.title
        # The content is the page's own serialisation (children included), taken before the
        # revision existed, as `save_revision` does.
        expected = as_json(story.serializable_data())
        expected.update(latest_revision=None, live_revision=None, latest_revision_created_at=None)
        assert revision.content == expected
        assert revision.content["lessons"] and revision.content["tagged_items"]
    history = PageLogEntry.objects.filter(page_id__in=[story.pk for story in seeded])
    assert set(history.values_list("action", flat=True)) == {"wagtail.create", "wagtail.publish"}
    assert history.count() == 2 * COUNT
    assert history.filter(action="wagtail.publish", revision__isnull=False).count() == COUNT


def test_anonymous_stories_show_anonymous_and_never_their_author(employee_client, seeded):
    authorships = StoryAuthorship.objects.filter(story__in=seeded)
    assert authorships.count() == COUNT and 30 < authorships.filter(is_anonymous=True).count() < 120
    anonymous = authorships.filter(is_anonymous=True).first()
    named = authorships.filter(is_anonymous=False).first()
    # Seeded authors write many stories, named and anonymous, and a story page shows other
    # stories' cards; each of these two stories is given an author of its own to look for.
    hidden = UserFactory(first_name="Quentin", last_name="Hidden")
    shown = UserFactory(first_name="Nora", last_name="Named")
    StoryAuthorship.objects.filter(pk=anonymous.pk).update(author=hidden)
    StoryAuthorship.objects.filter(pk=named.pk).update(author=shown)

    story = StoryPage.objects.get(pk=anonymous.story_id)
    html = employee_client.get(story.url).content.decode()
    assert "Anonymous" in html and "Quentin Hidden" not in html
    # Nothing Wagtail recorded names the author either.
    assert story.owner.username == "anonymous-author"
    assert story.live_revision.user_id == story.owner_id
    assert story.live_revision.content["owner"] == story.owner_id
    assert set(PageLogEntry.objects.filter(page_id=story.pk).values_list("user", flat=True)) == {
        story.owner_id
    }
    named_story = StoryPage.objects.get(pk=named.story_id)
    assert "Nora Named" in employee_client.get(named_story.url).content.decode()


def test_the_parts_and_dates_of_a_story_are_realistic(seeded):
    summaries = [len(story.summary) for story in seeded]
    assert 120 <= sum(summaries) / COUNT <= 170 and max(summaries) <= 200
    assert min(len(story.what_happened) for story in seeded) > 400
    assert all(story.what_happened.count("<p>") >= 2 for story in seeded)
    assert StoryTag.objects.filter(content_object__in=seeded).count() == 3 * COUNT
    for story in seeded[:20]:
        assert story.team_id and story.lessons.exists() and story.actions.exists()
    assert {story.title.split(" (#")[0] for story in seeded} == {t for t, _ in SEED_SCENARIOS}
    # As the factory seeder does, the 11th story repeats the 1st (the benchmark's story page
    # shows "Happened again"); a few others repeat an earlier story of their scenario.
    assert seeded[10].repeat_of_id == seeded[0].pk and seeded[11].repeat_of_id == seeded[1].pk
    repeats = [story for story in seeded if story.repeat_of_id]
    assert 2 < len(repeats) < 20
    by_id = {story.pk: story for story in seeded}
    for story in repeats:
        assert by_id[story.repeat_of_id].title.split(" (#")[0] == story.title.split(" (#")[0]
        assert story.live_revision.content["repeat_of"] == story.repeat_of_id
    published = sorted(story.first_published_at for story in seeded)
    assert published[-1] - published[0] > datetime.timedelta(days=365 * 5)
    written = StoryAuthorship.objects.filter(story__in=seeded).select_related("story")
    assert all(a.created_at < a.story.first_published_at for a in written)
    marks = LearnedFromThis.objects.filter(story__in=seeded).select_related("story")
    assert COUNT < marks.count() < 8 * COUNT
    assert all(mark.created_at >= mark.story.first_published_at for mark in marks)
    assert not marks.filter(story__authorship__author=F("user")).exists()


def measure(client, urls):
    counts = {}
    for url in urls.values():
        client.get(url)  # warm what lives in the process (content types, templates)
    for name, url in urls.items():
        cache.clear()
        cold, _ = count_queries(client, url)
        warm, _ = count_queries(client, url)
        counts[name] = (cold, warm)
    return counts


def test_reading_pages_cost_the_same_queries_as_for_factory_made_stories(
    employee_client, stories_index
):
    made = reading_support.seed(stories_index, 30)
    by_factories = measure(
        employee_client,
        {
            "index": stories_index.url,
            "later page": stories_index.url + "?page=2",
            "story": made[12].url,
            "search": stories_index.url + "?q=seeded",
            "site search": "/search/?q=seeded",
            "tag page": stories_index.url + "tag/seed-1/",
        },
    )
    seeded = bulk_seed_stories(stories_index)
    in_bulk = measure(
        employee_client,
        {
            "index": stories_index.url,
            "later page": stories_index.url + "?page=3",
            "story": seeded[12].url,
            "search": f"{stories_index.url}?q={BODY_WORD}",
            "site search": f"/search/?q={BODY_WORD}",
            "tag page": stories_index.url + "tag/billing/",
        },
    )
    assert in_bulk == by_factories
    print("\nQuery counts (cold, warm):", in_bulk)
