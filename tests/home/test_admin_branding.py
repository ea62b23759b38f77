"""Own It's name, mark and colour in the admin, from the Culture team's Site settings."""

import re

import pytest
from django.urls import reverse

from home.colours import hsl_parts
from home.models import SiteSettings
from home.roles import sync_roles

pytestmark = pytest.mark.django_db


def test_hsl_parts_of_the_default_and_plain_colours():
    assert hsl_parts("#ff0000") == (0.0, 100.0, 50.0)
    assert hsl_parts("#ffffff") == (0.0, 0.0, 100.0)
    hue, saturation, lightness = hsl_parts("#1f5f8b")
    assert (round(hue), round(saturation), round(lightness)) == (204, 64, 33)


def test_the_admin_carries_the_sites_name_mark_and_colour(client, home_page, culture_member):
    settings = SiteSettings.for_site(home_page.get_site())
    settings.site_name = "Own It at Acme"
    settings.primary_colour = "#6b2d5c"
    settings.save()
    sync_roles()
    client.force_login(culture_member)
    html = client.get(reverse("wagtailadmin_home")).content.decode()
    assert "- Own It at Acme</title>" in html
    assert f'href="{reverse("admin_colours")}?v=6b2d5c"' in html
    assert "img/own-it-mark.svg" in html and "img/favicon.svg" in html
    assert "wagtailadmin/images/favicon.ico" not in html
    assert re.search(r'<h1 class="w-h1 w-mt-0">\s*Own It at Acme\s*</h1>', html)

    css = client.get(reverse("admin_colours"), {"v": "6b2d5c"})
    assert css["Content-Type"].startswith("text/css")
    assert "immutable" in css["Cache-Control"]
    body = css.content.decode()
    hue, saturation, lightness = hsl_parts("#6b2d5c")
    assert f"--w-color-primary-hue: {hue};" in body
    assert f"--w-color-secondary-lightness: {lightness}%;" in body
    # An old colour's address is revalidated, not kept for a year.
    assert "no-cache" in client.get(reverse("admin_colours"), {"v": "1f5f8b"})["Cache-Control"]


def test_the_admin_sign_in_page_names_the_site(client, home_page):
    html = client.get(reverse("wagtailadmin_login")).content.decode()
    assert "Sign in to Own It" in html and "Sign in to Wagtail" not in html
    assert client.get(reverse("admin_colours")).status_code == 200  # before signing in too
