"""Deactivating an account takes away every way in at once: sessions and feed tokens."""

import pytest
from django.contrib.auth import SESSION_KEY
from django.contrib.sessions.models import Session
from django.test import Client
from django.urls import reverse

from home.accounts.deactivation import user_deactivated
from stories.models import FeedToken

pytestmark = pytest.mark.django_db


def sessions_of(user):
    return [
        session
        for session in Session.objects.all()
        if session.get_decoded().get(SESSION_KEY) == str(user.pk)
    ]


@pytest.fixture
def heard():
    """Every `user_deactivated` sent during the test."""
    users = []

    def receiver(sender, user, **kwargs):
        users.append(user)

    user_deactivated.connect(receiver)
    yield users
    user_deactivated.disconnect(receiver)


def test_deactivation_ends_every_session_and_revokes_the_feed_token(
    home_page, employee, other_employee, heard
):
    laptop, phone, colleague = Client(), Client(), Client()
    for browser, user in ((laptop, employee), (phone, employee), (colleague, other_employee)):
        browser.force_login(user)
    token = FeedToken.objects.create(user=employee).token
    FeedToken.objects.create(user=other_employee)
    assert len(sessions_of(employee)) == 2
    assert laptop.get(f"/feeds/{token}/stories/atom/").status_code == 200

    employee.is_active = False
    employee.save()

    assert heard == [employee]
    assert sessions_of(employee) == []
    assert laptop.get("/").status_code == 302
    assert phone.get("/").status_code == 302
    assert not FeedToken.objects.filter(user=employee).exists()
    assert Client().get(f"/feeds/{token}/stories/atom/").status_code == 404
    # Nobody else is touched.
    assert colleague.get("/").status_code == 200
    assert FeedToken.objects.filter(user=other_employee).exists()


def test_only_the_save_that_deactivates_is_announced(employee, heard):
    employee.first_name = "Erin"
    employee.save()
    employee.is_active = False
    employee.save()
    employee.save()
    employee.save(update_fields=["last_name"])
    assert heard == [employee]


def test_deactivating_in_the_admin_is_announced_too(client, superuser, employee, heard):
    client.force_login(superuser)
    response = client.post(
        reverse("wagtailusers_users:edit", args=[employee.pk]),
        {
            "username": employee.username,
            "email": employee.email or "erin@example.com",
            "first_name": employee.first_name,
            "last_name": employee.last_name,
            "is_active": "",
            "groups": list(employee.groups.values_list("pk", flat=True)),
        },
    )
    assert response.status_code == 302, response.context["form"].errors
    employee.refresh_from_db()
    assert not employee.is_active
    assert heard == [employee]
