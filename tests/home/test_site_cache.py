"""The Site, its root page, the sections and the site settings are cached, and forgotten on change."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from home.models import HomePage, SiteSettings


def _queries(client, url):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return [query["sql"] for query in queries]


@pytest.mark.django_db
def test_a_warm_page_reads_no_site_page_or_settings_rows(employee_client, home_page):
    employee_client.get("/")
    sql = " ".join(_queries(employee_client, "/account/"))
    assert "wagtailcore_site" not in sql
    assert "home_sitesettings" not in sql
    assert "wagtailcore_page" not in sql


@pytest.mark.django_db
def test_publishing_the_home_page_shows_at_once(employee_client, home_page):
    assert b"Own It" in employee_client.get("/").content
    home = HomePage.objects.get(pk=home_page.pk)
    home.intro = "A brand new welcome line."
    home.save_revision().publish()
    assert b"A brand new welcome line." in employee_client.get("/").content


@pytest.mark.django_db
def test_changing_site_settings_shows_at_once(employee_client, home_page):
    employee_client.get("/")
    settings_row = SiteSettings.for_site(home_page.get_site())
    settings_row.site_name = "Learn Together"
    settings_row.save()
    assert b"Learn Together" in employee_client.get("/account/").content


@pytest.mark.django_db
def test_a_new_section_is_found_and_a_missing_one_is_404(employee_client, home_page):
    assert employee_client.get("/corner/").status_code == 404
    home_page.add_child(instance=HomePage(title="Corner", slug="corner"))
    assert employee_client.get("/corner/").status_code == 200


@pytest.mark.django_db
def test_section_links_follow_publishing_and_moves(home_page, django_assert_num_queries):
    from home.page_links import section_url
    from stories.factories import StoriesIndexPageFactory
    from stories.models import StoriesIndexPage

    assert section_url(StoriesIndexPage) == ""
    index = StoriesIndexPageFactory(parent=home_page)
    assert section_url(StoriesIndexPage) == "/stories/"
    with django_assert_num_queries(0):
        assert section_url(StoriesIndexPage) == "/stories/"
    index.unpublish()
    assert section_url(StoriesIndexPage) == ""
    index.save_revision().publish()
    corner = home_page.add_child(instance=HomePage(title="Corner", slug="corner"))
    StoriesIndexPage.objects.get(pk=index.pk).move(corner, pos="last-child")
    assert section_url(StoriesIndexPage) == "/corner/stories/"
