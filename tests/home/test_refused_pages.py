"""A refused reader gets a refusal: a 403 page in the site's style, never a sign-in loop.

Pages and documents are restricted the way the Culture team does it (a "groups" view
restriction on a page of the real tree, or on a collection), then opened as an outsider, a
member of the group, a superuser and a signed-out visitor.
"""

import json

import pytest
from django.contrib.auth.models import Group
from django.core.files.base import ContentFile
from django.urls import reverse
from wagtail.documents.models import Document
from wagtail.models import Collection, CollectionViewRestriction, PageViewRestriction

from home.roles import CULTURE_TEAM
from stories.factories import StoriesIndexPageFactory, StoryPageFactory

pytestmark = pytest.mark.django_db

REFUSED = "You do not have access to this page"
TITLE = "The pay review went to the whole company"


@pytest.fixture
def stories_index(home_page):
    return StoriesIndexPageFactory(parent=home_page)


@pytest.fixture
def story(stories_index):
    return StoryPageFactory(parent=stories_index, title=TITLE, slug="pay-review")


@pytest.fixture
def culture_group(culture_member):
    return Group.objects.get(name=CULTURE_TEAM)


def restrict(page, *groups):
    restriction = PageViewRestriction.objects.create(
        page=page, restriction_type=PageViewRestriction.GROUPS
    )
    restriction.groups.set(groups)
    return restriction


def assert_refused(response, heading=REFUSED):
    """A 403 in the site's own layout that says so, names nothing it refused and is not kept."""
    assert response.status_code == 403
    html = response.content.decode()
    assert f"<h1>{heading}</h1>" in html
    assert '<main id="main"' in html and 'class="site-header"' in html
    assert "ask the Culture team" in html and 'href="/"' in html
    assert TITLE not in html
    assert "no-cache" in response["Cache-Control"] and "private" in response["Cache-Control"]


def test_outsider_of_a_group_restricted_story_gets_403_without_a_redirect(
    employee_client, employee, story, culture_group
):
    restrict(story, culture_group)
    response = employee_client.get(story.url)
    assert_refused(response)
    assert "403.html" in [template.name for template in response.templates]
    assert "Erin Walsh" in response.content.decode()  # "You are signed in as …"


def test_following_redirects_never_loops(employee_client, story, culture_group):
    restrict(story, culture_group)
    response = employee_client.get(story.url, follow=True)
    assert response.redirect_chain == []
    assert_refused(response)


def test_member_of_the_group_and_superuser_read_it(client, culture_member, superuser, story):
    restrict(story, Group.objects.get(name=CULTURE_TEAM))
    for user in (culture_member, superuser):
        client.force_login(user)
        response = client.get(story.url)
        assert response.status_code == 200, user
        assert TITLE in response.content.decode()


def test_signed_out_visitor_goes_to_sign_in_once(client, story, culture_group):
    restrict(story, culture_group)
    response = client.get(story.url)
    assert response.status_code == 302
    assert response["Location"] == f"{reverse('login')}?next={story.url}"
    followed = client.get(story.url, follow=True)
    assert len(followed.redirect_chain) <= 1
    assert followed.status_code == 200
    assert followed.templates[0].name == "registration/login.html"


def test_sign_in_page_does_not_send_a_signed_in_reader_back(employee_client, story, culture_group):
    restrict(story, culture_group)
    response = employee_client.get(reverse("login"), {"next": story.url}, follow=True)
    assert response.redirect_chain == []
    assert response.status_code == 200
    assert response.templates[0].name == "registration/login.html"


def test_restriction_on_the_stories_index_refuses_the_section_and_its_stories(
    employee_client, stories_index, story, culture_group
):
    restrict(stories_index, culture_group)
    for url in (stories_index.url, story.url, f"{stories_index.url}tag/email/"):
        assert_refused(employee_client.get(url))


def test_restriction_set_in_the_admin_applies_at_once_to_a_story_already_read(
    client, employee, superuser, story, culture_group
):
    """The story's route row is cached after the first read; the new restriction still counts."""
    client.force_login(employee)
    assert client.get(story.url).status_code == 200
    assert client.get(story.url).status_code == 200  # now served from the cached route row

    client.force_login(superuser)
    response = client.post(
        reverse("wagtailadmin_pages:set_privacy", args=[story.pk]),
        {"restriction_type": "groups", "groups": [culture_group.pk]},
    )
    assert json.loads(response.content)["step"] == "set_privacy_done"

    client.force_login(employee)
    assert_refused(client.get(story.url))


def test_a_restriction_no_cache_was_told_about_still_applies(
    client, employee, story, culture_group
):
    """Another worker adds the restriction: no signal reaches this process's cache (bulk_create
    sends none), and the story's cached route row must not decide access."""
    client.force_login(employee)
    assert client.get(story.url).status_code == 200
    assert client.get(story.url).status_code == 200  # the route row is cached now
    restriction = PageViewRestriction(page=story, restriction_type=PageViewRestriction.GROUPS)
    PageViewRestriction.objects.bulk_create([restriction])
    through = PageViewRestriction.groups.through
    through.objects.bulk_create(
        [
            through(
                pageviewrestriction=PageViewRestriction.objects.get(page=story), group=culture_group
            )
        ]
    )
    assert_refused(client.get(story.url))


def test_a_listing_hides_a_story_as_soon_as_it_is_restricted(
    client, employee, story, culture_group
):
    """The stories index is cached per set of failed restrictions; the set is read afresh."""
    client.force_login(employee)
    index_url = story.get_parent().url
    assert story.title in client.get(index_url).content.decode()
    restriction = PageViewRestriction(page=story, restriction_type=PageViewRestriction.GROUPS)
    PageViewRestriction.objects.bulk_create([restriction])
    assert story.title not in client.get(index_url).content.decode()


def test_login_restriction_lets_every_signed_in_reader_in(client, employee, story):
    PageViewRestriction.objects.create(page=story, restriction_type=PageViewRestriction.LOGIN)
    assert client.get(story.url)["Location"].startswith(reverse("login"))
    client.force_login(employee)
    assert client.get(story.url).status_code == 200


def test_password_restriction_keeps_wagtails_password_form(employee_client, story):
    PageViewRestriction.objects.create(
        page=story, restriction_type=PageViewRestriction.PASSWORD, password="owl"
    )
    response = employee_client.get(story.url)
    assert response.status_code == 200
    assert "password" in response.content.decode().lower()
    assert TITLE not in response.content.decode()


def test_someone_elses_draft_stays_a_404(employee_client, stories_index, other_employee):
    draft = StoryPageFactory(
        parent=stories_index, title="Not yet", slug="not-yet", live=False, author=other_employee
    )
    assert employee_client.get(f"{stories_index.url}{draft.slug}/").status_code == 404


# Documents in a restricted collection ------------------------------------------------------


@pytest.fixture
def culture_only_document(culture_group):
    collection = Collection.get_first_root_node().add_child(name="Culture team only")
    restriction = CollectionViewRestriction.objects.create(
        collection=collection, restriction_type=CollectionViewRestriction.GROUPS
    )
    restriction.groups.add(culture_group)
    return Document.objects.create(
        title="Pay review", collection=collection, file=ContentFile(b"salaries", name="pay.txt")
    )


def test_outsider_gets_403_for_a_restricted_document(employee_client, culture_only_document):
    response = employee_client.get(culture_only_document.url, follow=True)
    assert response.redirect_chain == []
    assert_refused(response, heading="You do not have access to this document")
    assert b"salaries" not in response.content


def test_member_downloads_the_document_and_signed_out_visitor_signs_in(
    client, culture_member, culture_only_document
):
    response = client.get(culture_only_document.url)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))

    client.force_login(culture_member)
    response = client.get(culture_only_document.url)
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == b"salaries"
