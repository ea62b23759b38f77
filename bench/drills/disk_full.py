"""Drill: the disk for media uploads fills up.

    .venv/bin/python bench/drills/disk_full.py        # as root: it mounts a 4 MB tmpfs

MEDIA_ROOT is a small tmpfs of its own. The Culture team uploads an image in the admin (it
fits), then the disk is filled to within 200 KB, and a second, larger image is uploaded.
Expected: the form comes back with "no room left" and the title typed, no image row and no
partial file; everything else goes on (reading a story, saving a draft, /healthz/).
"""

import argparse
import io
import os
import random
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from bench.drills.common import finish  # noqa: E402
from bench.load.harness import Stack  # noqa: E402

CSRF = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


def noise_png(kilobytes):
    """A PNG of about `kilobytes` that does not compress (random pixels)."""
    from PIL import Image

    side = int((kilobytes * 1024 / 3) ** 0.5)
    image = Image.frombytes("RGB", (side, side), random.randbytes(side * side * 3))
    buffer = io.BytesIO()
    image.save(buffer, "PNG")
    return buffer.getvalue()


def signed_in(stack, username, login_path):
    import requests

    session = requests.Session()
    page = session.get(stack.url + login_path)
    session.post(
        stack.url + login_path,
        {
            "username": username,
            "password": stack.password,
            "csrfmiddlewaretoken": CSRF.search(page.text).group(1),
        },
        headers={"Origin": stack.url},
    )
    return session


def upload(stack, session, title, data):
    page = session.get(stack.url + "/admin/images/add/")
    collection = re.search(r'name="collection"[^>]*>\s*<option value="(\d+)"', page.text)
    return session.post(
        stack.url + "/admin/images/add/",
        data={
            "csrfmiddlewaretoken": CSRF.search(page.text).group(1),
            "title": title,
            "alt_text": title,
            "collection": collection.group(1) if collection else "1",
        },
        files={"file": (f"{title}.png", data, "image/png")},
        headers={"Origin": stack.url},
    )


def main():
    argparse.ArgumentParser(description=__doc__).parse_args()
    if os.geteuid() != 0:
        sys.exit("This drill mounts a tmpfs: run it as root.")
    media = Path(tempfile.mkdtemp(prefix="own-it-media-"))
    subprocess.run(["mount", "-t", "tmpfs", "-o", "size=4m", "tmpfs", str(media)], check=True)
    try:
        extra = {"UPLOAD_HEADROOM_BYTES": str(64 * 1024)}
        with Stack(stories=50, accounts=10, media_root=media, extra_env=extra) as stack:
            culture = signed_in(stack, "load-culture", "/admin/login/")
            first = upload(stack, culture, "Campaign banner", noise_png(300))
            filler = media / "filler.bin"
            free = shutil.disk_usage(media).free
            filler.write_bytes(b"\0" * (free - 200 * 1024))
            second = upload(stack, culture, "Workshop poster", noise_png(400))
            images = stack.postgres.psql("SELECT title FROM wagtailimages_image", "ownit")
            originals = media / "original_images"
            files = sorted(p.name for p in originals.iterdir()) if originals.exists() else []
            erin = signed_in(stack, "load-user-0", "/accounts/login/")
            story = erin.get(stack.url + stack.paths["stories"][0])
            form = erin.get(stack.url + "/stories/share/")
            draft = erin.post(
                stack.url + "/stories/share/",
                {
                    "csrfmiddlewaretoken": CSRF.search(form.text).group(1),
                    "title": "The poster that did not fit",
                    "save": "1",
                    **dict(
                        re.findall(
                            r'<input type="hidden" name="([^"]+)"[^>]*?value="([^"]*)"', form.text
                        )
                    ),
                },
                headers={"Origin": stack.url},
            )
            health = stack.health()
    finally:
        subprocess.run(["umount", str(media)], check=False)
        shutil.rmtree(media, ignore_errors=True)
    checks = [
        (
            first.status_code == 200
            and "/admin/images/" in first.url
            and "Campaign banner" in images,
            f"an image that fits is saved ({first.status_code}, {first.url.split('127.0.0.1')[-1]})",
        ),
        (
            second.status_code == 200 and "no room left for this file" in second.text,
            f"an image the disk cannot hold: {second.status_code} with the message",
        ),
        ('value="Workshop poster"' in second.text, "the title typed is kept in the form"),
        (
            "Workshop poster" not in images and len(files) == 1,
            f"no image row and no file for it (images: {images.splitlines()}; files: {files})",
        ),
        (story.status_code == 200, f"reading a story: {story.status_code}"),
        (
            draft.status_code == 200 and "/stories/mine/" in draft.url,
            f"saving a draft: {draft.status_code} at {draft.url.split('127.0.0.1')[-1]}",
        ),
        (health[0] == 200, f"/healthz/: {health}"),
    ]
    message = re.search(r"The server has no room left[^<]*", second.text)
    return finish("disk_full", checks, {"message": message.group(0) if message else None})


if __name__ == "__main__":
    raise SystemExit(main())
