"""A draft is its author's alone until they submit it: nobody else opens, previews, publishes,
deletes or finds it anywhere in the admin. Checked through the real admin views as each role."""

import re

import pytest
from django.urls import reverse
from wagtail.models import Page

from home.roles import CULTURE_TEAM, MODERATORS, TEAM_LEADS, sync_roles
from stories.models import StoryPage

from . import sharing_support
from .sharing_support import client_for, only_story, revisions_of, story_form

stories_index = sharing_support.stories_index

pytestmark = pytest.mark.django_db

SECRET_TITLE = "Quiet draft about the Zanzibar merger"
SECRET_WORD = "Zanzibar"  # searched for; pages echo the query, so the title is what must not show


@pytest.fixture
def private_draft(employee_client, stories_index, role_users):
    sync_roles()
    response = employee_client.post(
        reverse("stories:share"),
        story_form(save="1", title=SECRET_TITLE, summary=f"{SECRET_WORD} went wrong quietly."),
    )
    assert response.status_code == 302
    story = only_story()
    assert not story.live
    return story


def reading_urls(story):
    revision = revisions_of(story).first()
    return [
        "/admin/",
        reverse("wagtailadmin_explore", args=[story.get_parent().pk]),
        reverse("wagtailadmin_explore_results", args=[story.get_parent().pk]),
        reverse("wagtailadmin_pages:edit", args=[story.pk]),
        reverse("wagtailadmin_pages:view_draft", args=[story.pk]),
        reverse("wagtailadmin_pages:history", args=[story.pk]),
        reverse("wagtailadmin_pages:revisions_index", args=[story.pk]),
        reverse("wagtailadmin_pages:revisions_view", args=[story.pk, revision.pk]),
        reverse("wagtailadmin_pages:revisions_revert", args=[story.pk, revision.pk]),
        reverse("wagtailadmin_pages:workflow_history", args=[story.pk]),
        reverse("wagtailadmin_pages:usage", args=[story.pk]),
        reverse("wagtailadmin_pages:delete", args=[story.pk]),
        reverse("wagtailadmin_pages:copy", args=[story.pk]),
        reverse("wagtailadmin_pages:move", args=[story.pk]),
        reverse("wagtailadmin_pages:set_privacy", args=[story.pk]),
        reverse("wagtailadmin_pages:search_results") + f"?q={SECRET_WORD}",
        reverse("wagtailadmin_pages:search") + f"?q={SECRET_WORD}",
        reverse("wagtailadmin_choose_page") + f"?q={SECRET_WORD}",
        reverse("wagtailadmin_choose_page_search") + f"?q={SECRET_WORD}",
        reverse("wagtailadmin_choose_page_child", args=[story.get_parent().pk]),
        f"/admin/api/main/pages/?child_of={story.get_parent().pk}",
        f"/admin/api/main/pages/?search={SECRET_WORD}",
        f"/admin/api/main/pages/{story.pk}/",
        reverse("wagtailadmin_reports:site_history"),
        reverse("wagtailadmin_reports:site_history_results"),
        reverse("wagtailadmin_reports:workflow"),
        reverse("wagtailadmin_reports:workflow_tasks"),
        reverse("wagtailadmin_reports:aging_pages"),
        reverse("wagtailadmin_reports:locked_pages"),
        reverse("wagtailadmin_reports:page_types_usage"),
        reverse("wagtailadmin_reports:site_history") + "?export=csv",
        reverse("wagtailadmin_reports:page_types_usage") + "?export=csv",
    ]


@pytest.mark.parametrize("role", [MODERATORS, TEAM_LEADS, CULTURE_TEAM])
def test_nobody_in_the_admin_finds_or_opens_a_private_draft(private_draft, role_users, role):
    client = client_for(role_users[role])
    for url in reading_urls(private_draft):
        response = client.get(url)
        body = b"".join(response) if response.streaming else response.content
        assert SECRET_TITLE.encode() not in body, (role, url, response.status_code)
        assert b"went wrong quietly" not in body, (role, url, response.status_code)
        if f"/{private_draft.pk}/" in url and "/api/" not in url:
            # The page's own admin views refuse outright (Wagtail answers 302 to the dashboard
            # with a "permission denied" message, or 403).
            assert response.status_code in (302, 403), (role, url, response.status_code)


@pytest.mark.parametrize("role", [MODERATORS, TEAM_LEADS, CULTURE_TEAM])
def test_nobody_publishes_previews_deletes_or_moves_a_private_draft(
    private_draft, role_users, role, home_page
):
    client = client_for(role_users[role])
    story = private_draft
    edit = reverse("wagtailadmin_pages:edit", args=[story.pk])
    form = {"title": "Hijacked", "slug": story.slug, "summary": "x", "action-publish": "1"}
    attempts = [
        (edit, form),
        (reverse("wagtailadmin_pages:preview_on_edit", args=[story.pk]), form),
        (reverse("wagtailadmin_pages:delete", args=[story.pk]), {}),
        (
            reverse("wagtailadmin_pages:copy", args=[story.pk]),
            {"new_title": "Copy", "new_slug": "copy", "new_parent_page": home_page.pk},
        ),
        (reverse("wagtailadmin_pages:move_confirm", args=[story.pk, home_page.pk]), {}),
        (reverse("wagtailadmin_pages:lock", args=[story.pk]), {}),
        (reverse("wagtailadmin_pages:set_privacy", args=[story.pk]), {"restriction_type": "login"}),
        (
            reverse("wagtail_bulk_action", args=["wagtailcore", "page", "publish"])
            + f"?id={story.pk}",
            {},
        ),
        (
            reverse("wagtail_bulk_action", args=["wagtailcore", "page", "delete"])
            + f"?id={story.pk}",
            {},
        ),
    ]
    for url, data in attempts:
        response = client.post(url, data)
        assert SECRET_TITLE.encode() not in response.content, (role, url)
    story = StoryPage.objects.get(pk=story.pk)
    assert story.title == SECRET_TITLE and not story.live and story.locked is False
    assert story.get_parent().specific_class.__name__ == "StoriesIndexPage"
    assert not story.get_view_restrictions().exists()
    assert Page.objects.filter(title="Copy").count() == 0
    assert revisions_of(story).count() == 1


def test_the_draft_becomes_reviewable_once_submitted(private_draft, employee_client, moderator):
    client = client_for(moderator)
    edit = reverse("wagtailadmin_pages:edit", args=[private_draft.pk])
    assert client.get(edit).status_code == 302
    employee_client.post(
        reverse("stories:edit", args=[private_draft.pk]),
        story_form(submit="1", title=SECRET_TITLE),
    )
    assert client.get(edit).status_code == 200
    found = client.get(reverse("wagtailadmin_pages:search_results") + f"?q={SECRET_WORD}")
    assert SECRET_TITLE.encode() in found.content
    # Saving a draft again takes it back out of review, and out of sight.
    employee_client.post(
        reverse("stories:edit", args=[private_draft.pk]), story_form(save="1", title=SECRET_TITLE)
    )
    assert client.get(edit).status_code == 302


def test_a_superuser_still_sees_private_drafts(private_draft, superuser):
    """Superusers are outside the rule, as docs/security.md says."""
    client = client_for(superuser)
    assert (
        client.get(reverse("wagtailadmin_pages:edit", args=[private_draft.pk])).status_code == 200
    )


def test_the_page_types_report_at_its_own_address_keeps_the_admins_sign_in(client, home_page):
    response = client.get(reverse("wagtailadmin_reports:page_types_usage"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("wagtailadmin_login"))


def test_the_dashboard_page_count_leaves_private_drafts_out(
    private_draft, moderator, employee_client
):
    def count():
        html = client_for(moderator).get("/admin/").content.decode()
        return int(re.search(r"(\d+) Pages?", html).group(1))

    assert count() == 1  # the stories index, which is the moderator's explorable root
    employee_client.post(
        reverse("stories:edit", args=[private_draft.pk]), story_form(submit="1", title=SECRET_TITLE)
    )
    assert count() == 2
