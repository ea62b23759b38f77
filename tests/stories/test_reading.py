"""Reading stories: the index with filters and search, tag pages, the story page and reactions."""

import datetime
import json
import re

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from wagtail.models import PageViewRestriction

from home.factories import UserFactory
from stories.factories import SeriesFactory, StoryPageFactory, TeamFactory, month
from stories.models import CorrectiveAction, LearnedFromThis, StoryPage

from . import reading_support
from .reading_support import seed, story

# Fixtures (assigned, not imported, so that test arguments may share their names).
empty_cache = reading_support.empty_cache
stories_index = reading_support.stories_index

pytestmark = pytest.mark.django_db


def titles(response):
    """Story titles in the order the cards show them."""
    html = response.content.decode()
    return re.findall(r'class="story-card__title"><a href="[^"]+">([^<]+)</a>', html)


def at(days_ago):
    return timezone.now() - datetime.timedelta(days=days_ago)


# The index ---------------------------------------------------------------------------------


def test_index_lists_live_stories_newest_first_twenty_a_page(employee_client, stories_index):
    seed(stories_index, 23)
    draft = StoryPageFactory(parent=stories_index, title="Still a draft", live=False)
    assert not draft.live

    first = employee_client.get(stories_index.url)
    assert first.status_code == 200
    shown = titles(first)
    assert len(shown) == 20
    assert shown[0] == "Seeded story 22" and shown[19] == "Seeded story 3"
    assert "Still a draft" not in first.content.decode()
    assert "23 stories" in first.content.decode()

    second = employee_client.get(stories_index.url + "?page=2")
    assert titles(second) == ["Seeded story 2", "Seeded story 1", "Seeded story 0"]
    # Out-of-range and nonsense page numbers fall back to a real page, never an error.
    assert titles(employee_client.get(stories_index.url + "?page=99")) == titles(second)
    assert len(titles(employee_client.get(stories_index.url + "?page=abc"))) == 20


def test_filters_combine_and_stay_in_the_url(employee_client, stories_index):
    support, billing = TeamFactory(name="Support"), TeamFactory(name="Billing")
    series = SeriesFactory(name="I screw up so you don't have to")
    common = {"parent": stories_index}
    story(
        **common,
        title="Refund sent twice",
        team=billing,
        size="large",
        part="made",
        happened_on=month(2023, 5),
        tags=["payments"],
        series=series,
    )
    story(
        **common,
        title="Wrong number on posters",
        team=support,
        size="huge",
        part="witnessed",
        happened_on=month(2022, 3),
        tags=["print"],
    )
    story(
        **common,
        title="Forgotten side dish",
        team=support,
        size="small",
        part="received",
        happened_on=month(2023, 9),
        tags=["print", "orders"],
    )

    def shown(query):
        return sorted(titles(employee_client.get(stories_index.url + query)))

    assert shown("?team=support") == ["Forgotten side dish", "Wrong number on posters"]
    assert shown("?team=support&year=2023") == ["Forgotten side dish"]
    assert shown("?tag=print&size=huge") == ["Wrong number on posters"]
    assert shown("?part=received") == ["Forgotten side dish"]
    assert shown(f"?series={series.slug}") == ["Refund sent twice"]
    assert shown("?team=billing&part=witnessed") == []

    seed(stories_index, 25)  # enough for a second page of one filter
    response = employee_client.get(stories_index.url + "?tag=seed-1&size=")
    html = response.content.decode()
    assert "?tag=seed-1&amp;page=2" in html, "the next page keeps the filters"
    assert "Clear filters" in html and f'href="{stories_index.url}"' in html


def test_filter_form_is_labelled_and_says_what_it_found(employee_client, stories_index):
    story(parent=stories_index, title="Refund sent twice", size="large")
    html = employee_client.get(stories_index.url).content.decode()
    for name in ("q", "tag", "team", "part", "size", "series", "year"):
        assert f'<label for="filter-{name}">' in html
        assert f'id="filter-{name}"' in html
    assert 'role="search"' in html
    assert 'role="status"' in html and "1 story." in html
    assert "Clear filters" not in html  # nothing to clear yet

    filtered = employee_client.get(stories_index.url + "?size=small").content.decode()
    assert "No stories match with these filters" in filtered
    assert "Clear filters" in filtered


def test_a_bad_filter_value_says_so_next_to_the_field_and_keeps_the_rest(
    employee_client, stories_index
):
    story(parent=stories_index, title="Refund sent twice", size="large")
    story(parent=stories_index, title="Small slip", size="small")
    response = employee_client.get(stories_index.url + "?team=no-such-team&size=large")
    assert response.status_code == 200
    html = response.content.decode()
    assert "no-such-team is not one of the available choices" in html
    assert 'aria-invalid="true"' in html
    assert titles(response) == ["Refund sent twice"]
    too_long = employee_client.get(stories_index.url + "?q=" + "x" * 500)
    assert too_long.status_code == 200
    assert "Ensure this value has at most 200 characters" in too_long.content.decode()


def test_search_finds_title_summary_body_and_lessons_and_combines_with_filters(
    employee_client, stories_index
):
    story(parent=stories_index, title="Newsletter to every customer", size="large")
    story(
        parent=stories_index,
        title="Posters",
        summary="A printer typo went to twenty five cities.",
        size="huge",
    )
    story(
        parent=stories_index,
        title="Holiday handover",
        what_happened="<p>The client project stalled while the lead was on holiday.</p>",
    )
    story(
        parent=stories_index,
        title="Restaurant order",
        lessons=["Read the order back to the customer"],
        size="large",
    )

    def found(query):
        return sorted(titles(employee_client.get(stories_index.url + query)))

    assert found("?q=newsletter") == ["Newsletter to every customer"]
    assert found("?q=printer") == ["Posters"]
    assert found("?q=stalled") == ["Holiday handover"]
    assert found("?q=read+back") == ["Restaurant order"]
    assert found("?q=customer") == ["Newsletter to every customer", "Restaurant order"]
    assert found("?q=customer&size=large") == [
        "Newsletter to every customer",
        "Restaurant order",
    ]
    assert found("?q=customer&size=huge") == []
    html = employee_client.get(stories_index.url + "?q=printer").content.decode()
    assert "1 story matching “printer”" in html


def test_index_and_search_leave_out_restricted_stories(employee_client, stories_index):
    story(parent=stories_index, title="Open story about deploys")
    hidden = story(parent=stories_index, title="Hidden story about deploys")
    restriction = PageViewRestriction.objects.create(
        page=hidden, restriction_type=PageViewRestriction.PASSWORD, password="x"
    )
    for url in (stories_index.url, stories_index.url + "?q=deploys"):
        assert titles(employee_client.get(url)) == ["Open story about deploys"]
    assert employee_client.get(hidden.url).status_code == 200  # the password form, not the story
    assert b"Hidden story about deploys" not in employee_client.get(hidden.url).content
    restriction.delete()
    assert len(titles(employee_client.get(stories_index.url))) == 2


def test_group_restricted_stories_only_reach_that_group(client, stories_index, culture_member):
    from django.contrib.auth.models import Group

    story(parent=stories_index, title="For everyone")
    secret = story(parent=stories_index, title="Culture team only")
    restriction = PageViewRestriction.objects.create(
        page=secret, restriction_type=PageViewRestriction.GROUPS
    )
    restriction.groups.add(Group.objects.get(name="Culture team"))
    reader = UserFactory(username="reader")
    client.force_login(reader)
    assert titles(client.get(stories_index.url)) == ["For everyone"]
    client.force_login(culture_member)
    assert sorted(titles(client.get(stories_index.url))) == ["Culture team only", "For everyone"]


# Tags --------------------------------------------------------------------------------------


def test_tags_are_links_and_a_tag_page_lists_its_stories(employee_client, stories_index):
    tagged = story(parent=stories_index, title="Refund sent twice", tags=["payments", "email"])
    story(parent=stories_index, title="Posters", tags=["print"])
    index_html = employee_client.get(stories_index.url).content.decode()
    assert f'href="{stories_index.url}tag/payments/"' in index_html
    story_html = employee_client.get(tagged.url).content.decode()
    assert f'href="{stories_index.url}tag/payments/" rel="tag">payments</a>' in story_html

    page = employee_client.get(stories_index.url + "tag/payments/")
    assert page.status_code == 200
    assert titles(page) == ["Refund sent twice"]
    html = page.content.decode()
    assert "<h1>Stories tagged “payments”</h1>" in html
    assert 'id="filter-tag"' not in html  # the tag is in the address, not a choice
    assert "?tag=payments#feeds" in html
    assert titles(employee_client.get(stories_index.url + "tag/payments/?size=huge")) == []
    assert employee_client.get(stories_index.url + "tag/no-such-tag/").status_code == 404


# The story page ----------------------------------------------------------------------------


def test_story_page_shows_every_part(employee_client, stories_index, other_employee):
    earlier = story(parent=stories_index, title="The first time")
    team = TeamFactory(name="Support")
    series = SeriesFactory(name="I screw up so you don't have to")
    today = timezone.localdate()
    page = story(
        parent=stories_index,
        title="A test email went to every customer",
        summary="A test send used the live list.",
        author=other_employee,
        happened_on=month(2024, 3),
        team=team,
        series=series,
        part=StoryPage.Part.RECEIVED,
        size=StoryPage.Size.LARGE,
        tags=["email"],
        what_happened="<p>We were testing a newsletter.</p>",
        who_was_affected="<p>About 40,000 customers.</p>",
        own_it="<p>We said so within the hour.</p>",
        make_it_right="<p>We wrote to everyone.</p>",
        learn_and_prevent="<p>Test sends now use a separate account.</p>",
        lessons=["Test with test data", "Make the dangerous button look dangerous"],
        actions=[
            {"description": "Separate account", "owner": "Marketing ops", "due_date": today},
            {
                "description": "Review the send screen",
                "owner": "Design",
                "due_date": today - datetime.timedelta(days=3),
            },
            {
                "description": "Write the checklist",
                "owner": "Marketing",
                "due_date": today - datetime.timedelta(days=3),
                "status": CorrectiveAction.Status.DONE,
            },
        ],
        questions=["Where could this happen to us?"],
        good_for_meetings=True,
        repeat_of=earlier,
    )
    response = employee_client.get(page.url)
    assert response.status_code == 200
    html = response.content.decode()
    for text in (
        '<h1 id="story-title">A test email went to every customer</h1>',
        "A test send used the live list.",
        "Sam Okafor",
        "March 2024",
        "Support",
        "I was on the receiving end",
        "Large",
        "I screw up so you don&#x27;t have to",
        "We were testing a newsletter.",
        "About 40,000 customers.",
        "Own it</h3>",
        "Make it right</h3>",
        "Learn and prevent</h3>",
        "step step--own",
        "step step--right",
        "step step--learn",
        "We said so within the hour.",
        '<span class="lesson__label">Lesson 1</span> <span class="lesson__text">Test with test data',
        '<span class="lesson__label">Lesson 2</span>',
        "Marketing ops",
        "Where could this happen to us?",
        "Good for meetings",
        'This mistake happened before: <a href="/stories/the-first-time/">The first time</a>',
    ):
        assert text in html, text
    # Overdue: open and past its date. Done is never overdue, nor is an action due today.
    assert html.count("Open · overdue") == 1
    assert re.search(r"Review the send screen.*?Open · overdue", html, re.S)
    assert html.count('class="action action--overdue"') == 1
    # The earlier story links forward.
    later_html = employee_client.get(earlier.url).content.decode()
    assert "It happened again later" in later_html
    assert f'href="{page.url}">A test email went to every customer</a>' in later_html


def test_related_stories_put_shared_tags_first_then_similar_words(employee_client, stories_index):
    page = story(
        parent=stories_index,
        title="Invoice emailed with stale prices",
        tags=["email", "clients", "billing"],
    )
    two_tags = story(
        parent=stories_index, title="Quote to wrong address", tags=["email", "clients"]
    )
    one_tag = story(parent=stories_index, title="Newsletter typo", tags=["email"])
    similar = story(parent=stories_index, title="Invoice with old prices", tags=["pricing"])
    story(
        parent=stories_index,
        title="Unrelated outage",
        tags=["servers"],
        what_happened="<p>A disk filled up overnight.</p>",
    )

    html = employee_client.get(page.url).content.decode()
    related = html.split('id="related-stories"', 1)[1]
    assert (
        related.index(two_tags.title) < related.index(one_tag.title) < related.index(similar.title)
    )
    assert "Unrelated outage" not in related
    assert page.title not in related


def test_happened_again_links_leave_out_stories_the_reader_may_not_see(
    employee_client, stories_index
):
    earlier = story(parent=stories_index, title="The first time")
    later = story(parent=stories_index, title="Again", repeat_of=earlier)
    PageViewRestriction.objects.create(
        page=later, restriction_type=PageViewRestriction.PASSWORD, password="x"
    )
    html = employee_client.get(earlier.url).content.decode()
    assert "Happened again" not in html


def test_draft_story_is_not_served(employee_client, stories_index):
    draft = StoryPageFactory(parent=stories_index, title="Not yet", live=False)
    assert employee_client.get(f"{stories_index.url}{draft.slug}/").status_code == 404
    assert employee_client.get(f"{stories_index.url}no-such-story/").status_code == 404


# "I learned from this" ---------------------------------------------------------------------


def test_i_learned_from_this_toggles_and_counts(client, employee, other_employee, stories_index):
    page = story(parent=stories_index, title="Posters")
    url = reverse("stories:learned", args=[page.pk])
    client.force_login(employee)
    html = client.get(page.url).content.decode()
    assert f'action="{url}"' in html
    assert 'name="learned" value="1"' in html and 'aria-pressed="false"' in html
    assert "Be the first" in html

    response = client.post(url, {"learned": "1"})
    assert response.status_code == 302 and response["Location"] == page.url + "#learned"
    client.post(url, {"learned": "1"})  # a double submit changes nothing
    assert LearnedFromThis.objects.filter(story=page).count() == 1
    html = client.get(page.url).content.decode()
    assert 'aria-pressed="true"' in html and "You learned from this" in html
    assert "1 person learned from this." in html
    assert 'name="learned" value="0"' in html

    other = Client()
    other.force_login(other_employee)
    other_html = other.get(page.url).content.decode()
    assert 'aria-pressed="false"' in other_html, "one reader's state never reaches another"
    assert "1 person learned from this." in other_html
    other.post(url, {"learned": "1"})
    assert "2 people learned from this." in client.get(page.url).content.decode()
    assert "2 learned from this" in client.get(stories_index.url).content.decode()

    client.post(url, {"learned": "0"})  # taken back
    assert not LearnedFromThis.objects.filter(story=page, user=employee).exists()
    html = client.get(page.url).content.decode()
    assert 'aria-pressed="false"' in html and "1 person learned from this." in html


def test_i_learned_from_this_answers_json_for_the_script(employee_client, stories_index):
    page = story(parent=stories_index, title="Posters")
    url = reverse("stories:learned", args=[page.pk])
    response = employee_client.post(url, {"learned": "1"}, headers={"Accept": "application/json"})
    assert json.loads(response.content) == {
        "learned": True,
        "count": 1,
        "label": "✓ You learned from this",
        "count_text": "1 person learned from this.",
    }
    response = employee_client.post(url, {"learned": "0"}, headers={"Accept": "application/json"})
    assert json.loads(response.content) == {
        "learned": False,
        "count": 0,
        "label": "I learned from this",
        "count_text": "Be the first to say you learned from this.",
    }


def test_i_learned_from_this_needs_post_csrf_and_a_visible_story(employee, stories_index):
    page = story(parent=stories_index, title="Posters")
    url = reverse("stories:learned", args=[page.pk])
    client = Client(enforce_csrf_checks=True)
    client.force_login(employee)
    assert client.get(url).status_code == 405
    assert client.post(url, {"learned": "1"}).status_code == 403
    assert not LearnedFromThis.objects.exists()

    draft = StoryPageFactory(parent=stories_index, live=False)
    relaxed = Client()
    relaxed.force_login(employee)
    assert relaxed.post(reverse("stories:learned", args=[draft.pk])).status_code == 404
    assert relaxed.post(reverse("stories:learned", args=[999999])).status_code == 404
    assert not LearnedFromThis.objects.exists()


def test_there_are_no_negative_reactions(employee_client, stories_index):
    page = story(parent=stories_index, title="Posters")
    html = employee_client.get(page.url).content.decode()
    assert html.count("data-learned-form") == 1
    assert html.count('method="post"') == 2  # "I learned from this", and signing out
    for word in ("dislike", "downvote", "thumbs down", "not helpful"):
        assert word not in html.lower()


# Menu and home page ------------------------------------------------------------------------


def test_menu_links_to_the_stories_index(employee_client, stories_index):
    html = employee_client.get(stories_index.url).content.decode()
    assert f'<a href="{stories_index.url}" aria-current="page">Stories</a>' in html
    html = employee_client.get("/").content.decode()
    assert f'<a href="{stories_index.url}">Stories</a>' in html


def test_home_page_shows_the_five_latest_stories(employee_client, stories_index):
    seed(stories_index, 7)
    html = employee_client.get("/").content.decode()
    assert "Latest stories" in html
    panel = html.split('id="latest-stories-heading"', 1)[1].split("</section>", 1)[0]
    assert re.findall(r">(Seeded story \d+)</a>", panel) == [
        f"Seeded story {n}" for n in (6, 5, 4, 3, 2)
    ]
    assert f'href="{stories_index.url}">All stories →</a>' in panel


def test_home_page_without_stories_says_so(employee_client, home_page):
    html = employee_client.get("/").content.decode()
    assert "No stories have been published yet." in html


def test_previews_render_drafts_without_caching_them(rf, employee_client, moderator, stories_index):
    live = story(parent=stories_index, title="Live title", tags=["email"])
    draft = live.get_latest_revision_as_object()
    draft.title = "Draft title"
    request = rf.get("/")
    request.user = moderator
    response = draft.make_preview_request(request)
    response.render()
    html = response.content.decode()
    assert "Draft title" in html
    assert "data-learned-form" not in html  # no reactions to a draft
    assert "Draft title" not in employee_client.get(live.url).content.decode()

    new = StoryPage(title="Brand new", slug="brand-new", summary="New", what_happened="<p>x</p>")
    stories_index.add_child(
        instance=StoryPage(title="Other", slug="other", summary="o", what_happened="<p>y</p>")
    )
    response = new.make_preview_request(request)
    response.render()
    html = response.content.decode()
    assert "Brand new" in html
    assert "Happened again" not in html and "Other" not in html
