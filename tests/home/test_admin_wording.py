"""Every page editor speaks Own It's words: nothing about the public, search engines or
automatic menus (Wagtail's defaults, wrong on a private intranet)."""

import datetime
import re

import pytest
from django.urls import reverse

from culture.campaigns.models import CampaignIndexPage, CampaignPage
from culture.meetings.factories import MeetingPackPageFactory, MeetingPacksIndexPageFactory
from stories.factories import StoriesIndexPageFactory, StoryPageFactory

pytestmark = pytest.mark.django_db

WAGTAIL_DEFAULTS = [
    "seen by the public",
    "search engine",
    "automatically generated menus",
    "http://domain.com",
]


def test_no_page_editor_shows_wagtails_public_web_wording(client, home_page, superuser):
    stories = StoriesIndexPageFactory(parent=home_page)
    packs = MeetingPacksIndexPageFactory(parent=home_page)
    campaigns = home_page.add_child(instance=CampaignIndexPage(title="Campaigns", slug="c"))
    campaign = campaigns.add_child(
        instance=CampaignPage(
            title="Mistake Management Month",
            slug="mmm",
            start_date=datetime.date(2026, 12, 1),
            end_date=datetime.date(2026, 12, 31),
        )
    )
    pages = [
        home_page,
        stories,
        StoryPageFactory(parent=stories),
        packs,
        MeetingPackPageFactory(parent=packs),
        campaigns,
        campaign,
    ]
    client.force_login(superuser)
    for page in pages:
        html = client.get(reverse("wagtailadmin_pages:edit", args=[page.pk])).content.decode()
        # What the editor reads; the accessibility checker's configuration is JSON in a script.
        html = re.sub(r"<script.*?</script>", "", html, flags=re.S)
        assert "Address and search" in html, page
        for words in WAGTAIL_DEFAULTS:
            assert words not in html, (page, words)
