"""The API shows what its reader may see and nothing more: live pages outside restrictions they
fail, live quotes, tags on those; an anonymous author only as "Anonymous", dates without times,
a small team's anonymous story without its team."""

import datetime
import json

import pytest
from django.contrib.auth.models import Group

pytestmark = pytest.mark.django_db

STORY_LIST = "/api/v2/pages/?type=stories.StoryPage&fields=*"


def titles(response):
    assert response.status_code == 200, response.content
    return {item["title"] for item in response.json()["items"]}


def test_only_live_unrestricted_pages_are_listed(api, world):
    listed = titles(api.get("/api/v2/pages/?limit=100"))
    assert {world["named"].title, world["small"].title, world["large"].title} <= listed
    assert world["draft"].title not in listed
    assert world["restricted"].title not in listed
    assert titles(api.get(STORY_LIST)) == {
        world["named"].title,
        world["small"].title,
        world["large"].title,
    }


def test_drafts_and_restricted_pages_are_not_found_one_by_one(api, world):
    for page in (world["draft"], world["restricted"]):
        response = api.get(f"/api/v2/pages/{page.pk}/")
        assert response.status_code == 404
        assert response.json() == {"message": "No Page matches the given query."}
        assert api.get(f"/api/v2/pages/?child_of={page.pk}").status_code in (400, 404)
        assert api.get(f"/api/v2/pages/find/?html_path={page.url}").status_code == 404


def test_a_reader_who_passes_a_restriction_sees_the_page(api, world, other_employee):
    other_employee.groups.add(Group.objects.get(name="Board"))
    assert world["restricted"].title in titles(api.get(STORY_LIST))
    assert api.get(f"/api/v2/pages/{world['restricted'].pk}/").status_code == 200


def test_a_draft_edit_of_a_live_story_is_not_shown(api, world):
    named = world["named"]
    named.title = "An unpublished new title"
    named.save_revision()
    assert api.get(f"/api/v2/pages/{named.pk}/").json()["title"] == (
        "The newsletter went to the wrong list"
    )


def test_a_named_story_shows_its_byline_and_parts(api, world):
    data = api.get(f"/api/v2/pages/{world['named'].pk}/").json()
    assert data["byline"] == "Nadia Named"
    assert data["shown_team"] == "Payroll"  # a named story keeps its team, small or not
    assert data["series"] == "Email mishaps"
    assert data["tags"] == ["email"]
    assert data["lessons"] == ["Check the list before sending"]
    assert data["actions"] == [
        {
            "description": "Add a second check",
            "owner": "Marketing",
            "due_date": None,
            "status": "open",
        }
    ]
    assert data["questions"] == ["Who checks our lists?"]
    assert data["what_happened"] == "<p>We sent the wrong file to a client.</p>"
    assert data["meta"]["type"] == "stories.StoryPage"


def test_an_anonymous_story_names_nobody_and_not_its_small_team(api, world, quiet_author):
    for url in (f"/api/v2/pages/{world['small'].pk}/", STORY_LIST):
        body = api.get(url).content.decode()
        for secret in ("quietauthor", "Quentin", "Quiet", "Payroll"):
            # Payroll is named by the named story of the listing only.
            if secret == "Payroll" and url == STORY_LIST:
                assert body.count("Payroll") == 1
                continue
            assert secret not in body, (url, secret)
        data = json.loads(body)
        for item in data.get("items", [data]):
            keys = set(item) | set(item["meta"])
            assert not keys & {"owner", "author", "authorship", "latest_revision"}, keys
    small = api.get(f"/api/v2/pages/{world['small'].pk}/").json()
    assert small["byline"] == "Anonymous"
    assert small["shown_team"] is None
    large = api.get(f"/api/v2/pages/{world['large'].pk}/").json()
    assert large["byline"] == "Anonymous"
    assert large["shown_team"] == "Helpdesk"


def test_the_real_team_cannot_be_filtered_ordered_or_asked_for(api, world):
    payroll = world["payroll"].pk
    for query in (
        f"team={payroll}",
        f"team_id={payroll}",
        "order=team",
        "fields=team",
        "fields=owner",
        "fields=authorship",
        "owner=1",
        "fields=first_published_at",
        "fields=last_published_at",
        "order=first_published_at",
    ):
        response = api.get(f"{STORY_LIST.split('&')[0]}&{query}")
        assert response.status_code == 400, query
        assert "message" in response.json()


def test_dates_not_times(api, world):
    listing = api.get(STORY_LIST).content.decode()
    detail = api.get(f"/api/v2/pages/{world['large'].pk}/").json()
    assert detail["meta"]["published_on"] == "2026-12-01"
    assert "first_published_at" not in detail["meta"]
    for text in (listing, json.dumps(detail)):
        assert "09:07" not in text and "T0" not in text and "T1" not in text


def test_newest_first_by_published_on(api, world):
    items = api.get(f"{STORY_LIST}&order=-published_on").json()["items"]
    assert items[-1]["title"] == world["large"].title  # published on 1 December 2026, the oldest


def test_search_finds_only_what_the_reader_may_see(api, world):
    found = titles(api.get("/api/v2/pages/?search=board"))
    assert world["restricted"].title not in found


def test_tags_are_those_on_what_the_reader_may_see(api, world, quotes, pack):
    names = {item["name"] for item in api.get("/api/v2/tags/").json()["items"]}
    assert {"email", "payslips", "persistence"} <= names
    assert not names & {"drafty", "boardroom", "soon"}


def test_only_live_quotes(api, quotes):
    response = api.get("/api/v2/quotes/?fields=*")
    items = response.json()["items"]
    assert [item["text"] for item in items] == ["Fall seven times, stand up eight."]
    assert items[0]["tags"] == ["persistence"]
    assert api.get(f"/api/v2/quotes/{quotes['future'].pk}/").status_code == 404
    assert api.get(f"/api/v2/quotes/{quotes['live'].pk}/").status_code == 200


def test_a_pack_shows_its_agenda_without_notes_or_stories_the_reader_may_not_open(api, pack, world):
    data = api.get(f"/api/v2/pages/{pack.pk}/").json()
    assert data["team"] == "Helpdesk"
    body = json.dumps(data)
    assert "facilitator" not in body and "Ask Sam" not in body
    assert world["restricted"].title not in body
    story_items = [item for item in data["agenda"] if item["type"] == "story"]
    assert [item["story"] for item in story_items] == [world["named"].pk]
    assert story_items[0]["lines"][0].startswith("By Nadia Named.")
    assert data["agenda"][0]["starts_at"] == "09:00"


def test_story_listings_cost_the_same_whatever_their_length(
    api, world, stories_index, django_assert_max_num_queries
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from stories.factories import TeamFactory
    from tests.stories.reading_support import story

    def count():
        with CaptureQueriesContext(connection) as context:
            response = api.get(STORY_LIST + "&limit=100")
        assert response.status_code == 200
        return len(context.captured_queries), response.json()["meta"]["total_count"]

    count()  # the first request also stores the site's settings and the token's last use
    few, total = count()
    team = TeamFactory(name="Big", members=6)
    for number in range(12):
        story(
            parent=stories_index,
            title=f"Seeded {number}",
            team=team,
            author__anonymous=bool(number % 2),
            tags=[f"tag{number}", "shared"],
            lessons=["One", "Two"],
            actions=[{"description": "Fix", "owner": "Ops", "status": "open"}],
            questions=["Why?"],
        )
    many, more = count()
    assert more == total + 12
    assert many == few
    # The token, the site, the restrictions (3), the settings, the count, the stories, and one
    # query each for tags, lessons, actions and questions.
    with django_assert_max_num_queries(12):
        api.get(STORY_LIST + "&limit=100")


def test_addresses_come_from_base_url(api, world, settings):
    settings.WAGTAILADMIN_BASE_URL = settings.WAGTAILAPI_BASE_URL = "https://own-it.example.com"
    meta = api.get(f"/api/v2/pages/{world['named'].pk}/").json()["meta"]
    assert meta["detail_url"] == f"https://own-it.example.com/api/v2/pages/{world['named'].pk}/"
    assert meta["html_url"] == f"https://own-it.example.com{world['named'].url}"
    assert meta["parent"]["meta"]["html_url"] == "https://own-it.example.com/stories/"


@pytest.mark.parametrize(
    "url",
    [
        "/api/v2/pages/?limit=100",
        "/api/v2/pages/?limit=100&fields=*",
        "/api/v2/quotes/?limit=100&fields=*",
        "/api/v2/tags/?limit=100",
    ],
)
def test_other_listings_cost_the_same_whatever_their_length(api, world, quotes, stories_index, url):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from culture.quotes.factories import QuoteFactory
    from tests.stories.reading_support import story

    def count():
        with CaptureQueriesContext(connection) as context:
            response = api.get(url)
        assert response.status_code == 200
        return len(context.captured_queries), response.json()["meta"]["total_count"]

    count()
    few, total = count()
    today = datetime.date.today()
    for number in range(8):
        story(parent=stories_index, title=f"Seeded {number}", tags=[f"seeded{number}"])
        QuoteFactory(week=today - datetime.timedelta(weeks=number + 3), tags=[f"quoted{number}"])
    many, more = count()
    assert more > total
    assert many == few, url
