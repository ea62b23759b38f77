"""A real OpenID Connect provider on 127.0.0.1 for each test, and the browser's part of the flow."""

from contextlib import contextmanager
from urllib.parse import parse_qs, urlsplit

import pytest
import requests
from django.urls import reverse

from tests.accounts.identity_provider import IdentityProvider, new_signing_key, serve

CLIENT_ID = "own-it"
CLIENT_SECRET = "own-it-test-secret"
CALLBACK = "http://testserver/accounts/oidc/callback/"


@pytest.fixture(scope="session")
def signing_key():
    # Generating an RSA key takes a moment; one for the whole run is enough.
    return new_signing_key("test-key-1")


@contextmanager
def running_provider(settings, signing_key, redirect_uri):
    """A provider serving on 127.0.0.1, the site's settings pointing at it, and Priya Shah
    signed in there."""
    provider = IdentityProvider(CLIENT_ID, CLIENT_SECRET, redirect_uri, signing_key)
    server = serve(provider)
    settings.OIDC_ISSUER = provider.issuer
    settings.OIDC_CLIENT_ID = CLIENT_ID
    settings.OIDC_CLIENT_SECRET = CLIENT_SECRET
    settings.OIDC_GROUP_MAP = {
        "own-it-moderators": "Moderators",
        "own-it-culture": "Culture team",
    }
    provider.add_person(
        sub="f3b1c2d4-0001",
        email="priya.shah@example.com",
        given_name="Priya",
        family_name="Shah",
        preferred_username="priya",
    )
    provider.signed_in_as = "f3b1c2d4-0001"
    try:
        yield provider
    finally:
        server.shutdown()
        server.server_close()


@pytest.fixture
def identity_provider(settings, signing_key, monkeypatch, home_page):
    # Authlib refuses plain HTTP unless told this is a test.
    monkeypatch.setenv("AUTHLIB_INSECURE_TRANSPORT", "1")
    with running_provider(settings, signing_key, CALLBACK) as provider:
        yield provider


def at_provider(authorize_url):
    """The browser at the provider: it follows the redirect and is sent back with a code."""
    response = requests.get(authorize_url, allow_redirects=False, timeout=5)
    assert response.status_code == 302, response.text
    return response.headers["Location"]


def callback_path_and_query(callback_url):
    parts = urlsplit(callback_url)
    assert f"{parts.scheme}://{parts.netloc}{parts.path}" == CALLBACK
    return parts.path, {key: values[0] for key, values in parse_qs(parts.query).items()}


def start(client, next_url=None, admin=False):
    """Click "Sign in with your company account"; returns the provider's authorization URL."""
    data = {"next": next_url} if next_url else {}
    response = client.get(reverse("company_sign_in"), data)
    assert response.status_code == 302
    return response["Location"]


def company_sign_in(client, next_url=None):
    """The whole round trip; returns the site's answer to the callback and the callback URL."""
    callback_url = at_provider(start(client, next_url))
    path, query = callback_path_and_query(callback_url)
    return client.get(path, query), callback_url
