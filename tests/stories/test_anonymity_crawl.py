"""A crawl of the whole site, admin and front end, as a moderator and as a team lead, for each of
the three identity choices: no response names an anonymous author (id, username, names, email).
The named choice is the control: the same search finds the name there."""

import re
from collections import deque
from urllib.parse import urljoin, urlsplit

import pytest
from django.urls import reverse

from culture.meetings.factories import (
    MeetingPackPageFactory,
    MeetingPacksIndexPageFactory,
    story_item,
)
from home.factories import UserFactory
from home.roles import sync_roles
from stories.factories import TeamFactory
from stories.models import StoryPage

from . import sharing_support
from .sharing_support import client_for, only_story, publish_when_due, story_form

stories_index = sharing_support.stories_index

pytestmark = pytest.mark.django_db

PAGES = 150
# A distinctive id, so that finding it in a page means something.
AUTHOR_ID = 987_654
SKIP = re.compile(
    r"logout|/delete/|/unpublish/|/lock/|/unlock/|/copy/|/move/|/revert/|/approve|/reject"
    r"|export|\.csv|\.ics|/pdf/|/wallpaper|/feeds?/|/media/|/documents/|/static/|/autosave"
)


def identity_of(user):
    return [
        user.username,
        user.first_name,
        user.last_name,
        user.email,
        f"/users/{user.pk}/",
        f'"{user.pk}"',
        f"={user.pk}&",
        f"user={user.pk}",
    ]


def crawl(client, starts):
    """Every page reachable from `starts` by GET links of the site, up to PAGES."""
    queue, seen, pages = deque(starts), set(), []
    while queue and len(seen) < PAGES:
        url = queue.popleft().split("#")[0]
        if url in seen or SKIP.search(url):
            continue
        seen.add(url)
        response = client.get(url)
        if response.status_code != 200 or "html" not in response.get("Content-Type", ""):
            continue
        html = response.content.decode()
        pages.append((url, html))
        for link in re.findall(r'href="([^"]+)"', html):
            link = urljoin(url, link.replace("&amp;", "&"))
            parts = urlsplit(link)
            if parts.netloc in ("", "testserver") and parts.path.startswith("/"):
                queue.append(parts.path + (f"?{parts.query}" if parts.query else ""))
    return pages


@pytest.fixture
def site_with_a_story(
    request, stories_index, moderator, team_lead, culture_member, django_capture_on_commit_callbacks
):
    """A story through the whole flow (draft, review, approval, publication), on a pack, with a
    message from the team and the author's answer; by an author with the given choice."""
    identity = request.param
    sync_roles()
    author = UserFactory(
        id=AUTHOR_ID,
        username="xq-wrangler",
        first_name="Xanthe",
        last_name="Quibblesworth",
        email="xanthe.q@example.org",
    )
    team = TeamFactory(name="Logistics")
    team.members.add(team_lead, author, *[UserFactory() for _ in range(5)])
    writer = client_for(author)
    writer.post(reverse("stories:share"), story_form(identity=identity, team=team.pk, save="1"))
    story = only_story()
    writer.post(
        reverse("stories:edit", args=[story.pk]),
        story_form(identity=identity, team=team.pk, submit="1"),
    )
    from wagtail.models import WorkflowState

    state = WorkflowState.objects.get(object_id=str(story.pk), status="in_progress")
    with django_capture_on_commit_callbacks(execute=True):
        state.current_task_state.specific.approve(user=moderator)
        story = StoryPage.objects.get(pk=story.pk)
        if not story.live:  # anonymous: at the daily publication time
            story = publish_when_due(story)
    assert story.live
    client_for(moderator).post(reverse("stories_messages", args=[story.pk]), {"text": "Thanks!"})
    if identity != "anonymous":
        writer.post(reverse("stories:messages", args=[story.pk]), {"text": "Glad to help."})
    packs = MeetingPacksIndexPageFactory(parent=stories_index.get_parent())
    MeetingPackPageFactory(parent=packs, team=team, agenda=[story_item(story)])
    return identity, author, story


@pytest.mark.parametrize("site_with_a_story", ["named", "confidential", "anonymous"], indirect=True)
@pytest.mark.parametrize("role", ["moderator", "team_lead"])
def test_no_page_names_an_anonymous_author(site_with_a_story, role, request):
    identity, author, story = site_with_a_story
    client = client_for(request.getfixturevalue(role))
    pages = crawl(client, ["/admin/", "/", story.url, f"/admin/pages/{story.pk}/edit/"])
    assert len(pages) >= 40, [url for url, _ in pages]
    assert any(story.title in html for _, html in pages)
    found = [
        (url, part)
        for url, html in pages
        for part in identity_of(author)
        if part.lower() in html.lower()
    ]
    if identity == "named":
        # The control: the byline is there, and the search finds it.
        assert any(part == "Xanthe" for _, part in found)
    else:
        assert found == []
