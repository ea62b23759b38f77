"""Security headers: the front end's strict Content-Security-Policy, the admin's own, and the
Permissions-Policy; plus the colour stylesheet that lets pages go without inline style.

What a browser does with these headers is in tests/browser/test_csp.py.
"""

import datetime
import re

import pytest
from django.urls import reverse
from django.utils import timezone

from culture.campaigns.models import CampaignIndexPage, CampaignPage
from culture.meetings.factories import (
    MeetingPackPageFactory,
    MeetingPacksIndexPageFactory,
    open_round_item,
)
from home.models import SiteSettings
from stories.factories import StoriesIndexPageFactory, StoryPageFactory

FRONT_END_POLICY = {
    "default-src": "'self'",
    "img-src": "'self' data:",
    "object-src": "'none'",
    "base-uri": "'self'",
    "form-action": "'self'",
    "frame-ancestors": "'self'",
}
ADMIN_POLICY = {
    **FRONT_END_POLICY,
    "script-src": "'self' 'unsafe-inline'",
    "style-src": "'self' 'unsafe-inline'",
    "img-src": "'self' data: blob:",
}

# Markup that a policy without 'unsafe-inline' refuses: an inline <script> (one with no src; a
# JSON data block is not run and is allowed), a <style> element, a style attribute, an on…
# handler attribute and a javascript: link.
INLINE_MARKUP = re.compile(
    r"<script(?![^>]*\bsrc=)(?![^>]*type=\"application/(?:ld\+)?json\")[^>]*>"
    r"|<style\b|\sstyle=|\son[a-z]+=|javascript:",
    re.IGNORECASE,
)


def directives(header):
    """'a x; b y z' as {"a": "x", "b": "y z"}."""
    parts = (part.strip().split(" ", 1) for part in header.split(";") if part.strip())
    return dict(parts)


@pytest.fixture
def site_pages(home_page, employee):
    """One page of each kind a reader opens, published, with what its template shows filled in."""
    stories = StoriesIndexPageFactory(parent=home_page)
    story = StoryPageFactory(
        parent=stories,
        title="The invoice we sent twice",
        author=employee,
        lessons=["Check the batch before sending"],
        actions=[{"description": "Add a second check", "due_date": datetime.date(2030, 1, 1)}],
        questions=["What would you have checked first?"],
        tags=["billing"],
    )
    packs = MeetingPacksIndexPageFactory(parent=home_page)
    pack = MeetingPackPageFactory(parent=packs, agenda=[open_round_item()])
    campaigns = home_page.add_child(instance=CampaignIndexPage(title="Campaigns", slug="campaigns"))
    campaigns.save_revision().publish()
    today = timezone.localdate()
    campaign = campaigns.add_child(
        instance=CampaignPage(
            title="Mistake Management Month",
            slug="mmm",
            start_date=today - datetime.timedelta(days=3),
            end_date=today + datetime.timedelta(days=27),
        )
    )
    campaign.save_revision().publish()
    return {"story": story, "pack": pack, "campaign": campaign}


@pytest.mark.django_db
def test_front_end_pages_have_the_strict_policy_and_no_inline_script_or_style(
    employee_client, site_pages
):
    paths = [
        "/",
        site_pages["story"].get_parent().url,
        site_pages["story"].url,
        reverse("stories:share"),
        reverse("stories:my_stories"),
        "/search/?q=invoice",
        reverse("account"),
        "/account/?tag=billing",
        site_pages["pack"].url,
        site_pages["campaign"].url,
        site_pages["campaign"].get_parent().url,
    ]
    for path in paths:
        response = employee_client.get(path)
        assert response.status_code == 200, path
        assert directives(response["Content-Security-Policy"]) == FRONT_END_POLICY, path
        html = response.content.decode()
        assert not INLINE_MARKUP.findall(html), f"{path}: {INLINE_MARKUP.findall(html)}"


@pytest.mark.django_db
def test_sign_in_page_has_the_strict_policy(client, home_page):
    response = client.get(reverse("login"))
    assert directives(response["Content-Security-Policy"]) == FRONT_END_POLICY
    assert not INLINE_MARKUP.findall(response.content.decode())


@pytest.mark.django_db
def test_admin_has_its_own_policy_with_inline_but_no_eval_and_no_other_origin(
    client, superuser, home_page
):
    assert directives(client.get("/admin/login/")["Content-Security-Policy"]) == ADMIN_POLICY
    client.force_login(superuser)
    response = client.get(reverse("wagtailadmin_home"))
    assert response.status_code == 200
    assert directives(response["Content-Security-Policy"]) == ADMIN_POLICY
    assert "unsafe-eval" not in response["Content-Security-Policy"]


@pytest.mark.django_db
def test_admin_preview_of_a_page_has_the_front_end_policy(client, superuser, site_pages):
    """A preview is a front-end page served under /admin/: it must look as readers will see it."""
    client.force_login(superuser)
    story = site_pages["story"]
    response = client.get(reverse("wagtailadmin_pages:view_draft", args=[story.pk]))
    assert response.status_code == 200
    assert b"The invoice we sent twice" in response.content
    assert directives(response["Content-Security-Policy"]) == FRONT_END_POLICY


@pytest.mark.django_db
def test_every_response_turns_off_camera_microphone_and_geolocation(
    client, employee_client, home_page
):
    expected = "camera=(), microphone=(), geolocation=()"
    assert employee_client.get("/")["Permissions-Policy"] == expected
    assert client.get("/admin/login/")["Permissions-Policy"] == expected
    assert client.get("/healthz/")["Permissions-Policy"] == expected
    assert client.get("/static/css/site.css")["Permissions-Policy"] == expected


@pytest.fixture
def plum(home_page):
    site_settings = SiteSettings.for_site(home_page.get_site())
    site_settings.primary_colour = "#6B2D5C"
    site_settings.save()
    return site_settings


@pytest.mark.django_db
def test_pages_link_the_colour_stylesheet_versioned_by_the_colour(employee_client, plum):
    html = employee_client.get("/").content.decode()
    assert '<link rel="stylesheet" href="/site-colours.css?v=6B2D5C">' in html


@pytest.mark.django_db
def test_colour_stylesheet_has_the_site_colours_and_is_kept_for_a_year(client, plum):
    # Signed out on purpose: the sign-in page uses it too (listed in test_privacy.OPEN_VIEWS).
    response = client.get("/site-colours.css?v=6B2D5C")
    assert response.status_code == 200
    assert response["Content-Type"] == "text/css; charset=utf-8"
    css = response.content.decode()
    assert "--primary: #6b2d5c;" in css
    assert "--on-primary: #ffffff;" in css
    assert "max-age=31536000" in response["Cache-Control"]
    assert "immutable" in response["Cache-Control"]


@pytest.mark.django_db
def test_colour_stylesheet_at_an_old_address_is_revalidated_by_etag(client, plum):
    old = client.get("/site-colours.css?v=1f5f8b")
    assert "--primary: #6b2d5c;" in old.content.decode()
    assert "no-cache" in old["Cache-Control"]
    assert "max-age=31536000" not in old["Cache-Control"]
    again = client.get("/site-colours.css?v=1f5f8b", headers={"if-none-match": old["ETag"]})
    assert again.status_code == 304


@pytest.mark.django_db
def test_colour_stylesheet_follows_a_colour_change(client, plum):
    etag = client.get("/site-colours.css")["ETag"]
    plum.primary_colour = "#1f5f8b"
    plum.save()
    response = client.get("/site-colours.css", headers={"if-none-match": etag})
    assert response.status_code == 200
    assert "--primary: #1f5f8b;" in response.content.decode()


@pytest.mark.django_db
def test_colour_stylesheet_never_writes_a_value_that_is_not_a_colour(client, home_page):
    # The settings form validates the colour; a value written another way must not reach the CSS.
    SiteSettings.objects.filter(site=home_page.get_site()).delete()
    # Seven characters: the column's length on PostgreSQL, which enforces it.
    SiteSettings.objects.create(site=home_page.get_site(), primary_colour="x}*{y:z")
    css = client.get("/site-colours.css").content.decode()
    assert "--primary: #1f5f8b;" in css
    assert "x}*{y:z" not in css
