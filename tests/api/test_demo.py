"""load_demo gives Erin one API token and prints its secret once; it opens the API."""

import re
from io import StringIO

import pytest
from django.core.management import call_command
from django.test import Client
from wagtail.models import APIToken


@pytest.mark.django_db
def test_the_demo_token_is_made_once_and_works(settings, client):
    settings.DEBUG = True
    out = StringIO()
    call_command("load_demo", stdout=out)
    secret = re.search(r"Bearer (wagtail_\w+)", out.getvalue())[1]
    again = StringIO()
    call_command("load_demo", stdout=again)
    assert "wagtail_" not in again.getvalue()
    token = APIToken.objects.get()
    assert token.user.username == "erin"

    api = Client(headers={"Authorization": f"Bearer {secret}"})
    stories = api.get("/api/v2/pages/?type=stories.StoryPage&fields=byline,tags&limit=100")
    assert stories.status_code == 200
    assert stories.json()["meta"]["total_count"] > 5
    client.force_login(token.user)
    assert "Team dashboard (demo)" in client.get("/account/").content.decode()
