"""Lessons per tag: the page, the personal Atom feed and the one-page PDF checklist."""

import io
import xml.etree.ElementTree as ET

import pytest
from pypdf import PdfReader
from wagtail.models import PageViewRestriction

from stories.feeds import lessons_feed_url
from stories.models import FeedToken
from tests.stories.reading_support import count_queries, seed

from .conftest import mark, story

pytestmark = pytest.mark.django_db
ATOM = "{http://www.w3.org/2005/Atom}"


@pytest.fixture
def invoices(stories_index, author):
    """Three invoice stories: the least recent one most learned from; one anonymous."""
    most = story(
        parent=stories_index,
        title="An invoice went to the wrong client",
        author=author,
        author__anonymous=True,
        tags=["invoices"],
        lessons=["Check the client on the PDF, not only the email", "Send from the client record"],
    )
    some = story(
        parent=stories_index,
        title="The invoice total was off by VAT",
        tags=["invoices", "tax"],
        lessons=["Let the tool add VAT", "Compare with last month's total"],
    )
    none = story(
        parent=stories_index,
        title="An invoice was sent twice",
        tags=["invoices"],
        lessons=["Mark sent invoices at once"],
    )
    story(parent=stories_index, title="Not about invoices", tags=["travel"], lessons=["Other"])
    mark(most, 3)
    mark(some, 1)
    return {"most": most, "some": some, "none": none}


def lessons_url(index, tag="invoices"):
    return index.url + index.reverse_subpage("tag_lessons", kwargs={"tag": tag})


def test_lessons_page_most_learned_first_numbered_and_linked(
    employee_client, stories_index, invoices
):
    response = employee_client.get(lessons_url(stories_index))
    assert response.status_code == 200
    html = response.content.decode()
    titles = [s.title for s in (invoices["most"], invoices["some"], invoices["none"])]
    positions = [html.index(title) for title in titles]
    assert positions == sorted(positions)
    assert "Not about invoices" not in html and "Other" not in html
    assert "Before you start on invoices: 5 lessons" in html
    assert html.count("Lesson 2") == 2  # numbered within each story
    assert f'href="{invoices["most"].url}#lessons"' in html
    assert "3 learned from this" in html
    # The author of the anonymous story is named nowhere.
    assert "Quiet" not in html and "quietauthor" not in html
    # The tag page links to its lessons.
    tag_page = employee_client.get(
        stories_index.url + stories_index.reverse_subpage("tag", kwargs={"tag": "invoices"})
    )
    assert lessons_url(stories_index) in tag_page.content.decode()


def test_unknown_and_draft_only_tags_answer_404(employee_client, stories_index, invoices):
    draft = invoices["none"]
    draft.tags.add("secret-project")
    draft.save_revision()  # a draft change: the live story has no such tag
    assert employee_client.get(lessons_url(stories_index, "no-such-tag")).status_code == 404
    assert employee_client.get(lessons_url(stories_index, "secret-project")).status_code == 404


def test_restricted_story_lessons_are_left_out(employee_client, stories_index, invoices, moderator):
    from django.contrib.auth.models import Group

    restriction = PageViewRestriction.objects.create(
        page=invoices["some"], restriction_type=PageViewRestriction.GROUPS
    )
    restriction.groups.add(Group.objects.create(name="Board"))
    html = employee_client.get(lessons_url(stories_index)).content.decode()
    assert "off by VAT" not in html and "Let the tool add VAT" not in html
    assert "Before you start on invoices: 3 lessons" in html


def test_checklist_pdf_is_one_page_with_the_lessons(employee_client, stories_index, invoices):
    url = lessons_url(stories_index) + "checklist/"
    response = employee_client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert 'filename="invoices-lessons-checklist.pdf"' in response["Content-Disposition"]
    reader = PdfReader(io.BytesIO(response.content))
    assert len(reader.pages) == 1
    text = " ".join(reader.pages[0].extract_text().split())
    assert "Before you start on invoices: 5 lessons" in text
    assert text.index("Check the client on the PDF") < text.index("Let the tool add VAT")
    assert "Mark sent invoices at once" in text
    assert "Quiet" not in text
    assert employee_client.get(lessons_url(stories_index, "nope") + "checklist/").status_code == 404


def test_lessons_atom_feed_with_the_personal_token(client, stories_index, invoices, employee):
    token = FeedToken.objects.create(user=employee).token
    url = lessons_feed_url(token, "invoices")
    response = client.get(url[url.index("/feeds/") :])
    assert response.status_code == 200
    root = ET.fromstring(response.content)
    entries = root.findall(f"{ATOM}entry")
    assert [e.find(f"{ATOM}title").text for e in entries] == [
        f"Lessons from “{invoices[name].title}”" for name in ("most", "some", "none")
    ]
    first = entries[0]
    assert first.find(f"{ATOM}author/{ATOM}name").text == "Anonymous"
    content = first.find(f"{ATOM}summary").text
    assert "Lesson 1: Check the client on the PDF" in content
    assert "Lesson 2: Send from the client record" in content
    # A wrong token opens nothing.
    assert client.get(f"/feeds/{'x' * 43}/stories/tag/invoices/lessons/atom/").status_code == 404


def test_settings_page_offers_the_lessons_feed(employee_client, invoices):
    html = employee_client.get("/account/?tag=invoices").content.decode()
    assert "/stories/tag/invoices/lessons/atom/" in html


def test_lessons_page_queries_do_not_grow_with_the_stories(
    employee_client, stories_index, django_assert_max_num_queries
):
    url = lessons_url(stories_index, "seed-0")
    seed(stories_index, 5)
    employee_client.get(url)  # the session, the site and the menu are read once
    few, _ = count_queries(employee_client, url)
    seed(stories_index, 40)
    employee_client.get(url)
    with django_assert_max_num_queries(few):
        response = employee_client.get(url)
    assert "Before you start on seed-0: 135 lessons" in response.content.decode()
