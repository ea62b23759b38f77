"""Wallpapers: three sizes, text that fits whatever its length, cached until something changes."""

import io

import pytest
from django.core.cache import cache
from django.urls import reverse
from PIL import Image, ImageChops

from culture.quotes import wallpaper
from culture.quotes.factories import QuoteFactory
from culture.quotes.wallpaper import SIZES, render
from home.models import SiteSettings

from .conftest import A_MONDAY, at

SHORT = "Fall seven times, stand up eight."
LONG = (
    "A man of genius makes no mistakes. His errors are volitional and are the portals of "
    "discovery. " * 7
)[:600]
UNBREAKABLE = "x" * 180  # one "word" longer than any line


@pytest.fixture(autouse=True)
def empty_cache():
    cache.clear()


@pytest.fixture
def live_quote(db, frozen):
    frozen(at(A_MONDAY, 9, 0))
    return QuoteFactory(text=SHORT, author="Japanese proverb", week=A_MONDAY)


def _ink_box(png, background):
    """The bounding box of every pixel that is not the background colour."""
    image = Image.open(io.BytesIO(png)).convert("RGB")
    return ImageChops.difference(image, Image.new("RGB", image.size, background)).getbbox()


@pytest.mark.parametrize("size", SIZES.values(), ids=lambda size: size.key)
@pytest.mark.parametrize("text", [SHORT, LONG, UNBREAKABLE], ids=["short", "long", "unbreakable"])
def test_text_of_any_length_fits_inside_the_margins(size, text):
    png, layout = render(
        text, "James Joyce, Ulysses (1922)", "Own It", "#1f5f8b", size.width, size.height
    )
    image = Image.open(io.BytesIO(png))
    assert image.format == "PNG"
    assert image.size == (size.width, size.height)
    left, top, right, bottom = layout.margin_box
    ink = _ink_box(png, (0x1F, 0x5F, 0x8B))
    assert ink is not None
    assert ink[0] >= left and ink[1] >= top, (ink, layout.margin_box)
    assert ink[2] <= right and ink[3] <= bottom, (ink, layout.margin_box)
    # Short quotes are set big, long ones smaller, never unreadably small.
    assert layout.quote_size >= min(size.width, size.height) * 0.014
    if text == SHORT:
        assert layout.quote_size >= min(size.width, size.height) * 0.07


def test_long_quotes_are_set_smaller_than_short_ones():
    _, short = render(SHORT, "A", "Own It", "#1f5f8b", 1920, 1080)
    _, long = render(LONG, "A", "Own It", "#1f5f8b", 1920, 1080)
    assert long.quote_size < short.quote_size
    assert len(long.lines) > len(short.lines)


def test_wallpaper_uses_the_primary_colour_and_readable_text():
    png, _ = render(SHORT, "A", "Own It", "#8b1f1f", 1920, 1080)
    image = Image.open(io.BytesIO(png)).convert("RGB")
    assert image.getpixel((5, 5)) == (0x8B, 0x1F, 0x1F)
    colours = {colour for _, colour in image.getcolors(maxcolors=1_000_000)}
    assert (255, 255, 255) in colours  # white text on the dark red


@pytest.mark.django_db
@pytest.mark.parametrize("size", SIZES.values(), ids=lambda size: size.key)
def test_download_in_every_size(employee_client, home_page, live_quote, size):
    response = employee_client.get(reverse("quotes:wallpaper", args=[live_quote.pk, size.key]))
    assert response.status_code == 200
    assert response["Content-Type"] == "image/png"
    assert f"{size.width}x{size.height}.png" in response["Content-Disposition"]
    assert Image.open(io.BytesIO(response.content)).size == (size.width, size.height)


@pytest.mark.django_db
def test_unknown_size_is_a_404(employee_client, home_page, live_quote):
    for size in ("800x600", "sample", "1920x1080x2"):
        response = employee_client.get(reverse("quotes:wallpaper", args=[live_quote.pk, size]))
        assert response.status_code == 404
    assert employee_client.get("/quotes/999999/wallpaper/1920x1080.png").status_code == 404


@pytest.mark.django_db
def test_drawn_once_and_redrawn_when_the_quote_or_the_settings_change(
    employee_client, home_page, live_quote, monkeypatch
):
    calls = []
    real_render = wallpaper.render

    def counting_render(*args, **kwargs):
        calls.append(args)
        return real_render(*args, **kwargs)

    monkeypatch.setattr(wallpaper, "render", counting_render)
    address = reverse("quotes:wallpaper", args=[live_quote.pk, "1920x1080"])

    first = employee_client.get(address).content
    assert employee_client.get(address).content == first
    assert len(calls) == 1

    live_quote.author = "Japanese proverb (Nana korobi ya oki)"
    live_quote.save()
    employee_client.get(address)
    assert len(calls) == 2
    assert calls[-1][1] == "Japanese proverb (Nana korobi ya oki)"

    site_settings = SiteSettings.for_site(home_page.get_site())
    site_settings.primary_colour = "#5b2a86"
    site_settings.save()
    recoloured = employee_client.get(address).content
    assert len(calls) == 3
    assert Image.open(io.BytesIO(recoloured)).convert("RGB").getpixel((3, 3)) == (0x5B, 0x2A, 0x86)

    site_settings.site_name = "Own It at Example"
    site_settings.save()
    employee_client.get(address)
    assert len(calls) == 4
    employee_client.get(address)
    assert len(calls) == 4
