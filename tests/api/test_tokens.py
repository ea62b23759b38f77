"""Making and revoking personal API tokens on "Your settings"."""

import pytest
from django.test import Client
from django.urls import reverse
from wagtail.models import APIToken

from culture.api.tokens import MAX_TOKENS_PER_USER

pytestmark = pytest.mark.django_db

CREATE = "/account/api-tokens/"


def test_a_new_token_is_shown_once_and_works(employee_client, employee, home_page):
    response = employee_client.post(CREATE, {"name": "Team dashboard"})
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]
    page = response.content.decode()
    token = APIToken.objects.get(user=employee)
    assert token.name == "Team dashboard"
    secret = page.split(
        'id="api-token-secret" class="feed-links__url" type="text" readonly value="'
    )[1]
    secret = secret.split('"')[0]
    assert secret.startswith(token.prefix) and APIToken.hash_token(secret) == token.key_hash
    assert "shown only this once" in page
    # The secret is never shown again.
    again = employee_client.get(reverse("account")).content.decode()
    assert secret not in again
    assert f"{token.prefix}…" in again and "Team dashboard" in again
    api = Client(headers={"Authorization": f"Bearer {secret}"})
    assert api.get("/api/v2/pages/").status_code == 200


def test_a_token_needs_a_name_and_the_form_says_so(employee_client, employee, home_page):
    response = employee_client.post(CREATE, {"name": "   "})
    assert response.status_code == 400
    page = response.content.decode()
    assert "Give the token a name" in page
    assert 'aria-invalid="true"' in page
    assert not APIToken.objects.exists()


def test_a_long_name_is_refused_and_kept(employee_client, home_page):
    response = employee_client.post(CREATE, {"name": "x" * 61})
    assert response.status_code == 400
    assert 'value="' + "x" * 61 + '"' in response.content.decode()
    assert not APIToken.objects.exists()


def test_there_is_a_most_tokens_a_user_can_have(employee_client, employee, home_page):
    for number in range(MAX_TOKENS_PER_USER):
        APIToken.create_token(user=employee, name=f"Token {number}")
    response = employee_client.post(CREATE, {"name": "One more"})
    assert response.status_code == 400
    assert "the most you can have" in response.content.decode()
    assert APIToken.objects.count() == MAX_TOKENS_PER_USER


def test_revoking_stops_the_token_at_once(employee_client, employee, home_page):
    token, secret = APIToken.create_token(user=employee, name="Old script")
    api = Client(headers={"Authorization": f"Bearer {secret}"})
    assert api.get("/api/v2/pages/").status_code == 200
    response = employee_client.post(reverse("api:token_revoke", args=[token.pk]), follow=True)
    assert "The token “Old script” is revoked" in response.content.decode()
    assert api.get("/api/v2/pages/").status_code == 401
    assert not APIToken.objects.exists()


def test_nobody_revokes_someone_elses_token(employee_client, other_employee, home_page):
    token = APIToken.create_token(user=other_employee, name="Theirs")[0]
    assert employee_client.post(reverse("api:token_revoke", args=[token.pk])).status_code == 404
    assert employee_client.get(reverse("api:token_revoke", args=[token.pk])).status_code == 405
    assert APIToken.objects.filter(pk=token.pk).exists()


def test_signed_out_visitors_are_sent_to_sign_in(client, home_page):
    response = client.post(CREATE, {"name": "x"})
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


def test_the_settings_page_costs_the_same_with_many_tokens(
    employee_client, employee, home_page, django_assert_max_num_queries
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def count():
        with CaptureQueriesContext(connection) as context:
            assert employee_client.get(reverse("account")).status_code == 200
        return len(context.captured_queries)

    count()
    few = count()
    for number in range(MAX_TOKENS_PER_USER):
        APIToken.create_token(user=employee, name=f"Token {number}")
    assert count() == few
    with django_assert_max_num_queries(few):
        employee_client.get(reverse("account"))
