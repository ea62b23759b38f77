"""The authentication backend behind company sign-in, built on mozilla-django-oidc.

mozilla-django-oidc (small, kept by Mozilla) runs the authorization code flow: state, nonce and
PKCE (S256) kept in the session, the code exchange, the signing key from the provider's JWKS and
the nonce check. We chose it over django-allauth, which would bring its own sign-in pages,
account models and email flows for one provider. What it leaves to the site is added here:

- endpoints from the discovery document, read when a sign-in arrives (provider.py), not settings;
- the ID token's issuer, audience and times checked too, with a minute's leeway for clocks (the
  library checks only signature and nonce);
- the account found by issuer and subject, never by email alone (company_accounts.py);
- each failure turned into a reason the sign-in page can explain, instead of an error page.
"""

import logging

import jwt
import requests
from django.contrib.auth import get_user_model
from django.contrib.auth.backends import ModelBackend
from django.core.exceptions import SuspiciousOperation
from mozilla_django_oidc.auth import OIDCAuthenticationBackend
from mozilla_django_oidc.utils import import_from_settings

from .company_accounts import REFUSED, UNAVAILABLE, SignInRefused, sign_in
from .provider import ProviderUnavailable, discover, is_configured

logger = logging.getLogger(__name__)

# mozilla-django-oidc's setting names for what the operator sets under our OIDC_* names.
LIBRARY_SETTING_NAMES = {
    "OIDC_RP_CLIENT_ID": "OIDC_CLIENT_ID",
    "OIDC_RP_CLIENT_SECRET": "OIDC_CLIENT_SECRET",
    "OIDC_RP_SCOPES": "OIDC_SCOPES",
    "OIDC_RP_SIGN_ALGO": "OIDC_SIGN_ALGORITHM",
    "OIDC_AUTH_REQUEST_EXTRA_PARAMS": "OIDC_AUTH_PARAMS",
}


# How far apart the provider's clock and ours may be when an ID token's times are checked.
ID_TOKEN_LEEWAY_SECONDS = 60


def library_setting(name, *default):
    return import_from_settings(LIBRARY_SETTING_NAMES.get(name, name), *default)


def refuse(request, reason):
    """Leave the reason on the request for the callback view's message."""
    request.company_sign_in_refused = reason


def is_company_sign_in(request, credentials=None):
    """AXES_WHITELIST_CALLABLE: django-axes leaves company sign-in's callback alone.

    A failed callback is not a password guess, and it has no username: axes would count every
    failure from one address under "no username" and, after SIGN_IN_FAILURE_LIMIT of them, lock
    company sign-in for everyone behind that address (a whole office's proxy). Guessing there
    gains nothing anyway: a code is useless without the state, nonce and PKCE verifier held in
    the browser's own session. Only the callback view passes a nonce."""
    return bool(credentials) and "nonce" in credentials


class CompanyAccountBackend(OIDCAuthenticationBackend):
    get_settings = staticmethod(library_setting)

    def __init__(self, *args, **kwargs):
        # Django makes a backend for every authenticate() and every request's get_user(); the
        # library's __init__ reads the endpoints, which we only learn from the provider when a
        # company sign-in actually arrives (authenticate below).
        self.UserModel = get_user_model()

    def authenticate(self, request, **kwargs):
        # Only the callback view passes a nonce; password sign-ins go past untouched.
        if request is None or "nonce" not in kwargs or not is_configured():
            return None
        try:
            self.provider = discover()
            self.OIDC_OP_TOKEN_ENDPOINT = self.provider.token_endpoint
            self.OIDC_OP_USER_ENDPOINT = self.provider.userinfo_endpoint
            self.OIDC_OP_JWKS_ENDPOINT = self.provider.jwks_uri
            self.OIDC_RP_CLIENT_ID = library_setting("OIDC_RP_CLIENT_ID")
            self.OIDC_RP_CLIENT_SECRET = library_setting("OIDC_RP_CLIENT_SECRET")
            self.OIDC_RP_SIGN_ALGO = library_setting("OIDC_RP_SIGN_ALGO")
            self.OIDC_RP_IDP_SIGN_KEY = None
            self.token_response = {}
            return super().authenticate(request, **kwargs)
        except SignInRefused as refusal:
            logger.warning("Company sign-in refused (%s): %s", refusal.reason, refusal)
            refuse(request, refusal.reason)
        except ProviderUnavailable:
            refuse(request, UNAVAILABLE)
        except requests.HTTPError as error:
            # The token endpoint said no: a used or expired code, a failed PKCE check, a wrong
            # client secret. A 5xx is the provider being down.
            status = error.response.status_code if error.response is not None else 500
            logger.warning("Company sign-in: the provider refused the code: %s", error)
            refuse(request, UNAVAILABLE if status >= 500 else REFUSED)
        except requests.RequestException as error:
            logger.warning("Company sign-in: the provider could not be reached: %s", error)
            refuse(request, UNAVAILABLE)
        except (SuspiciousOperation, jwt.PyJWTError, KeyError, ValueError) as error:
            # A bad signature, a wrong nonce, another issuer or audience, an expired token, a
            # signing key missing from the JWKS, an answer that is not what the spec says.
            logger.warning("Company sign-in refused: %s", error)
            refuse(request, REFUSED)
        return None

    def get_token(self, payload):
        self.token_response = super().get_token(payload)
        return self.token_response

    def get_payload_data(self, token, key):
        """The ID token's claims once PyJWT has checked its signature, algorithm, issuer,
        audience and times. The library checks the signature only, with no leeway: a provider
        whose clock is a few seconds ahead would fail sign-ins now and then."""
        try:
            return jwt.decode(
                token,
                key,
                algorithms=[self.OIDC_RP_SIGN_ALGO],
                audience=self.OIDC_RP_CLIENT_ID,
                issuer=self.provider.issuer,
                leeway=ID_TOKEN_LEEWAY_SECONDS,
                options={"require": ["exp", "iat", "iss", "aud", "sub"]},
            )
        except jwt.InvalidTokenError as error:
            raise SuspiciousOperation(f"The ID token is not valid: {error}") from error

    def verify_token(self, token, **kwargs):
        # The library checks the nonce after get_payload_data above.
        claims = super().verify_token(token, **kwargs)
        several_audiences = not isinstance(claims["aud"], str) and len(claims["aud"]) > 1
        if several_audiences and claims.get("azp") != self.OIDC_RP_CLIENT_ID:
            raise SuspiciousOperation("The ID token was issued to another party.")
        return claims

    def get_userinfo(self, access_token, id_token, payload):
        """The ID token's claims, completed from the userinfo endpoint when there is one.

        Some providers put the groups only in the ID token (Entra ID), others put the names only
        in userinfo; claims in the signed ID token win."""
        claims = {}
        if self.OIDC_OP_USER_ENDPOINT:
            userinfo = super().get_userinfo(access_token, id_token, payload)
            if userinfo.get("sub") != payload.get("sub"):
                raise SuspiciousOperation("userinfo describes another subject.")
            claims.update(userinfo)
        claims.update(payload)
        return claims

    def get_or_create_user(self, access_token, id_token, payload):
        claims = self.get_userinfo(access_token, id_token, payload)
        return sign_in(
            claims,
            issuer=self.provider.issuer,
            refresh_token=self.token_response.get("refresh_token", ""),
        )

    def get_user(self, user_id):
        # The library's get_user returns deactivated users too; Django's refuses them, so a
        # deactivated person's session ends at their next request whatever happens to it.
        return ModelBackend.get_user(self, user_id)
