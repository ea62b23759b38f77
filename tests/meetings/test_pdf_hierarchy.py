"""The PDF handout reads like the page: the pack's title is the largest text, then the section
and item headings, then the body (sizes read from the PDF itself with pypdf)."""

import io
from collections import defaultdict

from pypdf import PdfReader

from culture.meetings.exports import render_pdf


def text_sizes(content):
    """{text run: the largest size it is drawn at, in points} on the first page."""
    sizes = defaultdict(float)

    def visit(text, cm, tm, font, size):
        text = " ".join(text.split())
        if text:
            # The size the reader sees: the font size scaled by the text and page matrices.
            scale = abs(tm[3] * cm[3]) or 1.0
            sizes[text] = max(sizes[text], round(size * scale, 1))

    PdfReader(io.BytesIO(content)).pages[0].extract_text(visitor_text=visit)
    return dict(sizes)


def size_of(sizes, words):
    found = [size for text, size in sizes.items() if words in text]
    assert found, (words, sorted(sizes.items(), key=lambda item: -item[1])[:15])
    return max(found)


def test_title_is_larger_than_headings_which_are_larger_than_the_body(pack):
    sizes = text_sizes(render_pdf(pack))
    title = size_of(sizes, "Support staff meeting")
    agenda = size_of(sizes, "Agenda")
    body = size_of(sizes, "Mistakes are the portals of discovery")
    assert title > agenda > body, (title, agenda, body)
    assert title >= 1.5 * body
