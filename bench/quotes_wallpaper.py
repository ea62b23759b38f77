"""Benchmark: drawing Quote of the Week wallpapers, cold (drawn) and warm (from the cache).

    .venv/bin/python bench/quotes_wallpaper.py            # 5 runs of each size and length
    .venv/bin/python bench/quotes_wallpaper.py --runs 20

Needs no database: it draws with the same function the wallpaper view uses and reads the cache
the way the view does (the test settings' in-memory cache).
"""

import argparse
import os
import statistics
import sys
import time
from pathlib import Path
from types import SimpleNamespace

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

SHORT = "Fall seven times, stand up eight."
LONG = (
    "A man of genius makes no mistakes. His errors are volitional and are the portals of discovery. "
    * 7
)[:600]


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "culture.settings.test")
    import django

    django.setup()
    from django.core.cache import cache
    from django.utils import timezone

    from culture.quotes.wallpaper import SIZES, wallpaper_png

    site = SimpleNamespace(site_name="Own It", primary_colour="#1f5f8b")
    print(
        f"{'size':>10} {'quote':>6} {'cold ms (median)':>17} {'warm ms (median)':>17} {'PNG KB':>7}"
    )
    for size in SIZES.values():
        for label, text in (("short", SHORT), ("long", LONG)):
            cold, warm = [], []
            for run in range(args.runs):
                quote = SimpleNamespace(
                    pk=run,
                    text=text,
                    attribution="James Joyce, Ulysses (1922)",
                    updated_at=timezone.now(),
                )
                cache.clear()
                started = time.perf_counter()
                png = wallpaper_png(quote, size, site)
                cold.append(time.perf_counter() - started)
                started = time.perf_counter()
                wallpaper_png(quote, size, site)
                warm.append(time.perf_counter() - started)
            print(
                f"{size.key:>10} {label:>6} {statistics.median(cold) * 1000:>17.1f} "
                f"{statistics.median(warm) * 1000:>17.2f} {len(png) / 1024:>7.0f}"
            )


if __name__ == "__main__":
    main()
