"""Small groups in meeting packs: an anonymous story of a two-person team never names it, on the
pack page, its PDF, its calendar file and its invitation text, nor in the lead's suggestions;
one of a six-person team does (stories/small_groups.py)."""

import pytest
from django.urls import reverse

from culture.meetings.factories import story_item
from culture.meetings.suggestions import suggest_stories
from home.factories import UserFactory
from stories.factories import StoryPageFactory, TeamFactory

from .test_exports import parse_ics, pdf_text

pytestmark = pytest.mark.django_db


@pytest.fixture
def stories(stories_index):
    author = UserFactory(username="hushed", first_name="Hushed", last_name="Writer")
    payroll = TeamFactory(name="Payroll", members=[author, UserFactory()])
    helpdesk = TeamFactory(name="Helpdesk", members=6)
    common = {"parent": stories_index, "author__anonymous": True, "tags": ["billing"]}
    return {
        "small": StoryPageFactory(title="Payslips twice", team=payroll, author=author, **common),
        "large": StoryPageFactory(title="Lost tickets", team=helpdesk, **common),
        "payroll": payroll,
    }


def test_no_pack_format_names_the_small_team(employee_client, make_pack, stories):
    pack = make_pack(agenda=[story_item(stories["small"]), story_item(stories["large"])])
    outputs = {
        "page": employee_client.get(pack.url).content.decode(),
        "pdf": pdf_text(employee_client.get(pack.url + "pdf/").content)[0],
        "ics": str(parse_ics(employee_client.get(pack.url + "calendar/").content)["DESCRIPTION"]),
        "text": employee_client.get(pack.url + "invitation/").content.decode(),
    }
    for name, output in outputs.items():
        assert "Payslips twice" in output and "Lost tickets" in output, name
        assert "Payroll" not in output, name
        assert "Hushed" not in output, name


def test_suggestions_name_only_the_large_team(client, superuser, make_pack, stories):
    pack = make_pack(team=stories["payroll"])
    by_title = {story.title: story for story in suggest_stories(pack, tags=[])}
    assert by_title["Payslips twice"].shown_team is None
    assert by_title["Lost tickets"].shown_team.name == "Helpdesk"
    client.force_login(superuser)
    page = client.get(reverse("meetings_admin:suggestions", args=[pack.pk])).content.decode()
    assert "<td>Helpdesk</td>" in page and "<td>Payroll</td>" not in page


def test_the_small_teams_own_anonymous_story_is_not_ranked_as_its_own(make_pack, stories):
    # Were it ranked first as "the team's own", the order would name its team.
    pack = make_pack(team=stories["payroll"])
    titles = [story.title for story in suggest_stories(pack, tags=[])]
    assert titles == ["Lost tickets", "Payslips twice"]
