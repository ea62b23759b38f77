"""Exports are safe: no cell of a CSV or XLSX the site or the admin writes runs as a formula.

Each export is downloaded through its real admin URL, parsed (csv module, openpyxl) and checked
cell by cell: text starting with = + - @, a tab or a carriage return starts with an apostrophe;
ordinary text, numbers and dates are exactly what they were.
"""

import csv
import datetime
import io

import openpyxl
import pytest
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy
from wagtail.models import GroupApprovalTask, Workflow, WorkflowTask

from home.exports import safe_cell
from home.roles import sync_roles
from stories.factories import StoriesIndexPageFactory, StoryPageFactory, TeamFactory
from stories.models import BlamelessPhrase, MistakeTopic, Series

pytestmark = pytest.mark.django_db

# Each hostile title, by the slug of its story.
HOSTILE = {
    "hyperlink": '=HYPERLINK("http://evil.example","x")',
    "plus": "+1",
    "minus": "-1",
    "at": "@SUM(1)",
    "tab": "\tx",
    "carriage-return": "\rx",
}
ORDINARY = "Ordinary title"
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")  # written out here, not imported from the code
ESCAPED = {"'" + title for title in HOSTILE.values()}
# XML reads a carriage return as a line feed, so in an XLSX file "\rx" comes back as "\nx".
ESCAPED_XLSX = {text.replace("\r", "\n") for text in ESCAPED}


def csv_rows(response):
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    content = response.getvalue() if not response.streaming else b"".join(response)
    return list(csv.reader(io.StringIO(content.decode("utf-8-sig"), newline="")))


def xlsx_rows(response):
    """The values of the first sheet, row by row; no cell of it is typed as a formula."""
    assert response.status_code == 200
    assert response["Content-Type"] == (
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    workbook = openpyxl.load_workbook(io.BytesIO(b"".join(response.streaming_content)))
    cells = list(workbook.active.iter_rows())
    assert "f" not in {cell.data_type for row in cells for cell in row}
    return [[cell.value for cell in row] for row in cells]


def column(rows, heading):
    index = rows[0].index(heading)
    return [row[index] for row in rows[1:]]


def assert_no_formula(rows):
    """No cell of any row, headings included, would be read as a formula."""
    for row in rows:
        for value in row:
            assert not (isinstance(value, str) and value.startswith(FORMULA_STARTS)), row


@pytest.fixture
def stories_index(home_page):
    return StoriesIndexPageFactory(parent=home_page)


@pytest.fixture
def stories(stories_index, superuser):
    """The hostile stories and an ordinary one, each published (and so logged) by a person."""
    pages = []
    for slug, title in [*HOSTILE.items(), ("ordinary", ORDINARY)]:
        story = StoryPageFactory(parent=stories_index, title=title, slug=slug, live=False)
        story.save_revision(user=superuser, log_action=True).publish(user=superuser)
        pages.append(story)
    return pages


@pytest.fixture
def reviewed(stories, superuser):
    """Each story in a one-task review workflow, so that both workflow reports list it."""
    workflow = Workflow.objects.create(name="Export review")
    task = GroupApprovalTask.objects.create(name="Check")
    WorkflowTask.objects.create(workflow=workflow, task=task, sort_order=0)
    for story in stories:
        workflow.start(story, superuser)
    return stories


@pytest.fixture
def locked(stories, superuser):
    for story in stories:
        story.locked, story.locked_by, story.locked_at = True, superuser, timezone.now()
        story.save(update_fields=["locked", "locked_by", "locked_at"])
    return stories


def test_safe_cell_escapes_formula_text_and_leaves_everything_else():
    for title in HOSTILE.values():
        assert safe_cell(title) == "'" + title
    assert safe_cell(gettext_lazy("=1+1")) == "'=1+1"
    for value in (ORDINARY, "", "a=b", "1-2", "'=already", 42, -1, 2.5, None, True):
        assert safe_cell(value) == value
    day = datetime.date(2026, 3, 2)
    assert safe_cell(day) is day


# Wagtail's reports ---------------------------------------------------------------------------

PAGE_REPORTS = {
    "site-history": ("/admin/reports/site-history/", "Name"),
    "workflow": ("/admin/reports/workflow/", "Page/Snippet Title"),
    "workflow tasks": ("/admin/reports/workflow_tasks/", "Page/Snippet Title"),
    "aging pages": ("/admin/reports/aging-pages/", "Title"),
    "locked pages": ("/admin/reports/locked/", "Title"),
}


@pytest.mark.parametrize("report", PAGE_REPORTS)
def test_wagtail_report_csv_escapes_story_titles(client, superuser, reviewed, locked, report):
    url, heading = PAGE_REPORTS[report]
    client.force_login(superuser)
    rows = csv_rows(client.get(url, {"export": "csv"}))
    titles = set(column(rows, heading))
    assert titles >= ESCAPED, titles
    assert ORDINARY in titles
    assert_no_formula(rows)


@pytest.mark.parametrize("report", PAGE_REPORTS)
def test_wagtail_report_xlsx_escapes_story_titles(client, superuser, reviewed, locked, report):
    url, heading = PAGE_REPORTS[report]
    client.force_login(superuser)
    rows = xlsx_rows(client.get(url, {"export": "xlsx"}))
    titles = set(column(rows, heading))
    assert titles >= ESCAPED_XLSX, titles
    assert ORDINARY in titles
    assert_no_formula(rows)


def test_site_history_keeps_ordinary_ids_and_dates(client, superuser, stories):
    client.force_login(superuser)
    rows = csv_rows(client.get("/admin/reports/site-history/", {"export": "csv"}))
    by_name = {row[rows[0].index("Name")]: row for row in rows[1:]}
    ordinary = by_name[ORDINARY]
    assert ordinary[rows[0].index("ID")] == str(stories[-1].pk)
    logged = datetime.datetime.fromisoformat(ordinary[rows[0].index("Date/Time")])
    assert abs(logged - timezone.now()) < datetime.timedelta(minutes=5)

    sheet = xlsx_rows(client.get("/admin/reports/site-history/", {"export": "xlsx"}))
    ordinary = next(row for row in sheet[1:] if row[sheet[0].index("Name")] == ORDINARY)
    assert isinstance(ordinary[sheet[0].index("Date/Time")], datetime.datetime)


# Snippet listings (SnippetViewSet.list_export) ----------------------------------------------

SNIPPETS = {
    "team": ("/admin/snippets/stories/team/", "Name"),
    "series": ("/admin/snippets/stories/series/", "Name"),
    "blameless phrase": ("/admin/snippets/stories/blamelessphrase/", "Phrase"),
    "mistake topic": ("/admin/snippets/stories/mistaketopic/", "Name"),
}


@pytest.fixture
def culture_client(client, culture_member):
    sync_roles()  # the Culture team's rights on teams, series, phrases and insights
    client.force_login(culture_member)
    return client


@pytest.fixture
def hostile_snippets(stories_index):
    for slug, text in [*HOSTILE.items(), ("ordinary", ORDINARY)]:
        team = TeamFactory(name=text, slug=slug)
        StoryPageFactory(parent=stories_index, slug=f"story-{slug}", team=team)
        Series.objects.create(name=text, slug=slug)
        BlamelessPhrase.objects.create(phrase=text, suggestion=text)
        MistakeTopic.objects.create(name=text, words=text)


@pytest.mark.parametrize("export_format", ["csv", "xlsx"])
@pytest.mark.parametrize("snippet", SNIPPETS)
def test_snippet_exports_escape_names(culture_client, hostile_snippets, snippet, export_format):
    url, heading = SNIPPETS[snippet]
    response = culture_client.get(url, {"export": export_format})
    rows = csv_rows(response) if export_format == "csv" else xlsx_rows(response)
    names = set(column(rows, heading))
    assert (ESCAPED if export_format == "csv" else ESCAPED_XLSX) <= names, names
    assert ORDINARY in names
    assert_no_formula(rows)


def test_team_export_keeps_numbers_as_numbers(culture_client, hostile_snippets):
    sheet = xlsx_rows(culture_client.get("/admin/snippets/stories/team/", {"export": "xlsx"}))
    ordinary = next(row for row in sheet[1:] if row[sheet[0].index("Name")] == ORDINARY)
    assert ordinary[sheet[0].index("Published stories")] == 1  # a number cell, not the text "1"
    rows = csv_rows(culture_client.get("/admin/snippets/stories/team/", {"export": "csv"}))
    ordinary = next(row for row in rows[1:] if row[rows[0].index("Name")] == ORDINARY)
    assert ordinary[rows[0].index("Published stories")] == "1"


# The site's own CSV: culture insights -------------------------------------------------------


def test_insights_csv_escapes_team_names(culture_client, hostile_snippets):
    today = timezone.localdate()
    response = culture_client.get(
        reverse("campaigns_admin:insights_csv"),
        {"date_from": today - datetime.timedelta(days=14), "date_to": today},
    )
    rows = csv_rows(response)
    teams = set(column(rows, "Team"))
    assert teams >= ESCAPED, teams
    assert ORDINARY in teams
    ordinary = next(row for row in rows[1:] if row[1] == ORDINARY)
    datetime.date.fromisoformat(ordinary[0])  # the week is still a plain date
    assert ordinary[2] == "1"  # and the count a plain number
    assert_no_formula(rows)
