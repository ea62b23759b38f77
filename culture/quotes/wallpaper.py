"""Quote wallpapers: PNGs drawn with Pillow in the site's colour, with a bundled open font.

The quote is set as large as it fits: the type size comes down step by step until the wrapped
text, the attribution and the footer all sit inside the margins, so a six-word quote fills the
screen and a 600-character one still fits a phone. A drawn PNG is kept in Django's cache under a
key made of everything that shows on it (quote text, author, source, its last change, the site
name and colour, the size), so it is drawn once and a change to any of those draws a new one.
"""

import hashlib
import io
from dataclasses import dataclass
from functools import lru_cache

from django.contrib.staticfiles import finders
from django.core.cache import cache
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _
from PIL import Image, ImageDraw, ImageFont

from home.colours import readable_text_colour

# Bump when the drawing changes, so cached images of the old design are not served.
RENDER_VERSION = 1
CACHE_SECONDS = 60 * 60 * 24 * 30

QUOTE_FONT = "fonts/DejaVuSerif.ttf"
LABEL_FONT = "fonts/DejaVuSans.ttf"


@dataclass(frozen=True)
class WallpaperSize:
    key: str
    width: int
    height: int
    label: str

    @property
    def filename_part(self):
        return f"{self.width}x{self.height}"


SIZES = {
    size.key: size
    for size in (
        WallpaperSize("1920x1080", 1920, 1080, _("Desktop (Full HD)")),
        WallpaperSize("2560x1440", 2560, 1440, _("Desktop (QHD)")),
        WallpaperSize("1170x2532", 1170, 2532, _("Phone")),
    )
}


@dataclass
class Layout:
    """Where things went: the margin box and the bounding box of everything drawn."""

    margin_box: tuple
    ink_box: tuple
    quote_size: int
    lines: list


@lru_cache(maxsize=8)
def _font_path(name):
    path = finders.find(name)
    if not path:
        raise ImproperlyConfigured(f"The wallpaper font {name} is missing from static/.")
    return path


@lru_cache(maxsize=256)
def _font(name, size):
    return ImageFont.truetype(_font_path(name), size)


def _wrap(text, font, max_width):
    """Greedy word wrap by rendered width; keeps the author's line breaks and splits words
    longer than a whole line (a URL, say) between characters."""
    lines = []
    for paragraph in text.splitlines() or [""]:
        line = ""
        for word in paragraph.split():
            candidate = f"{line} {word}" if line else word
            if font.getlength(candidate) <= max_width:
                line = candidate
                continue
            if line:
                lines.append(line)
            while font.getlength(word) > max_width:
                cut = len(word)
                while cut > 1 and font.getlength(word[:cut]) > max_width:
                    cut -= 1
                lines.append(word[:cut])
                word = word[cut:]
            line = word
        lines.append(line)
    return lines


def _line_height(font):
    ascent, descent = font.getmetrics()
    return round((ascent + descent) * 1.18)


def _block_height(lines, font):
    return len(lines) * _line_height(font)


def _fit(text, attribution, box_width, box_height, max_size, min_size):
    """The largest quote size (and its wrapped lines) whose block fits the box."""
    size = max_size
    while True:
        quote_font = _font(QUOTE_FONT, size)
        label_size = max(min_size, round(size * 0.5))
        label_font = _font(LABEL_FONT, label_size)
        quote_lines = _wrap(text, quote_font, box_width)
        label_lines = _wrap(attribution, label_font, box_width)
        gap = round(size * 0.9)
        height = (
            _block_height(quote_lines, quote_font) + gap + _block_height(label_lines, label_font)
        )
        if height <= box_height or size <= min_size:
            return quote_font, quote_lines, label_font, label_lines, gap, height
        size = max(min_size, int(size * 0.94))


def _blend(colour, background, amount):
    """`colour` mixed into `background` by `amount` (0..1), as an RGB tuple."""
    return tuple(round(b + (c - b) * amount) for c, b in zip(colour, background, strict=True))


def _rgb(hex_colour):
    hex_colour = hex_colour.lstrip("#")
    return tuple(int(hex_colour[i : i + 2], 16) for i in (0, 2, 4))


def render(text, attribution, site_name, primary_colour, width, height):
    """Draw a wallpaper. Returns (PNG bytes, Layout)."""
    background = _rgb(primary_colour)
    ink = _rgb(readable_text_colour(primary_colour))
    soft_ink = _blend(ink, background, 0.78)

    short_side = min(width, height)
    margin = round(short_side * 0.08)
    box = (margin, margin, width - margin, height - margin)
    box_width = box[2] - box[0]

    footer_font = _font(LABEL_FONT, max(14, round(short_side * 0.026)))
    footer_height = _line_height(footer_font)
    # The quote and attribution sit above the footer, with a clear band between them.
    area_top, area_bottom = box[1], box[3] - footer_height - round(short_side * 0.06)

    quote_font, quote_lines, label_font, label_lines, gap, block_height = _fit(
        f"“{text.strip()}”",
        f"— {attribution}",
        box_width,
        area_bottom - area_top,
        max_size=round(short_side * 0.085),
        min_size=max(12, round(short_side * 0.014)),
    )

    image = Image.new("RGB", (width, height), background)
    draw = ImageDraw.Draw(image)
    drawn = []

    def draw_lines(lines, font, top, fill):
        for line in lines:
            line_width = font.getlength(line)
            left = box[0] + (box_width - line_width) / 2
            draw.text((left, top), line, font=font, fill=fill, anchor="la")
            if line:
                drawn.append(draw.textbbox((left, top), line, font=font, anchor="la"))
            top += _line_height(font)
        return top

    top = area_top + max(0, (area_bottom - area_top - block_height) // 2)
    top = draw_lines(quote_lines, quote_font, top, ink)
    rule_y = top + gap // 2
    rule_half = round(min(box_width, quote_font.size * 3) / 2)
    centre = box[0] + box_width // 2
    draw.line(
        (centre - rule_half, rule_y, centre + rule_half, rule_y),
        fill=soft_ink,
        width=max(2, short_side // 400),
    )
    draw_lines(label_lines, label_font, top + gap, soft_ink)

    footer_lines = _wrap(site_name, footer_font, box_width)[:1]
    footer_top = box[3] - footer_height
    draw_lines(footer_lines, footer_font, footer_top, soft_ink)

    buffer = io.BytesIO()
    image.save(buffer, format="PNG")
    ink_box = _union(drawn)
    layout = Layout(margin_box=box, ink_box=ink_box, quote_size=quote_font.size, lines=quote_lines)
    return buffer.getvalue(), layout


def _union(boxes):
    if not boxes:
        return None
    return (
        min(b[0] for b in boxes),
        min(b[1] for b in boxes),
        max(b[2] for b in boxes),
        max(b[3] for b in boxes),
    )


def cache_key(quote, size, site_name, primary_colour):
    fingerprint = "\x1f".join(
        [
            str(RENDER_VERSION),
            quote.text,
            quote.attribution,
            quote.updated_at.isoformat() if quote.updated_at else "",
            site_name,
            primary_colour,
            size.key,
        ]
    )
    digest = hashlib.sha256(fingerprint.encode()).hexdigest()[:32]
    return f"quotes:wallpaper:{quote.pk}:{size.key}:{digest}"


def wallpaper_png(quote, size, site_settings):
    """The PNG of `quote` at `size`, from the cache or freshly drawn."""
    key = cache_key(quote, size, site_settings.site_name, site_settings.primary_colour)
    png = cache.get(key)
    if png is None:
        png, _ = render(
            quote.text,
            quote.attribution,
            site_settings.site_name,
            site_settings.primary_colour,
            size.width,
            size.height,
        )
        cache.set(key, png, CACHE_SECONDS)
    return png
