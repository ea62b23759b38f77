"""Audit: /media/ must not be a way round Wagtail's document privacy.

Documents are served by Wagtail's own view (`/documents/<id>/<name>`, WAGTAILDOCS_SERVE_METHOD =
"serve_view"), which applies collection privacy (a collection open to some groups only). Their
files live under MEDIA_ROOT/documents/, so the login-checked media view would hand the same
file to any signed-in user who asks for `/media/documents/<name>`.
"""

import pytest
from django.core.files.base import ContentFile
from wagtail.documents.models import Document
from wagtail.models import Collection, CollectionViewRestriction

from home.factories import UserFactory
from home.roles import CULTURE_TEAM

pytestmark = pytest.mark.django_db


@pytest.fixture
def culture_only_document(culture_member):
    from django.contrib.auth.models import Group

    collection = Collection.get_first_root_node().add_child(name="Culture team only")
    restriction = CollectionViewRestriction.objects.create(
        collection=collection, restriction_type=CollectionViewRestriction.GROUPS
    )
    restriction.groups.add(Group.objects.get(name=CULTURE_TEAM))
    return Document.objects.create(
        title="Pay review", collection=collection, file=ContentFile(b"salaries", name="pay.txt")
    )


def test_wagtail_keeps_a_restricted_document_from_employees(client, culture_only_document):
    client.force_login(UserFactory(username="eve"))
    response = client.get(culture_only_document.url)
    assert response.status_code != 200


@pytest.mark.parametrize("prefix", ["", "original_images/../", "./"])
def test_media_view_does_not_serve_document_files(client, culture_only_document, prefix):
    client.force_login(UserFactory(username="eve"))
    response = client.get(f"/media/{prefix}{culture_only_document.file.name}")
    assert response.status_code == 404
