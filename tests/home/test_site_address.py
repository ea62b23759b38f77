"""One site address: every absolute link comes from BASE_URL (settings.WAGTAILADMIN_BASE_URL).

The Site record in these tests says "testserver", port 80 (tests/conftest.py), and the requests
come from "testserver" too; the configured address is another host on another port, so a link
built from the Site record or the request's Host header fails these tests.
"""

import datetime
import io
import os
import re
import subprocess
import sys
import xml.etree.ElementTree as ET
from io import StringIO
from pathlib import Path

import pytest
from django.core import mail
from django.core.management import call_command
from django.test import override_settings
from django.urls import reverse
from icalendar import Calendar
from pypdf import PdfReader
from wagtail.models import Site

from culture.campaigns.models import CampaignEvent, CampaignIndexPage, CampaignPage
from culture.meetings import exports
from culture.meetings.factories import MeetingPackPageFactory, MeetingPacksIndexPageFactory
from culture.quotes.factories import QuoteFactory
from culture.quotes.webhooks import payload
from home import site_address
from stories.factories import StoriesIndexPageFactory, StoryPageFactory
from stories.models import FeedToken
from stories.notifications import PUBLISHED, send_author_email

pytestmark = pytest.mark.django_db

PROJECT = Path(__file__).resolve().parents[2]
BASE = "http://127.0.0.1:8123"
ATOM = "{http://www.w3.org/2005/Atom}"

configured = override_settings(WAGTAILADMIN_BASE_URL=BASE)


def calendar_url(content):
    (event,) = Calendar.from_ical(content).walk("VEVENT")
    return str(event["URL"])


@pytest.fixture
def pack(home_page):
    return MeetingPackPageFactory(parent=MeetingPacksIndexPageFactory(parent=home_page))


@pytest.fixture
def stories_index(home_page):
    return StoriesIndexPageFactory(parent=home_page)


# --- The helpers -------------------------------------------------------------------------------


@configured
def test_the_helpers_build_on_the_setting_only(stories_index):
    assert site_address.base_url() == BASE
    assert site_address.absolute_url("/stories/") == f"{BASE}/stories/"
    assert site_address.absolute_url("https://meet.example.com/x") == "https://meet.example.com/x"
    assert site_address.page_url(stories_index) == f"{BASE}/stories/"
    # What Wagtail itself would say, from the Site record:
    assert stories_index.get_full_url() == "http://testserver/stories/"
    html = '<a href="/stories/">a</a> <a href="//cdn.example.com/x">b</a> <img src="/media/i.png">'
    assert site_address.absolute_links(html) == (
        f'<a href="{BASE}/stories/">a</a> <a href="//cdn.example.com/x">b</a> '
        '<img src="/media/i.png">'
    )


# --- Calendar files ----------------------------------------------------------------------------


@configured
def test_a_meeting_packs_calendar_file_links_to_the_configured_address(employee_client, pack):
    response = employee_client.get(pack.url + "calendar/")
    assert response.status_code == 200
    # Before: pack.get_full_url() gave the Site record's "http://localhost/…", without the port.
    assert calendar_url(response.content) == f"{BASE}{pack.url}"


@configured
def test_a_campaign_events_calendar_file_links_to_the_configured_address(
    employee_client, home_page
):
    index = home_page.add_child(instance=CampaignIndexPage(title="Campaigns", slug="campaigns"))
    index.save_revision().publish()
    campaign = CampaignPage(
        title="Mistake Management Month",
        slug="mmm",
        start_date="2026-03-01",
        end_date="2026-03-31",
    )
    campaign.events.add(CampaignEvent(title="Kick-off", starts_at="2026-03-02T09:00:00Z"))
    index.add_child(instance=campaign)
    campaign.save_revision().publish()
    event = campaign.events.get()
    response = employee_client.get(reverse("campaigns:event", args=[campaign.pk, event.pk]))
    assert response.status_code == 200
    (item,) = Calendar.from_ical(response.content).walk("VEVENT")
    assert str(item["URL"]) == f"{BASE}{campaign.url}"
    assert str(item["UID"]) == f"campaign-event-{event.pk}@127.0.0.1"


# --- Feeds, emails, chat posts, the PDF ------------------------------------------------------


@configured
def test_a_feed_links_to_the_configured_address(client, employee, stories_index):
    story = StoryPageFactory(
        parent=stories_index,
        title="The wrong file",
        what_happened=f'<p>See <a linktype="page" id="{stories_index.pk}">the index</a>.</p>',
    )
    story.save_revision().publish()
    token = FeedToken.objects.get_or_create(user=employee)[0].token
    response = client.get(reverse("stories:story_feed_atom", args=[token]))
    assert response.status_code == 200
    feed = ET.fromstring(response.content)
    assert feed.find(f"{ATOM}link[@rel='self']").get("href") == (
        BASE + reverse("stories:story_feed_atom", args=[token])
    )
    (entry,) = feed.findall(f"{ATOM}entry")
    assert entry.find(f"{ATOM}link").get("href") == f"{BASE}{story.url}"
    # A link inside the story text works from a feed reader too.
    assert f'href="{BASE}/stories/"' in entry.find(f"{ATOM}summary").text


@configured
def test_an_authors_email_links_to_the_configured_address(employee, stories_index):
    story = StoryPageFactory(parent=stories_index, title="The wrong file", author=employee)
    mail.outbox.clear()
    assert send_author_email.call(story.pk, PUBLISHED)
    (message,) = mail.outbox
    assert f"{BASE}{story.url}" in message.body
    html = message.alternatives[0][0]
    assert f'href="{BASE}{story.url}"' in html
    assert f"{BASE}{reverse('stories:my_stories')}" in message.body
    assert "testserver" not in message.body + html


@configured
def test_the_chat_post_links_to_the_configured_address(db):
    quote = QuoteFactory(week=datetime.date(2026, 3, 2))
    assert payload(quote)["link"] == f"{BASE}{quote.get_absolute_url()}"


@configured
def test_links_in_the_pdf_handout_point_at_the_configured_address(pack, monkeypatch):
    # The handout has no link on paper today; one that a template adds must not point at the
    # made-up origin WeasyPrint loads the stylesheet from.
    render_to_string = exports.render_to_string

    def with_a_link(*args, **kwargs):
        html = render_to_string(*args, **kwargs)
        return html.replace("</main>", '<p><a href="/stories/">All stories</a></p></main>')

    monkeypatch.setattr(exports, "render_to_string", with_a_link)
    reader = PdfReader(io.BytesIO(exports.render_pdf(pack)))
    uris = [
        str(annotation.get_object()["/A"]["/URI"])
        for page in reader.pages
        for annotation in page.get("/Annots") or []
        if "/URI" in annotation.get_object().get("/A", {})
    ]
    assert uris == [f"{BASE}/stories/"]


# --- The Site record (Wagtail's own links) and `make run` ------------------------------------


@pytest.mark.parametrize(
    ("base_url", "hostname", "port", "root_url"),
    [
        ("http://127.0.0.1:8123", "127.0.0.1", 8123, "http://127.0.0.1:8123"),
        ("https://own-it.example.com/", "own-it.example.com", 443, "https://own-it.example.com"),
        ("http://localhost", "localhost", 80, "http://localhost"),
    ],
)
def test_load_demo_gives_the_site_record_the_configured_address(
    settings, base_url, hostname, port, root_url
):
    settings.DEBUG = False  # no demo accounts: only the site and its pages matter here
    settings.WAGTAILADMIN_BASE_URL = base_url.rstrip("/")
    out = StringIO()
    call_command("load_demo", stdout=out)
    site = Site.objects.get(is_default_site=True)
    assert (site.hostname, site.port, site.root_url) == (hostname, port, root_url)
    # Wagtail's moderation emails link with page.full_url, built from the Site record.
    assert site.root_page.get_full_url() == root_url + "/"
    assert f"point at {root_url}/" in out.getvalue()


def make_dry_run(*arguments, **environment):
    env = {key: value for key, value in os.environ.items() if key not in ("BASE_URL", "PORT")}
    env.update(environment)
    result = subprocess.run(
        ["make", "--no-print-directory", "-n", "run", *arguments],
        cwd=PROJECT,
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    return {
        command: re.search(rf"BASE_URL='([^']*)' \S+ manage\.py {command}\b", result.stdout)[1]
        for command in ("migrate", "load_demo", "runserver")
    }, result.stdout


def test_make_run_passes_the_port_into_base_url():
    base_urls, output = make_dry_run("PORT=8123")
    assert base_urls == dict.fromkeys(base_urls, "http://127.0.0.1:8123")
    assert "runserver 127.0.0.1:8123" in output

    base_urls, _ = make_dry_run()
    assert set(base_urls.values()) == {"http://127.0.0.1:8000"}


def test_a_base_url_that_is_set_wins_over_the_port():
    from_environment, output = make_dry_run("PORT=8123", BASE_URL="https://own-it.example.com")
    assert set(from_environment.values()) == {"https://own-it.example.com"}
    assert "runserver 127.0.0.1:8123" in output
    on_the_command_line, _ = make_dry_run("PORT=8123", "BASE_URL=https://intranet.example.com")
    assert set(on_the_command_line.values()) == {"https://intranet.example.com"}


def test_a_base_url_without_a_scheme_stops_the_settings():
    env = {**os.environ, "BASE_URL": "127.0.0.1:8123"}
    result = subprocess.run(
        [sys.executable, "-c", "import culture.settings.base"],
        cwd=PROJECT,
        env=env,
        capture_output=True,
        text=True,
    )
    assert result.returncode != 0
    assert "BASE_URL must start with http:// or https://" in result.stderr
