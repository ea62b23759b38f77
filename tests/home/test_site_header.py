"""The header, menu and footer every page shows: always current, and the menu cached as a fragment.

The Site, its settings and the page tree are Wagtail's own, read the standard way; the menu is a
`{% wagtailcache %}` fragment retired by the "site" scope (home/site_fragments.py). Each test
warms the fragment first, so a change that failed to retire it would show the old menu.
"""

import re

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from wagtail.models import Site

from culture.campaigns.models import CampaignIndexPage
from culture.meetings.factories import MeetingPacksIndexPageFactory
from home.models import HomePage, SiteSettings

pytestmark = pytest.mark.django_db


def menu(client, url="/account/"):
    """The main menu's links, as (label, href, current) in order."""
    response = client.get(url)
    assert response.status_code == 200, url
    nav = re.search(r'<nav class="main-nav".*?</nav>', response.content.decode(), re.S).group()
    return [
        (label, href, bool(current))
        for href, current, label in re.findall(
            r'<a href="([^"]*)"( aria-current="page")?>([^<]*)</a>', nav
        )
    ]


def links(client, url="/account/"):
    return {label: href for label, href, _ in menu(client, url)}


def publish(page):
    page.save_revision().publish()
    return page


def test_a_new_section_appears_in_the_warm_menu_and_leaves_when_unpublished_or_deleted(
    employee_client, home_page
):
    assert "Campaigns" not in links(employee_client)
    campaigns = home_page.add_child(instance=CampaignIndexPage(title="Campaigns", slug="campaigns"))
    publish(campaigns)
    assert links(employee_client)["Campaigns"] == "/campaigns/"

    campaigns.unpublish()
    assert "Campaigns" not in links(employee_client)

    publish(campaigns)
    assert "Campaigns" in links(employee_client)
    campaigns.delete()
    assert "Campaigns" not in links(employee_client)


def test_a_renamed_or_moved_section_shows_its_new_address_on_the_next_request(
    employee_client, home_page
):
    packs = MeetingPacksIndexPageFactory(parent=home_page)
    assert links(employee_client)["Meeting packs"] == "/meeting-packs/"

    packs.slug = "staff-meetings"
    publish(packs)
    assert links(employee_client)["Meeting packs"] == "/staff-meetings/"

    corner = home_page.add_child(instance=HomePage(title="Corner", slug="corner"))
    packs.refresh_from_db()
    packs.move(corner, pos="last-child")
    assert links(employee_client)["Meeting packs"] == "/corner/staff-meetings/"


def test_site_settings_show_on_the_next_request(employee_client, home_page):
    assert b"Own It" in employee_client.get("/account/").content
    settings_row = SiteSettings.for_site(home_page.get_site())
    settings_row.site_name = "Learn Together"
    settings_row.tagline = "Every slip is a lesson."
    settings_row.save()
    content = employee_client.get("/account/").content.decode()
    assert re.search(r'<a class="site-name" href="/">.*?Learn Together\s*</a>', content, re.S)
    assert "· Learn Together</title>" in content
    assert "Every slip is a lesson." in content


def test_a_new_or_renamed_page_under_home_is_routed_at_once(employee_client, home_page):
    assert employee_client.get("/corner/").status_code == 404
    corner = home_page.add_child(instance=HomePage(title="Corner", slug="corner"))
    assert employee_client.get("/corner/").status_code == 200
    corner.slug = "nook"
    publish(corner)
    assert employee_client.get("/corner/").status_code == 404
    assert employee_client.get("/nook/").status_code == 200


def test_publishing_the_home_page_shows_at_once(employee_client, home_page):
    assert b"A brand new welcome line." not in employee_client.get("/").content
    home = HomePage.objects.get(pk=home_page.pk)
    home.intro = "A brand new welcome line."
    publish(home)
    assert b"A brand new welcome line." in employee_client.get("/").content


def test_a_site_change_retires_the_menu(employee_client, home_page):
    # A section outside the site has no address, so the menu leaves it out...
    other_home = home_page.get_parent().add_child(instance=HomePage(title="Other", slug="other"))
    MeetingPacksIndexPageFactory(parent=other_home)
    assert "Meeting packs" not in links(employee_client)
    # ...until the site is served from the page above it (only the Site row changes).
    site = Site.objects.get()
    site.root_page = other_home
    site.save()
    assert links(employee_client)["Meeting packs"] == "/meeting-packs/"


def test_the_current_item_follows_the_address(employee_client, home_page):
    publish(home_page.add_child(instance=CampaignIndexPage(title="Campaigns", slug="campaigns")))

    def current(url):
        return [label for label, _, is_current in menu(employee_client, url) if is_current]

    # Each address is read twice: the second answer comes from the cached menu.
    for _ in range(2):
        assert current("/quotes/") == ["Quotes"]
        assert current("/campaigns/") == ["Campaigns"]
        assert current("/account/") == []
        assert current("/") == ["Home"]


def test_a_warm_menu_reads_no_section_and_what_is_personal_is_never_shared(
    client, home_page, employee, superuser
):
    MeetingPacksIndexPageFactory(parent=home_page)
    publish(home_page.add_child(instance=CampaignIndexPage(title="Campaigns", slug="campaigns")))
    sections = ("meetings_meetingpacksindexpage", "campaigns_campaignindexpage")
    admin = Client()
    admin.force_login(superuser)
    with CaptureQueriesContext(connection) as queries:
        first = admin.get("/account/").content.decode()
    assert all(table in " ".join(query["sql"] for query in queries) for table in sections)
    assert ">Admin</a>" in first

    client.force_login(employee)
    with CaptureQueriesContext(connection) as queries:
        response = client.get("/account/")
    # The menu came from the fragment the superuser's request stored...
    assert not any(table in " ".join(query["sql"] for query in queries) for table in sections)
    assert links(client) == links(admin)
    # ...but the name, the admin link and the CSRF token are the reader's own.
    second = response.content.decode()
    assert "<summary>Erin</summary>" in second
    assert ">Admin</a>" not in second
    token = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
    assert token.search(first).group(1) != token.search(second).group(1)


def test_a_warm_header_costs_no_query_for_the_sections(
    employee_client, home_page, django_assert_max_num_queries
):
    from stories.factories import StoriesIndexPageFactory

    employee_client.get("/account/")
    with CaptureQueriesContext(connection) as queries:
        employee_client.get("/account/")
    without_sections = len(queries)  # now: the next request empties Django's query log
    StoriesIndexPageFactory(parent=home_page)
    MeetingPacksIndexPageFactory(parent=home_page)
    publish(home_page.add_child(instance=CampaignIndexPage(title="Campaigns", slug="campaigns")))
    for number in range(10):
        publish(home_page.add_child(instance=HomePage(title=f"Extra {number}", slug=f"x{number}")))
    employee_client.get("/account/")
    with django_assert_max_num_queries(without_sections):
        assert len(menu(employee_client)) == 7


def test_the_admin_link_follows_a_change_of_role_at_the_next_request(employee_client, employee):
    from django.contrib.auth.models import Group

    assert ">Admin</a>" not in employee_client.get("/account/").content.decode()
    employee.groups.add(Group.objects.get(name="Moderators"))
    assert ">Admin</a>" in employee_client.get("/account/").content.decode()
    employee.groups.clear()
    assert ">Admin</a>" not in employee_client.get("/account/").content.decode()
