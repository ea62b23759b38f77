"""How long the server takes to make a meeting pack's PDF handout (12 agenda items).

    .venv/bin/python bench/meeting_pdf.py [--runs 10]

Builds a throwaway SQLite database in a temporary folder (migrations, a home page, stories with
lessons and questions, quotes, one 12-item pack), then times `render_pdf` — the whole work of the
"Download PDF" view — and the view itself through the test client. Prints the first (cold) run
and the median and worst of the warm runs.
"""

import argparse
import os
import statistics
import sys
import tempfile
import time
from io import StringIO
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=10)
    args = parser.parse_args()

    tmp = tempfile.mkdtemp(prefix="ownit-bench-")
    os.environ["DJANGO_SETTINGS_MODULE"] = "culture.settings.test"
    os.environ["DATABASE_URL"] = f"sqlite:///{tmp}/bench.sqlite3"
    os.environ["MEDIA_ROOT"] = f"{tmp}/media"

    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0, stdout=StringIO())
    pack, user = seed()

    from django.test import Client

    from culture.meetings.exports import render_pdf
    from culture.meetings.models import MeetingPackPage

    def fresh_pack():
        # A new instance each run, as in a request: the agenda is loaded from the database.
        return MeetingPackPage.objects.get(pk=pack.pk)

    timings = []
    for _ in range(args.runs + 1):
        started = time.perf_counter()
        pdf = render_pdf(fresh_pack())
        timings.append(time.perf_counter() - started)
    client = Client()
    client.force_login(user)
    view_timings = []
    for _ in range(args.runs):
        started = time.perf_counter()
        response = client.get(pack.url + "pdf/")
        view_timings.append(time.perf_counter() - started)
        assert response.status_code == 200, response.status_code

    cold, warm = timings[0], timings[1:]
    print(f"Meeting pack PDF, {len(fresh_pack().agenda)} agenda items, {len(pdf) / 1024:.0f} KiB")
    print(
        f"  render_pdf: cold {cold * 1000:.0f} ms; warm median {statistics.median(warm) * 1000:.0f} ms, worst {max(warm) * 1000:.0f} ms ({len(warm)} runs)"
    )
    print(
        f"  GET …/pdf/: median {statistics.median(view_timings) * 1000:.0f} ms, worst {max(view_timings) * 1000:.0f} ms ({len(view_timings)} runs)"
    )


def seed():
    import datetime

    from wagtail.models import Page, Site

    from culture.meetings.factories import (
        MeetingPackPageFactory,
        MeetingPacksIndexPageFactory,
        celebration_item,
        free_item,
        open_round_item,
        plan_exercise_item,
        quote_item,
        story_item,
    )
    from culture.quotes.factories import QuoteFactory
    from home.factories import HomePageFactory, UserFactory
    from stories.factories import StoriesIndexPageFactory, StoryPageFactory, TeamFactory

    root = Page.get_first_root_node()
    for page in root.get_children():
        page.delete()
    home = HomePageFactory(parent=root)
    Site.objects.all().delete()
    Site.objects.create(hostname="testserver", port=80, root_page=home, is_default_site=True)
    stories_index = StoriesIndexPageFactory(parent=home)
    team = TeamFactory(name="Customer Support")
    stories = [
        StoryPageFactory(
            parent=stories_index,
            title=f"Story {number}",
            lessons=["Check the batch before sending", "Say it early", "Write it down"],
            questions=["What would you have checked first?", "Who should have been told?"],
            author__anonymous=number % 2 == 0,
        )
        for number in range(4)
    ]
    quotes = [QuoteFactory() for _ in range(2)]
    agenda = [
        quote_item(quotes[0]),
        story_item(stories[0]),
        story_item(stories[1]),
        open_round_item(),
        plan_exercise_item(),
        story_item(stories[2]),
        celebration_item(),
        story_item(stories[3], questions=["Our own question?"]),
        free_item("Actions from last time", "Check the actions we agreed on."),
        open_round_item(minutes=5),
        quote_item(quotes[1]),
        celebration_item(title="Thanks"),
    ]
    pack = MeetingPackPageFactory(
        parent=MeetingPacksIndexPageFactory(parent=home),
        team=team,
        meeting_date=datetime.date.today() + datetime.timedelta(days=7),
        agenda=agenda,
    )
    return pack, UserFactory(username="bench-reader")


if __name__ == "__main__":
    main()
