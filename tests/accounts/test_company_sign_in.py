"""Company sign-in, end to end against a real OpenID Connect provider on 127.0.0.1."""

from urllib.parse import parse_qs, urlsplit

import pytest
from django.contrib.auth import SESSION_KEY, get_user_model
from django.contrib.messages import get_messages
from django.urls import reverse

from home.accounts.models import CompanyAccount
from home.roles import CULTURE_TEAM, EMPLOYEES, MODERATORS, TEAM_LEADS
from tests.accounts.conftest import at_provider, callback_path_and_query, company_sign_in, start

pytestmark = pytest.mark.django_db

User = get_user_model()


def signed_in_user(client):
    user_id = client.session.get(SESSION_KEY)
    return User.objects.get(pk=user_id) if user_id else None


def messages_of(response):
    return [str(message) for message in get_messages(response.wsgi_request)]


def test_first_sign_in_creates_the_account_and_returns_to_the_page_asked_for(
    client, identity_provider
):
    response, _ = company_sign_in(client, next_url="/stories/")

    assert response.status_code == 302
    assert response["Location"] == "/stories/"
    user = signed_in_user(client)
    assert user.username == "priya"
    assert (user.first_name, user.last_name, user.email) == (
        "Priya",
        "Shah",
        "priya.shah@example.com",
    )
    assert not user.has_usable_password()
    assert list(user.groups.values_list("name", flat=True)) == [EMPLOYEES]
    account = user.company_account
    assert (account.issuer, account.subject) == (identity_provider.issuer, "f3b1c2d4-0001")
    # The refresh token is kept for sync_accounts, sealed in the database.
    assert account.refresh_token in identity_provider.refresh_tokens
    assert account.refresh_token not in account.sealed_refresh_token
