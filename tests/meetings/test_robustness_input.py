"""Odd input to the meeting pack admin views found by the robustness review: each was a 500."""

import pytest
from django.urls import reverse
from wagtail.models import Revision

pytestmark = pytest.mark.django_db

# Bigger than any integer SQLite stores: looking a page subclass up by pk=this raised
# OverflowError there instead of matching nothing.
TOO_BIG = 2**64


@pytest.mark.parametrize("value", ["", "abc", "\x00", "-1", "1.5", "²", str(TOO_BIG)])
def test_a_tampered_story_id_says_it_is_not_available(client, lead, pack, value):
    client.force_login(lead)
    before = Revision.objects.count()
    response = client.post(
        reverse("meetings_admin:add_suggestion", args=[pack.pk]), {"story": value}, follow=True
    )
    assert response.status_code == 200
    assert "That story is not published any more" in response.content.decode()
    assert Revision.objects.count() == before  # nothing was added to the agenda


def test_a_missing_story_field_says_so_too(client, lead, pack):
    client.force_login(lead)
    response = client.post(reverse("meetings_admin:add_suggestion", args=[pack.pk]), follow=True)
    assert "That story is not published any more" in response.content.decode()


@pytest.mark.parametrize("name", ["suggestions", "new_from"])
def test_a_huge_pack_id_is_a_404(client, lead, pack, name):
    client.force_login(lead)
    assert client.get(reverse(f"meetings_admin:{name}", args=[TOO_BIG])).status_code == 404
