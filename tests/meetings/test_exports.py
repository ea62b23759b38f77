"""The pack page, PDF, calendar event and invitation text: times, content, anonymity, queries."""

import datetime
import io

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from icalendar import Calendar
from pypdf import PdfReader

from culture.meetings.exports import _url_fetcher_class, render_pdf
from culture.meetings.factories import (
    celebration_item,
    free_item,
    open_round_item,
    plan_exercise_item,
    quote_item,
    story_item,
)
from culture.meetings.models import MeetingPackPage
from culture.quotes.factories import QuoteFactory
from home import fragment_versions
from stories.factories import StoryPageFactory


def pdf_text(content):
    assert content.startswith(b"%PDF-")
    reader = PdfReader(io.BytesIO(content))
    return "\n".join(page.extract_text() for page in reader.pages), reader


def parse_ics(content):
    calendar = Calendar.from_ical(content)
    (event,) = calendar.walk("VEVENT")
    return event


# --- Time ------------------------------------------------------------------------------------


def test_clock_times_follow_the_start_time(pack):
    items = pack.agenda_items
    clocks = [timezone.localtime(item.value.starts_at).strftime("%H:%M") for item in items]
    assert clocks == ["09:00", "09:02", "09:17"]
    assert timezone.localtime(items[-1].value.ends_at).strftime("%H:%M") == "09:27"
    assert pack.total_minutes == 27
    assert timezone.localtime(pack.ends_at).time() == datetime.time(9, 27)


def test_times_run_past_the_hour_and_across_a_dst_change(make_pack):
    # The clocks go back at 02:00 on the last Sunday of October in London.
    pack = make_pack(
        meeting_date=datetime.date(2030, 10, 27),
        start_time=datetime.time(8, 50),
        agenda=[open_round_item(minutes=25), celebration_item(minutes=45)],
    )
    clocks = [item.value.starts_at.strftime("%H:%M") for item in pack.agenda_items]
    assert clocks == ["08:50", "09:15"]
    assert timezone.localtime(pack.ends_at).strftime("%H:%M") == "10:00"


# --- Page ------------------------------------------------------------------------------------


def test_pack_page_shows_times_quote_and_story(employee_client, pack):
    html = employee_client.get(pack.url).content.decode()
    for text in (
        "09:00",
        "09:02",
        "09:17",
        "Mistakes are the portals of discovery.",
        "James Joyce",
        "We billed a client twice and refunded within the hour.",
        "Check the batch before sending",
        "What would you have checked first?",
        "Download PDF (A4)",
        "Copy as plain text",
    ):
        assert text in html, text
    assert html.count("<h1") == 1


def test_the_leads_own_questions_replace_the_storys(employee_client, make_pack, story):
    pack = make_pack(agenda=[story_item(story, questions=["Our own question?"])])
    html = employee_client.get(pack.url).content.decode()
    assert "Our own question?" in html
    assert "What would you have checked first?" not in html


def test_facilitator_notes_only_for_editors(client, employee, lead, make_pack):
    pack = make_pack(facilitator_notes="Bring the cake knife.")
    client.force_login(employee)
    assert b"Bring the cake knife." not in client.get(pack.url).content
    client.force_login(lead)
    assert b"Bring the cake knife." in client.get(pack.url).content


# --- PDF -------------------------------------------------------------------------------------


def test_pdf_is_a_real_handout_with_the_agenda(employee_client, pack):
    response = employee_client.get(pack.url + "pdf/")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].startswith('attachment; filename="support-staff-meeting')
    text, reader = pdf_text(response.content)
    for expected in (
        "Support staff meeting",
        "09:00",
        "09:17",
        "The invoice we sent twice",
        "Mistakes are the portals of discovery.",
        "What would you have checked first?",
        "Share a mistake you made this month",
    ):
        assert expected in text, expected
    # A4 is 595 × 842 points.
    box = reader.pages[0].mediabox
    assert (round(box.width), round(box.height)) == (595, 842)
    assert "Copy as plain text" not in text  # the page's tools are not in the handout


def test_pdf_in_letter_size(employee_client, pack):
    _, reader = pdf_text(employee_client.get(pack.url + "pdf/?paper=letter").content)
    box = reader.pages[0].mediabox
    assert (round(box.width), round(box.height)) == (612, 792)


def test_pdf_embeds_the_bundled_font(pack):
    _, reader = pdf_text(render_pdf(pack))
    fonts = set()
    for page in reader.pages:
        for font in page["/Resources"]["/Font"].values():
            fonts.add(str(font.get_object()["/BaseFont"]))
    # Fonts from @font-face are embedded under their CSS family name: the bundled file was used.
    assert fonts and all("Own-It-Handout" in font for font in fonts), fonts


def test_pdf_fetcher_serves_static_files_only():
    fetcher = _url_fetcher_class()()
    response = fetcher.fetch("https://own-it.invalid/static/css/site.css")
    assert b"--primary" in response.read()
    for url in (
        "https://example.com/static/css/site.css",
        "file:///etc/passwd",
        "https://own-it.invalid/static/../../culture/settings/base.py",
        "https://own-it.invalid/static/css/missing.css",
    ):
        with pytest.raises(ValueError):
            fetcher.fetch(url)


# --- Calendar and text -----------------------------------------------------------------------


def test_ics_event(employee_client, pack):
    response = employee_client.get(pack.url + "calendar/")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/calendar")
    event = parse_ics(response.content)
    assert str(event["SUMMARY"]) == "Support staff meeting"
    start, end = event.decoded("DTSTART"), event.decoded("DTEND")
    assert start == timezone.localtime(pack.starts_at)
    assert end - start == datetime.timedelta(minutes=27)
    assert str(start.tzinfo) == "Europe/London"
    description = str(event["DESCRIPTION"])
    assert "09:02  The invoice we sent twice (15 min)" in description
    assert "Q: What would you have checked first?" in description


def test_plain_text_invitation(employee_client, pack):
    response = employee_client.get(pack.url + "invitation/")
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    text = response.content.decode()
    assert text.startswith("Support staff meeting\nCustomer Support · ")
    assert "09:00  Opening quote (2 min)" in text
    assert "09:17  Open round (10 min)" in text
    # The same text is on the page, ready to copy.
    assert "09:17  Open round (10 min)" in employee_client.get(pack.url).content.decode()


# --- Anonymity and unpublished stories ---------------------------------------------------------


def test_anonymous_author_stays_anonymous_in_every_format(
    employee_client, make_pack, anonymous_story
):
    pack = make_pack(agenda=[story_item(anonymous_story)])
    outputs = {
        "page": employee_client.get(pack.url).content.decode(),
        "pdf": pdf_text(employee_client.get(pack.url + "pdf/").content)[0],
        "ics": str(parse_ics(employee_client.get(pack.url + "calendar/").content)["DESCRIPTION"]),
        "text": employee_client.get(pack.url + "invitation/").content.decode(),
    }
    for name, output in outputs.items():
        assert "The deploy on a Friday" in output, name
        assert "Anonymous" in output, name
        for secret in ("Hilda", "Hiddenauthor", "hidden@example.com"):
            assert secret not in output, (name, secret)


def test_unpublished_story_disappears_from_every_format(employee_client, pack, story):
    story.unpublish()
    outputs = {
        "page": employee_client.get(pack.url).content.decode(),
        "pdf": pdf_text(employee_client.get(pack.url + "pdf/").content)[0],
        "ics": str(parse_ics(employee_client.get(pack.url + "calendar/").content)["DESCRIPTION"]),
        "text": employee_client.get(pack.url + "invitation/").content.decode(),
    }
    for name, output in outputs.items():
        assert "The invoice we sent twice" not in output, name
        assert "Open round" in output, name
    # The times close up: the open round now starts at 09:02.
    assert "09:02  Open round (10 min)" in outputs["text"]
    event = parse_ics(employee_client.get(pack.url + "calendar/").content)
    assert event.decoded("DTEND") - event.decoded("DTSTART") == datetime.timedelta(minutes=12)


def test_story_behind_a_view_restriction_is_left_out(employee_client, pack, story):
    from django.contrib.auth.models import Group
    from wagtail.models import PageViewRestriction

    restriction = PageViewRestriction.objects.create(
        page=story, restriction_type=PageViewRestriction.GROUPS
    )
    restriction.groups.add(Group.objects.get_or_create(name="Culture team")[0])
    text = employee_client.get(pack.url + "invitation/").content.decode()
    assert "The invoice we sent twice" not in text


# --- Query counts ----------------------------------------------------------------------------


def full_agenda(stories_index, number, suffix):
    """`number` items cycling through every kind, each story and quote a different one."""
    items = []
    for index in range(number):
        kind = index % 6
        if kind == 0:
            items.append(quote_item(QuoteFactory(text=f"Quote {suffix}{index}")))
        elif kind == 1:
            story = StoryPageFactory(
                parent=stories_index,
                lessons=["A lesson", "Another"],
                questions=["A question?"],
                tags=["x"],
            )
            items.append(story_item(story))
        elif kind == 2:
            items.append(open_round_item(minutes=5))
        elif kind == 3:
            items.append(plan_exercise_item(minutes=5))
        elif kind == 4:
            items.append(celebration_item(minutes=5))
        else:
            items.append(free_item(f"Item {index}", "Text", minutes=3))
    return items


@pytest.mark.parametrize("suffix", ["pdf/", ""])
def test_page_and_pdf_cost_the_same_queries_for_3_or_12_items(
    client, employee, make_pack, stories_index, django_assert_num_queries, suffix
):
    small = make_pack(title="Small", agenda=full_agenda(stories_index, 3, "s"))
    large = make_pack(title="Large", agenda=full_agenda(stories_index, 12, "l"))
    assert len(large.agenda) == 12
    client.force_login(employee)

    def render(pack):
        # The page's agenda is a cached fragment: a new quotes version makes it render afresh,
        # as after any change, while the per-process caches (site root paths) stay warm.
        fragment_versions.retire("quotes")
        return client.get(pack.url + suffix)

    render(small)
    render(large)
    with CaptureQueriesContext(connection) as counted:
        assert render(small).status_code == 200
    queries = len(counted.captured_queries)
    assert queries < 30
    with django_assert_num_queries(queries):
        response = render(large)
    assert response.status_code == 200
    assert MeetingPackPage.objects.get(pk=large.pk).total_minutes == large.total_minutes


def test_pdf_page_breaks_do_not_split_an_item(make_pack, stories_index):
    """A long pack runs over several pages; each story stays whole on one page."""
    stories = [
        StoryPageFactory(
            parent=stories_index,
            title=f"Story number {number}",
            summary=f"Summary of story {number}.",
            lessons=[f"Lesson {number}.{line} " + "words " * 12 for line in range(4)],
            questions=[f"Question {number}.{line}? " + "more " * 10 for line in range(3)],
        )
        for number in range(8)
    ]
    pack = make_pack(agenda=[story_item(story) for story in stories])
    _, reader = pdf_text(render_pdf(pack))
    pages = [page.extract_text() for page in reader.pages]
    assert len(pages) >= 3
    for number in range(8):
        (page,) = [text for text in pages if f"Summary of story {number}." in text]
        assert f"Question {number}.2?" in page, number
