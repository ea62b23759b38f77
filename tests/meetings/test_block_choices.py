"""A pack's blocks take only what their choosers offer a team lead (issue 10).

The quote chooser offers live quotes and the page chooser published stories, but a block's value
is an id in the posted form. Here a lead posts ids by hand through the real page editor: a quote
that is not live yet, a draft, a story in review and an unpublished story are refused next to the
item, nothing is saved, and the refused object is not echoed back. A pack that already holds a
future quote (a revision saved before the rule) never shows it, in the editor, the revisions,
the page or its exports, and keeps it for when it goes live.
"""

import datetime
import re

import pytest
from django.urls import reverse
from wagtail.models import Page

from culture.meetings.blocks import QUOTE_NOT_LIVE_MESSAGE, STORY_NOT_PUBLISHED_MESSAGE
from culture.meetings.factories import open_round_item, quote_item
from culture.meetings.models import MeetingPackPage
from culture.quotes.factories import QuoteFactory
from culture.quotes.schedule import live_week
from stories.models import StoryPage
from tests.stories.sharing_support import client_for, revisions_of, story_form

from .test_building import pack_form, round_item
from .test_exports import parse_ics, pdf_text

pytestmark = pytest.mark.django_db

SECRET_QUOTE = "Next week's secret quote about second chances."
SECRET_TITLE = "The merger nobody may know about yet"
NEVER_USED_ID = 987654


@pytest.fixture
def future_quote(db):
    return QuoteFactory(
        text=SECRET_QUOTE, author="Ada Future", week=live_week() + datetime.timedelta(days=7)
    )


@pytest.fixture
def lead_client(lead):
    return client_for(lead)


def edit_url(pack):
    return reverse("wagtailadmin_pages:edit", args=[pack.pk])


def quote_block(quote_id, minutes=2):
    return ("opening_quote", {"quote": quote_id, "minutes": minutes})


def story_id_block(story_id):
    return ("story", {"story": story_id, "minutes": 15, "questions": {"count": 0}})


def post_agenda(client, pack, agenda):
    return client.post(edit_url(pack), pack_form(pack.team, agenda, slug=pack.slug))


def agenda_state(html):
    """The agenda as the editor re-renders it (the StreamField's form state and errors)."""
    match = re.search(r'data-w-block-arguments-value="([^"]*)"', html)
    assert match, "no StreamField in the editor"
    return match.group(1)


def shared_story(employee, **fields):
    """A story made by its author on the share form (never through a factory's publish)."""
    client_for(employee).post(reverse("stories:share"), story_form(title=SECRET_TITLE, **fields))
    return StoryPage.objects.get(title=SECRET_TITLE)


# --- Quotes --------------------------------------------------------------------------------


@pytest.mark.parametrize("week", ["next", "unscheduled"])
def test_a_quote_not_live_yet_is_refused_and_not_echoed(lead_client, pack, week):
    quote = QuoteFactory(
        text=SECRET_QUOTE,
        author="Ada Future",
        week=live_week() + datetime.timedelta(days=7) if week == "next" else None,
    )
    revisions = revisions_of(pack).count()
    response = post_agenda(lead_client, pack, [quote_block(quote.pk), round_item(10)])
    assert response.status_code == 200
    html = response.content.decode()
    assert str(QUOTE_NOT_LIVE_MESSAGE) in html
    assert "secret quote" not in html and "Ada Future" not in html
    assert revisions_of(pack).count() == revisions
    pack.refresh_from_db()
    assert pack.agenda[0].value["quote"].text == "Mistakes are the portals of discovery."


def test_a_future_quote_is_answered_like_an_id_never_used(lead_client, pack, future_quote):
    future = post_agenda(lead_client, pack, [quote_block(future_quote.pk)])
    unknown = post_agenda(lead_client, pack, [quote_block(NEVER_USED_ID)])
    assert str(QUOTE_NOT_LIVE_MESSAGE) in future.content.decode()
    state = agenda_state(future.content.decode())
    # The same form state and error for both; only each item's fresh id differs.
    strip_ids = re.compile(r"&quot;id&quot;: &quot;[0-9a-f-]+&quot;")
    assert strip_ids.sub("", state) == strip_ids.sub("", agenda_state(unknown.content.decode()))


def test_this_weeks_quote_is_accepted(lead_client, pack):
    quote = QuoteFactory(text="This week's quote.", week=live_week())
    response = post_agenda(lead_client, pack, [quote_block(quote.pk), round_item(10)])
    assert response.status_code == 302, response.content.decode()[:2000]
    draft = MeetingPackPage.objects.get(pk=pack.pk).get_latest_revision_as_object()
    assert draft.agenda[0].value["quote"] == quote


# --- Stories -------------------------------------------------------------------------------


@pytest.mark.parametrize("state", ["draft", "in review", "unpublished", "never used"])
def test_a_story_the_lead_may_not_see_is_refused_and_not_echoed(lead_client, pack, employee, state):
    if state == "never used":
        story_id = NEVER_USED_ID
    else:
        story = shared_story(employee, **({"submit": "1"} if state == "in review" else {}))
        if state == "unpublished":
            story.save_revision().publish()
            story.refresh_from_db()
            story.unpublish()
        assert not StoryPage.objects.get(pk=story.pk).live
        story_id = story.pk
    revisions = revisions_of(pack).count()
    response = post_agenda(lead_client, pack, [story_id_block(story_id)])
    assert response.status_code == 200
    html = response.content.decode()
    assert str(STORY_NOT_PUBLISHED_MESSAGE) in html
    assert SECRET_TITLE not in html
    assert revisions_of(pack).count() == revisions


def test_a_published_story_is_accepted(lead_client, pack, stories_index, employee):
    story = shared_story(employee)
    story.save_revision().publish()
    response = post_agenda(lead_client, pack, [story_id_block(story.pk), round_item(10)])
    assert response.status_code == 302, response.content.decode()[:2000]
    draft = MeetingPackPage.objects.get(pk=pack.pk).get_latest_revision_as_object()
    assert draft.agenda[0].value["story"].pk == story.pk


def test_another_page_type_is_refused_as_a_story(lead_client, pack, packs_index):
    response = post_agenda(lead_client, pack, [story_id_block(packs_index.pk)])
    assert str(STORY_NOT_PUBLISHED_MESSAGE) in response.content.decode()


# --- A pack that already holds a future quote ----------------------------------------------


@pytest.fixture
def pack_with_future_quote(make_pack, future_quote):
    """Made straight in the database, as a revision saved before the rule would hold it."""
    pack = make_pack(
        title="Support staff meeting",
        start_time=datetime.time(9, 0),
        agenda=[quote_item(future_quote), open_round_item()],
    )
    first = pack.save_revision()
    pack.title = "Support staff meeting, moved"
    second = pack.save_revision()
    return pack, first, second


def test_the_editor_and_revisions_never_show_a_future_quote(lead_client, pack_with_future_quote):
    pack, first, second = pack_with_future_quote
    urls = [
        edit_url(pack),
        reverse("wagtailadmin_pages:history", args=[pack.pk]),
        reverse("wagtailadmin_pages:revisions_view", args=[pack.pk, first.pk]),
        reverse("wagtailadmin_pages:revisions_revert", args=[pack.pk, first.pk]),
        reverse("wagtailadmin_pages:revisions_compare", args=[pack.pk, first.pk, second.pk]),
        reverse("wagtailadmin_pages:revisions_compare", args=[pack.pk, "live", "latest"]),
    ]
    for url in urls:
        response = lead_client.get(url)
        assert response.status_code == 200, url
        html = response.content.decode()
        assert "secret quote" not in html and "Ada Future" not in html, url


def test_the_page_and_exports_never_show_a_future_quote(
    lead_client, employee_client, pack_with_future_quote
):
    pack, _, _ = pack_with_future_quote
    for client in (lead_client, employee_client):
        outputs = {
            "page": client.get(pack.url).content.decode(),
            "pdf": pdf_text(client.get(pack.url + "pdf/").content)[0],
            "ics": str(parse_ics(client.get(pack.url + "calendar/").content)["DESCRIPTION"]),
            "text": client.get(pack.url + "invitation/").content.decode(),
        }
        for name, output in outputs.items():
            assert "secret quote" not in output and "Ada Future" not in output, name
        # The slot keeps its two minutes, so the times do not move when the quote goes live.
        assert "09:02  Open round" in outputs["text"]


def test_a_withheld_quote_is_kept_and_appears_once_live(
    lead_client, pack_with_future_quote, future_quote
):
    pack, _, _ = pack_with_future_quote
    # Saving the pack again without the editor (as a copy or a scheduled publish does) keeps
    # the quote's id, though nobody could read the quote meanwhile.
    page = MeetingPackPage.objects.get(pk=pack.pk)
    assert not page.agenda[0].value["quote"]
    page.save_revision().publish()
    assert Page.objects.get(pk=pack.pk).specific.agenda.raw_data[0]["value"]["quote"] == (
        future_quote.pk
    )
    future_quote.week = live_week()
    future_quote.save()
    assert "secret quote" in lead_client.get(edit_url(pack)).content.decode()
    assert "secret quote" in lead_client.get(pack.url).content.decode()
