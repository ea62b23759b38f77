"""Who may use the API: a signed-in session or a personal token; everyone else gets 401 JSON."""

import pytest
from django.contrib.sessions.models import Session
from django.test import Client
from wagtail.models import APIToken

URLS = ["/api/v2/pages/", "/api/v2/quotes/", "/api/v2/tags/"]

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("url", URLS + ["/api/v2/pages/1/", "/api/v2/pages/find/?html_path=/"])
def test_nobody_gets_401_json_not_the_sign_in_page(client, home_page, url):
    response = client.get(url)
    assert response.status_code == 401
    assert response["Content-Type"] == "application/json"
    assert response["WWW-Authenticate"] == 'Bearer realm="api"'
    assert response.json() == {"message": "Authentication credentials were not provided."}


@pytest.mark.parametrize("url", ["/api/", "/api/v1/pages/", "/api/v2/stories/", "/api/v2/pages/x/"])
def test_a_mistyped_address_is_a_json_404(client, home_page, url):
    response = client.get(url)
    assert response.status_code == 404
    assert "/api/v2/pages/" in response.json()["message"]


@pytest.mark.parametrize(
    "header",
    [
        "Bearer wagtail_not-a-real-token",
        "Bearer",
        "Bearer two words",
        "Token abc",
        "Basic ZXJpbjpwYXNz",
    ],
)
def test_a_wrong_or_malformed_token_gets_401(home_page, header):
    response = Client(headers={"Authorization": header}).get("/api/v2/pages/")
    assert response.status_code == 401
    assert "message" in response.json()


def test_a_token_reads_without_a_session(api, token, home_page):
    response = api.get("/api/v2/pages/")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    assert "private" in response["Cache-Control"] and "no-store" in response["Cache-Control"]
    assert "Authorization" in response["Vary"]
    # No session is started for a script, and no cookie is sent.
    assert not response.cookies
    assert not Session.objects.exists()
    token[0].refresh_from_db()
    assert token[0].last_used_at is not None


def test_a_signed_in_session_reads_too(employee_client, home_page):
    response = employee_client.get("/api/v2/pages/")
    assert response.status_code == 200
    assert response.json()["meta"]["total_count"] == 1  # the home page


def test_the_api_is_read_only(api, employee_client, home_page):
    for client in (api, employee_client):
        assert client.post("/api/v2/pages/", {}).status_code in (403, 405)
        assert client.delete(f"/api/v2/pages/{home_page.pk}/").status_code in (403, 405)


def test_only_a_digest_of_the_token_is_stored(token):
    model, secret = token
    row = APIToken.objects.filter(pk=model.pk).values().get()
    assert secret not in str(row)
    assert row["key_hash"] == APIToken.hash_token(secret)
    assert secret.startswith(row["prefix"]) and len(row["prefix"]) < len(secret) / 2


def test_a_deactivated_owner_is_refused_at_once(api, token, home_page, other_employee):
    assert api.get("/api/v2/pages/").status_code == 200
    # Deactivated without a signal (a bulk update): every request checks is_active.
    type(other_employee).objects.filter(pk=other_employee.pk).update(is_active=False)
    assert api.get("/api/v2/pages/").status_code == 401


def test_deactivating_a_user_deletes_their_tokens(api, token, other_employee, employee):
    kept = APIToken.create_token(user=employee, name="Someone else's")[0]
    other_employee.is_active = False
    other_employee.save()
    assert not APIToken.objects.filter(user=other_employee).exists()
    assert APIToken.objects.filter(pk=kept.pk).exists()
    # Coming back does not bring the old secret back.
    other_employee.is_active = True
    other_employee.save()
    assert api.get("/api/v2/pages/").status_code == 401


def test_a_revoked_token_is_refused(api, token, home_page):
    token[0].revoke()
    assert api.get("/api/v2/pages/").status_code == 401


def test_the_rate_limit_is_per_token_and_says_when_to_come_back(
    api, token, employee, home_page, settings
):
    settings.OWN_IT_API_RATE = (3, 60)
    for _ in range(3):
        assert api.get("/api/v2/tags/").status_code == 200
    refused = api.get("/api/v2/pages/")
    assert refused.status_code == 429
    assert 1 <= int(refused["Retry-After"]) <= 60
    assert "throttled" in refused.json()["message"]
    # Another token has its own budget.
    other_secret = APIToken.create_token(user=employee, name="Other")[1]
    other = Client(headers={"Authorization": f"Bearer {other_secret}"})
    assert other.get("/api/v2/pages/").status_code == 200
