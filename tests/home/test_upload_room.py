"""A full disk for uploads: a clear message, nothing saved, nothing else lost (issue 14)."""

import errno
import io
from collections import namedtuple

import pytest
from django.core.files.storage import FileSystemStorage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image as PILImage
from wagtail.documents.models import Document
from wagtail.images.models import Image
from wagtail.models import Collection

pytestmark = pytest.mark.django_db

Usage = namedtuple("Usage", "total used free")


def png(size=(400, 300)):
    buffer = io.BytesIO()
    PILImage.new("RGB", size, "#c2410c").save(buffer, "PNG")
    return SimpleUploadedFile("banner.png", buffer.getvalue(), content_type="image/png")


@pytest.fixture
def disk(monkeypatch):
    """Say how much room the media disk has left."""
    room = {"free": 10**12}
    monkeypatch.setattr(
        "home.upload_room.shutil.disk_usage", lambda path: Usage(10**12, 0, room["free"])
    )
    return room


def upload_image(client, **extra):
    return client.post(
        reverse("wagtailimages:add"),
        {
            "title": "Mistake Management Month banner",
            "file": png(),
            "collection": Collection.get_first_root_node().pk,
            "alt_text": "An orange banner",
            **extra,
        },
    )


def test_an_image_that_fits_is_saved(client, culture_member, disk, settings):
    client.force_login(culture_member)
    response = upload_image(client)
    assert response.status_code == 302
    assert Image.objects.get().title == "Mistake Management Month banner"


def test_an_image_the_disk_cannot_hold_is_refused_with_the_form_kept(
    client, culture_member, disk, settings
):
    disk["free"] = settings.UPLOAD_HEADROOM_BYTES + 100  # less than the file and the headroom
    client.force_login(culture_member)
    response = upload_image(client)
    assert response.status_code == 200
    page = response.content.decode()
    assert "The server has no room left for this file" in page
    assert "Nothing was saved" in page
    assert 'value="Mistake Management Month banner"' in page  # the title typed is kept
    assert not Image.objects.exists()
    media = FileSystemStorage()
    assert not media.exists("original_images") or not media.listdir("original_images")[1]


def test_a_document_the_disk_cannot_hold_is_refused(client, culture_member, disk, settings):
    disk["free"] = 1000
    client.force_login(culture_member)
    response = client.post(
        reverse("wagtaildocs:add"),
        {
            "title": "Workshop handout",
            "file": SimpleUploadedFile("handout.txt", b"x" * 5000),
            "collection": Collection.get_first_root_node().pk,
        },
    )
    assert response.status_code == 200
    assert "The server has no room left for this file" in response.content.decode()
    assert not Document.objects.exists()


def test_a_disk_that_fills_during_the_write_answers_507_with_a_page(
    client, culture_member, disk, monkeypatch
):
    def full(self, name, content, max_length=None):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(FileSystemStorage, "save", full)
    client.force_login(culture_member)
    response = upload_image(client)
    assert response.status_code == 507
    assert "disk is full" in response.content.decode()
    assert not Image.objects.exists()
    # The rest of the site goes on.
    assert client.get("/").status_code == 200
