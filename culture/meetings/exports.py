"""A pack as plain text (invitation), calendar event (.ics) and PDF handout.

Every format is built from `MeetingPackPage.agenda_items`, so what readers see on the page is
exactly what the exports hold: only published stories, authors only as `story.byline`.
"""

import datetime
import logging
import mimetypes
from pathlib import Path
from urllib.parse import unquote, urlsplit

from django.conf import settings
from django.contrib.staticfiles import finders
from django.contrib.staticfiles.storage import staticfiles_storage
from django.http import HttpResponse
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from home import site_address

# WeasyPrint resolves the handout's stylesheet and fonts against this made-up origin; the URL
# fetcher below serves them from the static files and refuses everything else (no network).
# Links in the handout are made absolute to BASE_URL first, so a click in the PDF opens the site.
PDF_BASE_URL = "https://own-it.invalid/"
PAPER_SIZES = {"a4": "A4", "letter": "letter"}

# The handout uses the site's stylesheet, written for browsers; WeasyPrint would log a warning
# for each screen-only rule it does not support on every PDF.
logging.getLogger("weasyprint").setLevel(logging.ERROR)


def _clock(value):
    return timezone.localtime(value).strftime("%H:%M")


def pack_as_text(pack):
    """The pack as plain text for a meeting invitation (also the .ics description)."""
    starts_at = timezone.localtime(pack.starts_at)
    day = date_format(starts_at, _("l j F Y"))
    lines = [
        pack.title,
        f"{pack.team.name} · {day} · "
        f"{_clock(pack.starts_at)}–{_clock(pack.ends_at)} ("
        + ngettext("%(minutes)s minute", "%(minutes)s minutes", pack.total_minutes)
        % {"minutes": pack.total_minutes}
        + ")",
        "",
        _("Agenda"),
    ]
    for child in pack.agenda_items:
        value = child.value
        minutes = _("%(minutes)s min") % {"minutes": value.minutes}
        lines.append(f"{_clock(value.starts_at)}  {value.heading} ({minutes})")
        lines += [f"       {line}" for line in value.text_lines() if line]
    return "\n".join(lines) + "\n"


def ics_response(pack, request):
    from icalendar import Calendar, Event

    calendar = Calendar()
    calendar.add("prodid", "-//Own It//Meeting packs//EN")
    calendar.add("version", "2.0")
    event = Event()
    event.add("uid", f"meeting-pack-{pack.pk}@own-it")
    event.add("dtstamp", timezone.now())
    event.add("summary", pack.title)
    event.add("dtstart", timezone.localtime(pack.starts_at))
    event.add("dtend", timezone.localtime(pack.ends_at))
    event.add("description", pack_as_text(pack))
    # BASE_URL, not the Site record's hostname and port (page.get_full_url) or the request's.
    event.add("url", site_address.page_url(pack, request))
    calendar.add_component(event)
    # Only the time-zone rules around the meeting, not every change since 1970.
    calendar.add_missing_timezones(
        first_date=pack.meeting_date - datetime.timedelta(days=366),
        last_date=pack.meeting_date + datetime.timedelta(days=366),
    )
    response = HttpResponse(calendar.to_ical(), content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{slugify(pack.title)}.ics"'
    return response


# --- PDF -------------------------------------------------------------------------------------


def _static_file(url_path):
    """The file on disk behind a static URL path, or None."""
    name = unquote(url_path).removeprefix(settings.STATIC_URL).lstrip("/")
    if not name or ".." in Path(name).parts:
        return None
    try:
        collected = staticfiles_storage.path(name)
    except NotImplementedError:
        collected = None
    if collected and Path(collected).is_file():
        return collected
    return finders.find(name)


def _url_fetcher_class():
    from weasyprint.urls import URLFetcher, URLFetcherResponse

    class StaticFilesOnlyFetcher(URLFetcher):
        """Serves the handout's static files (CSS, fonts) from disk; fetches nothing else."""

        def fetch(self, url, headers=None):
            if not url.startswith(PDF_BASE_URL):
                raise ValueError(f"Not a static file of this site: {url}")
            path = _static_file("/" + urlsplit(url).path.lstrip("/"))
            if path is None:
                raise ValueError(f"No such static file: {url}")
            content_type = mimetypes.guess_type(path)[0] or "application/octet-stream"
            return URLFetcherResponse(
                url, Path(path).read_bytes(), headers={"Content-Type": content_type}
            )

    return StaticFilesOnlyFetcher


def render_pdf(pack, request=None, paper="a4"):
    """The handout as PDF bytes: the page's handout markup, its print styles, bundled fonts."""
    from weasyprint import CSS, HTML

    size = PAPER_SIZES.get(paper, "A4")
    html = render_to_string(
        "meetings/meeting_pack_handout.html",
        {
            "page": pack,
            "self": pack,
            "paper": size,
            "generated_at": timezone.now(),
            # The drills' reveals go on pages of their own at the end (includes/handout.html).
            "for_pdf": True,
        },
        request=request,
    )
    fetcher = _url_fetcher_class()(allowed_protocols={"https"})
    document = HTML(
        string=site_address.absolute_links(html), base_url=PDF_BASE_URL, url_fetcher=fetcher
    )
    return document.write_pdf(
        stylesheets=[CSS(string=f"@page {{ size: {size}; }}", url_fetcher=fetcher)]
    )


def pdf_response(pack, request, paper="a4"):
    paper = paper if paper in PAPER_SIZES else "a4"
    response = HttpResponse(render_pdf(pack, request, paper), content_type="application/pdf")
    filename = f"{slugify(pack.title) or 'meeting-pack'}-{paper}.pdf"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
