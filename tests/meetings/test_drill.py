"""Practice drills: the situation up to the mistake on the pack, the outcome only on "Reveal"."""

import datetime
import io

import pytest
from django.urls import reverse
from django.utils import timezone
from pypdf import PdfReader
from wagtail.models import PageViewRestriction

from culture.meetings.blocks import AgendaBlock
from culture.meetings.drills import propose_situation
from culture.meetings.exports import pack_as_text, render_pdf
from culture.meetings.factories import drill_item, open_round_item, story_item
from stories.factories import StoryPageFactory

OWN_IT = "Told my manager within five minutes"
MAKE_IT_RIGHT = "Every customer got a personal apology"
PREVENT = "The send button now asks which list"
SITUATION = "I pressed Send test and the tool used the full customer list."


@pytest.fixture
def drill_story(stories_index, support):
    return StoryPageFactory(
        parent=stories_index,
        title="The test email to every customer",
        summary="A test email went to 41,000 customers.",
        team=support,
        what_happened=(
            "<p>I was checking the newsletter and pressed “Send test”. The tool remembered "
            "the full customer list.</p><p>Within a minute, 41,000 customers had the email. "
            "Support got 300 replies.</p>"
        ),
        own_it=f"<p>{OWN_IT}.</p>",
        make_it_right=f"<p>{MAKE_IT_RIGHT}.</p>",
        learn_and_prevent=f"<p>{PREVENT}.</p>",
    )


@pytest.fixture
def drill_pack(make_pack, drill_story):
    return make_pack(
        title="Drill meeting",
        meeting_date=timezone.localdate() + datetime.timedelta(days=3),
        start_time=datetime.time(9, 0),
        agenda=[open_round_item(minutes=10), drill_item(drill_story, situation=SITUATION)],
    )


def drill_id(pack):
    return next(child.id for child in pack.agenda if child.block_type == "drill")


def reveal_url(pack):
    return pack.url + pack.reverse_subpage("drill_reveal", args=[drill_id(pack)])


# --- The proposed cut -------------------------------------------------------------------------


def test_proposed_situation_stops_before_the_outcome(drill_story):
    situation = propose_situation(drill_story)
    assert situation == (
        "I was checking the newsletter and pressed “Send test”. The tool remembered the full "
        "customer list."
    )
    assert "41,000" not in situation


def test_without_an_outcome_sentence_the_last_sentence_is_left_out(stories_index):
    story = StoryPageFactory(
        parent=stories_index,
        what_happened="<p>We moved the server.</p><p>Nobody checked the backups. The disk failed.</p>",
    )
    assert propose_situation(story) == "We moved the server.\n\nNobody checked the backups."


def test_saving_an_empty_situation_fills_in_the_proposal(drill_story):
    block = AgendaBlock()
    value = block.to_python([drill_item(drill_story, situation="")])
    cleaned = block.clean(value)
    assert cleaned[0].value["situation"] == propose_situation(drill_story)
    # The lead's own text is kept as written.
    value = block.to_python([drill_item(drill_story, situation="My own words.")])
    assert block.clean(value)[0].value["situation"] == "My own words."


def test_editor_helper_proposes_the_cut_for_pack_builders_only(
    client, lead, employee, drill_story, packs_index
):
    url = reverse("meetings_admin:drill_situation", args=[drill_story.pk])
    client.force_login(lead)
    assert client.get(url).json() == {"situation": propose_situation(drill_story)}
    drill_story.unpublish()
    assert client.get(url).status_code == 404
    client.force_login(employee)
    assert client.get(url).status_code in (302, 403)


# --- The page and the reveal ------------------------------------------------------------------


def test_page_shows_the_situation_and_question_but_never_the_outcome(employee_client, drill_pack):
    html = employee_client.get(drill_pack.url).content.decode()
    assert SITUATION in html
    assert "What would you do now?" in html
    assert reveal_url(drill_pack) in html
    for outcome in (OWN_IT, MAKE_IT_RIGHT, PREVENT):
        assert outcome not in html


def test_reveal_is_fetched_from_its_own_address(employee_client, drill_pack):
    response = employee_client.get(reveal_url(drill_pack))
    assert response.status_code == 200
    html = response.content.decode()
    for outcome in (OWN_IT, MAKE_IT_RIGHT, PREVENT):
        assert outcome in html
    assert "data-drill-reveal" in html


def test_reveal_of_an_unknown_item_or_an_unpublished_story_is_not_found(
    employee_client, drill_pack, drill_story
):
    bad = drill_pack.url + drill_pack.reverse_subpage("drill_reveal", args=["nope"])
    assert employee_client.get(bad).status_code == 404
    url = reveal_url(drill_pack)
    drill_story.unpublish()
    assert employee_client.get(url).status_code == 404


def test_reveal_checks_the_pack_and_story_restrictions(client, employee, drill_pack, drill_story):
    url = reveal_url(drill_pack)
    # Not signed in: no reveal.
    assert client.get(url).status_code in (302, 403)
    # A story behind a group restriction the reader is not in stays hidden in the reveal too.
    restriction = PageViewRestriction.objects.create(
        page=drill_story, restriction_type=PageViewRestriction.GROUPS
    )
    restriction.groups.set([])
    client.force_login(employee)
    assert client.get(url).status_code == 404
    assert SITUATION not in client.get(drill_pack.url).content.decode()


def test_drill_is_timed_like_every_item(drill_pack):
    clocks = [item.value.starts_at.strftime("%H:%M") for item in drill_pack.agenda_items]
    assert clocks == ["09:00", "09:10"]
    assert drill_pack.total_minutes == 25
    assert drill_pack.planned_minutes == 25


def test_invitation_text_leaves_out_the_outcome(drill_pack):
    text = pack_as_text(drill_pack.restrict_to(None))
    assert SITUATION in text and "What would you do now?" in text
    assert OWN_IT not in text


# --- PDF --------------------------------------------------------------------------------------


def test_pdf_reveal_is_on_a_page_of_its_own_after_the_first(rf, employee, drill_pack):
    request = rf.get("/")
    request.user = employee
    reader = PdfReader(io.BytesIO(render_pdf(drill_pack.restrict_to(request), request)))
    pages = [" ".join(page.extract_text().split()) for page in reader.pages]
    assert len(pages) >= 2
    assert "What would you do now?" in pages[0]
    for outcome in (OWN_IT, MAKE_IT_RIGHT, PREVENT):
        assert outcome not in pages[0]
    reveal_pages = [number for number, text in enumerate(pages) if OWN_IT in text]
    assert reveal_pages and reveal_pages[0] >= 1
    assert "What would you do now?" not in pages[reveal_pages[0]]


def test_drill_and_story_items_on_one_pack_cost_no_extra_queries_per_item(
    employee_client, make_pack, drill_story, story, django_assert_max_num_queries
):
    # Both pages are opened for the first time (no cached fragment).
    pack = make_pack(agenda=[drill_item(drill_story), story_item(story)])
    big = make_pack(
        agenda=[drill_item(drill_story)] + [drill_item(story)] * 8 + [story_item(story)]
    )
    with django_assert_max_num_queries(40) as small_count:
        employee_client.get(pack.url)
    with django_assert_max_num_queries(len(small_count.captured_queries)):
        employee_client.get(big.url)
