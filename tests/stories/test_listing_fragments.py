"""Writes cost only what they change: a mark retires nothing cached, a publish only the listings
that can hold the story, and an evicted version retires, never revives (home.fragment_versions).

"Warm" here is measured as the SQL a request sends: a page whose fragments all hit sends only
what is asked live on every request (session, user, routing, view restrictions, counts).
"""

import pytest
from django.core.cache import cache

from home import fragment_versions

from . import reading_support
from .reading_support import count_queries, publish, story

empty_cache = reading_support.empty_cache
stories_index = reading_support.stories_index

pytestmark = pytest.mark.django_db


def warm(client, url):
    client.get(url)
    queries, _ = count_queries(client, url)
    return queries


def mark(client, target, learned=True):
    response = client.post(
        f"/stories/{target.pk}/learned/",
        {"learned": "1" if learned else "0"},
        HTTP_ACCEPT="application/json",
    )
    assert response.status_code == 200
    return response.json()


@pytest.fixture
def shelf(stories_index):
    """Thirty stories: the newest tagged "billing", one old one tagged "email"."""
    old = story(parent=stories_index, title="An old email story", tags=["email"])
    others = [
        story(parent=stories_index, title=f"Billing story {n}", tags=["billing"]) for n in range(30)
    ]
    return old, others


def test_a_mark_changes_the_count_where_the_story_is_shown_and_nothing_else(
    employee_client, other_employee, stories_index, shelf
):
    from django.test import Client

    old, others = shelf
    newest = others[-1]
    marker = Client()
    marker.force_login(other_employee)
    first_page, second_page = stories_index.url, stories_index.url + "?page=2"
    tag_page = stories_index.url + "tag/email/"
    before = {url: warm(employee_client, url) for url in (first_page, second_page, tag_page)}

    assert mark(marker, newest).items() >= {"learned": True, "count": 1}.items()

    # The story's own listing shows the new count at once (its cards are rendered again)...
    html = employee_client.get(first_page).content.decode()
    assert "1 learned from this" in html
    assert "1 person learned from this." in employee_client.get(newest.url).content.decode()
    # ...and listings without it kept every fragment: the same queries as when warm.
    assert count_queries(employee_client, second_page)[0] == before[second_page]
    assert count_queries(employee_client, tag_page)[0] == before[tag_page]
    # Once rendered again, the first page is as cheap as before the mark.
    assert count_queries(employee_client, first_page)[0] == before[first_page]

    assert mark(marker, newest, learned=False).items() >= {"learned": False, "count": 0}.items()
    assert "learned from this" not in employee_client.get(first_page).content.decode()


def test_a_publish_retires_the_listings_that_can_hold_the_story_only(
    employee_client, stories_index, shelf
):
    index, tag_page = stories_index.url, stories_index.url + "tag/email/"
    warm_tag_page = warm(employee_client, tag_page)
    warm(employee_client, index)
    billing_before = fragment_versions.version("tag:billing")

    story(parent=stories_index, title="A new billing story", tags=["billing"])

    assert "A new billing story" in employee_client.get(index).content.decode()
    assert fragment_versions.version("tag:billing") != billing_before
    # The "email" tag page cannot hold the new story: nothing of it was retired.
    assert count_queries(employee_client, tag_page)[0] == warm_tag_page
    assert "A new billing story" not in employee_client.get(tag_page).content.decode()


def test_a_story_that_gains_or_loses_a_tag_moves_between_tag_pages(
    employee_client, stories_index, shelf, moderator
):
    old, _ = shelf
    email, billing = stories_index.url + "tag/email/", stories_index.url + "tag/billing/"
    for url in (email, billing):
        warm(employee_client, url)

    old.tags.set(["billing"])
    publish(old, user=moderator)

    assert "31 stories" in employee_client.get(billing).content.decode()
    assert old.title in employee_client.get(billing + "?page=2").content.decode()
    assert employee_client.get(email).status_code == 404  # no story carries "email" any more


def test_an_evicted_version_is_replaced_by_a_new_one_never_an_old_one():
    first = fragment_versions.version("stories")
    assert fragment_versions.version("stories") == first
    fragment_versions.retire("stories")
    second = fragment_versions.version("stories")
    assert second != first
    cache.delete(fragment_versions.PREFIX + "stories")  # evicted, as a full cache would
    assert fragment_versions.version("stories") not in (first, second)


def test_a_remembered_value_follows_the_versions_in_its_key():
    built = []

    def build():
        built.append(1)
        return len(built)

    key = lambda: ("test", fragment_versions.version("stories"))  # noqa: E731
    assert fragment_versions.remember(key(), build) == 1
    assert fragment_versions.remember(key(), build) == 1
    fragment_versions.retire("stories")
    assert fragment_versions.remember(key(), build) == 2


# Filter choices ------------------------------------------------------------------------------


def tag_choices(client, url):
    """The tag slugs the filter form offers on `url`."""
    form = client.get(url).context["listing"].form
    return [slug for slug, _ in form.fields["tag"].choices if slug]


def test_a_publish_keeps_the_filter_choices_unless_it_brings_a_new_value(
    employee_client, stories_index, shelf
):
    index = stories_index.url
    assert tag_choices(employee_client, index) == ["billing", "email"]
    choices_version = fragment_versions.version("filter_choices")

    story(parent=stories_index, title="Another billing story", tags=["billing"])
    assert fragment_versions.version("filter_choices") == choices_version

    story(parent=stories_index, title="A first printing story", tags=["print"])
    assert fragment_versions.version("filter_choices") != choices_version
    assert tag_choices(employee_client, index) == ["billing", "email", "print"]


def test_the_last_story_with_a_value_going_away_takes_its_choice(
    employee_client, stories_index, shelf, moderator
):
    old, _ = shelf
    assert "email" in tag_choices(employee_client, stories_index.url)

    old.unpublish(user=moderator)

    assert tag_choices(employee_client, stories_index.url) == ["billing"]


def test_a_tag_taken_off_its_last_story_leaves_the_choices(
    employee_client, stories_index, shelf, moderator
):
    old, _ = shelf
    assert "email" in tag_choices(employee_client, stories_index.url)

    old.tags.set(["billing"])
    publish(old, user=moderator)

    assert tag_choices(employee_client, stories_index.url) == ["billing"]


def test_a_restricted_story_s_values_are_offered_only_to_readers_who_may_see_it(
    employee_client, culture_member, stories_index, shelf
):
    from django.contrib.auth.models import Group
    from django.test import Client
    from wagtail.models import PageViewRestriction

    culture_client = Client()
    culture_client.force_login(culture_member)
    secret = story(parent=stories_index, title="Culture team only", tags=["payroll"])
    assert "payroll" in tag_choices(employee_client, stories_index.url)

    restriction = PageViewRestriction.objects.create(
        page=secret, restriction_type=PageViewRestriction.GROUPS
    )
    restriction.groups.add(Group.objects.get(name="Culture team"))

    assert "payroll" not in tag_choices(employee_client, stories_index.url)
    assert "payroll" in tag_choices(culture_client, stories_index.url)
