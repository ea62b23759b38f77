"""A tag's lessons as a one-page PDF checklist to print ("Before you start on invoices: 7 lessons").

Made with WeasyPrint, as the meeting-pack handout is, from an HTML template with its own small
stylesheet. The checklist loads nothing: no stylesheet, font or image from the site or the
network (the fetcher refuses every address), so it renders the same on any server.
"""

import logging

from django.http import HttpResponse
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.text import slugify

from home import site_address

from .lessons import CHECKLIST_LENGTH

# The same fake origin as the handout: links are made absolute to BASE_URL before rendering.
PDF_BASE_URL = "https://own-it.invalid/"

logging.getLogger("weasyprint").setLevel(logging.ERROR)


def _refusing_fetcher():
    from weasyprint.urls import URLFetcher

    class RefuseEverything(URLFetcher):
        def fetch(self, url, headers=None):
            raise ValueError(f"The lessons checklist loads nothing: {url}")

    return RefuseEverything()


def render_checklist(tag_name, lessons, request=None):
    """The checklist as PDF bytes: the first `CHECKLIST_LENGTH` lessons, each with its story."""
    from weasyprint import HTML

    shown = lessons[:CHECKLIST_LENGTH]
    html = render_to_string(
        "stories/lessons_checklist.html",
        {
            "tag_name": tag_name,
            "lessons": [(lesson, site_address.page_url(lesson.story, request)) for lesson in shown],
            "total": len(shown),
            "left_out": len(lessons) - len(shown),
            "generated_at": timezone.now(),
        },
        request=request,
    )
    return HTML(string=html, base_url=PDF_BASE_URL, url_fetcher=_refusing_fetcher()).write_pdf()


def checklist_response(tag_slug, tag_name, lessons, request):
    response = HttpResponse(
        render_checklist(tag_name, lessons, request), content_type="application/pdf"
    )
    filename = f"{slugify(tag_slug) or 'tag'}-lessons-checklist.pdf"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
