"""Who is asking: a signed-in browser session, or a script with a personal API token.

Anyone else gets 401 with a JSON body (never the sign-in page): `BearerTokenAuthentication`
comes first, so Django REST framework answers "not authenticated" with its
`WWW-Authenticate: Bearer` header and status 401.
"""

from django.utils.translation import gettext_lazy as _
from rest_framework import authentication, exceptions

from . import tokens


class BearerTokenAuthentication(authentication.BaseAuthentication):
    """`Authorization: Bearer wagtail_…`, checked against the digests of the unrevoked tokens
    whose owner is still active, on every request."""

    keyword = "Bearer"

    def authenticate(self, request):
        header = authentication.get_authorization_header(request).split()
        if not header or header[0].decode(errors="replace").lower() != self.keyword.lower():
            return None
        if len(header) != 2:
            raise exceptions.AuthenticationFailed(
                _("Send the token as “Authorization: Bearer <token>”, with nothing else.")
            )
        try:
            secret = header[1].decode()
        except UnicodeDecodeError as error:
            raise exceptions.AuthenticationFailed(_("This token is not valid.")) from error
        token = tokens.token_for_secret(secret)
        if token is None:
            raise exceptions.AuthenticationFailed(
                _("This token is not valid: it was revoked, or its owner's account was closed.")
            )
        tokens.mark_used(token)
        return token.user, token

    def authenticate_header(self, request):
        return f'{self.keyword} realm="api"'


class SessionAuthentication(authentication.SessionAuthentication):
    """The site's own session, for the signed-in reader's browser (and scripts run in it).

    Read-only endpoints only: Django REST framework checks CSRF for unsafe methods, and the API
    has none.
    """
