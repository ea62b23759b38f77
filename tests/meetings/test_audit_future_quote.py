"""Audit: a meeting pack must not show a Quote of the Week before it goes live (Monday 08:08).

A pack takes live quotes only (its block refuses any other, for every role). A pack that still
holds a future quote, from a revision saved before that rule, must not show it before its 08:08:
not on the pack page, its PDF, its calendar event or its invitation text.
"""

import datetime

import pytest
from django.utils import timezone

from culture.meetings.factories import open_round_item, quote_item
from culture.quotes.factories import QuoteFactory
from culture.quotes.schedule import live_week

from .test_exports import parse_ics, pdf_text

pytestmark = pytest.mark.django_db

SECRET = "Next week's secret quote about second chances."


def outputs(client, pack):
    return {
        "page": client.get(pack.url).content.decode(),
        "pdf": pdf_text(client.get(pack.url + "pdf/").content)[0],
        "ics": str(parse_ics(client.get(pack.url + "calendar/").content)["DESCRIPTION"]),
        "text": client.get(pack.url + "invitation/").content.decode(),
    }


@pytest.mark.parametrize("week", ["next", "unscheduled"])
def test_a_quote_not_live_yet_stays_out_of_every_format(employee_client, make_pack, week):
    quote = QuoteFactory(
        text=SECRET,
        author="Ada Future",
        week=live_week() + datetime.timedelta(days=7) if week == "next" else None,
    )
    pack = make_pack(
        start_time=datetime.time(9, 0),
        meeting_date=timezone.localdate() + datetime.timedelta(days=10),
        agenda=[quote_item(quote), open_round_item()],
    )
    for name, output in outputs(employee_client, pack).items():
        assert "secret quote" not in output, name
        assert "Ada Future" not in output, name
    # The slot keeps its place, so the times do not move when the quote goes live.
    assert "09:02  Open round" in outputs(employee_client, pack)["text"]


def test_the_quote_appears_once_live(employee_client, make_pack):
    quote = QuoteFactory(text=SECRET, author="Ada Future", week=live_week())
    pack = make_pack(agenda=[quote_item(quote), open_round_item()])
    for name, output in outputs(employee_client, pack).items():
        assert "secret quote" in output, name
