"""Settings, error pages, the demo loader and the front-end shell."""

import os
import subprocess
import sys
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command
from django.test import override_settings
from wagtail.models import Page

from home.models import HomePage

ROOT = Path(__file__).resolve().parents[2]


def _manage(*args, env=None):
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env={**os.environ, **(env or {})},
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_production_settings_pass_the_deploy_check():
    result = _manage(
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        env={
            "DJANGO_SETTINGS_MODULE": "culture.settings.production",
            "SECRET_KEY": "a" * 20 + "-production-secret-for-the-check-" + "b" * 20,
            "ALLOWED_HOSTS": "own-it.example.com",
        },
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_production_refuses_to_start_without_a_secret_key():
    env = {"DJANGO_SETTINGS_MODULE": "culture.settings.production", "SECRET_KEY": ""}
    result = _manage("check", env=env)
    assert result.returncode != 0
    assert "SECRET_KEY is not set" in result.stderr


def test_sqlite_runs_in_wal_mode_with_a_busy_timeout(settings):
    from django.db import connection

    if connection.vendor != "sqlite":
        pytest.skip("SQLite only")
    options = settings.DATABASES["default"]["OPTIONS"]
    assert options["timeout"] >= 5
    assert "journal_mode=WAL" in options["init_command"]


@pytest.mark.django_db
def test_404_page_is_friendly_and_styled(employee_client, home_page):
    response = employee_client.get("/no-such-page/")
    assert response.status_code == 404
    assert b"We couldn" in response.content
    assert b"css/site.css" in response.content


@pytest.mark.django_db
def test_500_page_shows_no_stack_trace(client, employee, home_page):
    client.force_login(employee)
    client.raise_request_exception = False
    with override_settings(DEBUG=False), pytest.MonkeyPatch.context() as patch:

        def explode(self, request, *args, **kwargs):
            raise RuntimeError("secret internals")

        patch.setattr(HomePage, "serve", explode)
        response = client.get("/")
    assert response.status_code == 500
    assert b"Something went wrong on our side" in response.content
    assert b"secret internals" not in response.content
    assert b"Traceback" not in response.content


@pytest.mark.django_db
def test_base_template_is_accessible(employee_client, home_page):
    html = employee_client.get("/").content.decode()
    assert '<a class="skip-link" href="#main">' in html
    assert '<main id="main"' in html
    assert 'role="banner"' in html and 'role="contentinfo"' in html
    assert '<nav class="main-nav" aria-label="Main">' in html
    assert '<label class="visually-hidden" for="site-search-q">' in html
    assert html.count("<h1") == 1


@pytest.mark.django_db
def test_load_demo_is_idempotent_and_every_page_opens(client, settings):
    settings.DEBUG = True
    call_command("load_demo", stdout=StringIO())
    from django.contrib.auth import get_user_model

    counts = (Page.objects.count(), get_user_model().objects.count())
    call_command("load_demo", stdout=StringIO())
    assert (Page.objects.count(), get_user_model().objects.count()) == counts

    client.force_login(get_user_model().objects.get(username="erin"))
    for page in Page.objects.live().exclude(depth=1):
        response = client.get(page.url)
        assert response.status_code == 200, page.url


@pytest.mark.django_db
def test_demo_accounts_exist_only_in_debug(settings):
    from django.contrib.auth import get_user_model

    settings.DEBUG = False
    call_command("load_demo", stdout=StringIO())
    assert not get_user_model().objects.filter(username="erin").exists()
    assert HomePage.objects.count() == 1
