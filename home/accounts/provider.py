"""The company's identity provider, as its discovery document describes it.

Only the issuer's address is configured (OIDC_ISSUER); the endpoints come from
`<issuer>/.well-known/openid-configuration`. That document is read when someone first needs it
(a click on "Sign in with your company account", a sign-out, `sync_accounts`), never when the site
starts, so a provider that is down never stops the site: only company sign-in waits for it. The
document is the same for everyone, so it is kept in the cache for an hour.
"""

import logging
from dataclasses import asdict, dataclass

import requests
from django.conf import settings
from django.core.cache import cache

logger = logging.getLogger(__name__)

DISCOVERY_PATH = "/.well-known/openid-configuration"
DISCOVERY_CACHE_SECONDS = 60 * 60


class ProviderUnavailable(Exception):
    """The provider could not be reached, or answered with something that is not a discovery
    document for the configured issuer."""


@dataclass(frozen=True)
class Provider:
    issuer: str
    authorization_endpoint: str
    token_endpoint: str
    jwks_uri: str
    userinfo_endpoint: str = ""
    # Absent when the provider has no RP-initiated logout (Google): sign-out is then ours alone.
    end_session_endpoint: str = ""


def is_configured():
    """Company sign-in is offered when the issuer, client ID and client secret are all set."""
    return bool(settings.OIDC_ISSUER and settings.OIDC_CLIENT_ID and settings.OIDC_CLIENT_SECRET)


def _same_issuer(first, second):
    # The spec asks for the exact string; a trailing slash is the one difference seen in practice
    # between what operators type and what providers publish.
    return first.rstrip("/") == second.rstrip("/")


def discover():
    """The configured provider's endpoints, from the cache or its discovery document.

    Raises ProviderUnavailable when the document cannot be fetched or does not describe the
    configured issuer (a typo in OIDC_ISSUER, a proxy's error page)."""
    issuer = settings.OIDC_ISSUER
    cache_key = f"accounts:oidc-discovery:{issuer}"
    cached = cache.get(cache_key)
    if cached:
        return Provider(**cached)
    url = issuer.rstrip("/") + DISCOVERY_PATH
    try:
        response = requests.get(url, timeout=settings.OIDC_TIMEOUT)
        response.raise_for_status()
        document = response.json()
    except (requests.RequestException, ValueError) as error:
        logger.warning("OpenID Connect discovery at %s failed: %s", url, error)
        raise ProviderUnavailable(str(error)) from error
    if not isinstance(document, dict) or not _same_issuer(document.get("issuer", ""), issuer):
        logger.warning("%s does not describe the issuer %s", url, issuer)
        raise ProviderUnavailable(f"{url} does not describe the issuer {issuer}")
    try:
        provider = Provider(
            issuer=document["issuer"],
            authorization_endpoint=document["authorization_endpoint"],
            token_endpoint=document["token_endpoint"],
            jwks_uri=document["jwks_uri"],
            userinfo_endpoint=document.get("userinfo_endpoint", ""),
            end_session_endpoint=document.get("end_session_endpoint", ""),
        )
    except KeyError as missing:
        logger.warning("%s has no %s", url, missing)
        raise ProviderUnavailable(f"{url} has no {missing}") from None
    cache.set(cache_key, asdict(provider), DISCOVERY_CACHE_SECONDS)
    return provider
