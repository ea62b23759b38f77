"""Colour arithmetic for accessible theming (WCAG 2 relative luminance and contrast)."""

import colorsys


def _channel(value):
    value = value / 255
    return value / 12.92 if value <= 0.03928 else ((value + 0.055) / 1.055) ** 2.4


def luminance(hex_colour):
    hex_colour = hex_colour.lstrip("#")
    red, green, blue = (int(hex_colour[i : i + 2], 16) for i in (0, 2, 4))
    return 0.2126 * _channel(red) + 0.7152 * _channel(green) + 0.0722 * _channel(blue)


def contrast_ratio(first, second):
    lighter, darker = sorted((luminance(first), luminance(second)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


def readable_text_colour(background):
    """Black or white, whichever reads better on the background."""
    if contrast_ratio(background, "#ffffff") >= contrast_ratio(background, "#000000"):
        return "#ffffff"
    return "#000000"


def hsl_parts(hex_colour):
    """(hue in degrees, saturation %, lightness %) of #rrggbb, rounded to one decimal: the form
    Wagtail's admin theme takes its colours in (--w-color-primary-hue and friends)."""
    hex_colour = hex_colour.lstrip("#")
    red, green, blue = (int(hex_colour[i : i + 2], 16) / 255 for i in (0, 2, 4))
    hue, lightness, saturation = colorsys.rgb_to_hls(red, green, blue)
    return round(hue * 360, 1), round(saturation * 100, 1), round(lightness * 100, 1)
