"""Company sign-in's three addresses: start (to the provider), callback (back from it), and the
sign-outs that end the provider's session too.

The start and callback views are mozilla-django-oidc's, given the endpoints from the discovery
document and a message instead of an error page when something goes wrong: the person lands on
the sign-in page again and reads what happened.
"""

import logging
from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.core.exceptions import SuspiciousOperation
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import resolve_url
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.generic import View
from mozilla_django_oidc.views import (
    OIDCAuthenticationCallbackView,
    OIDCAuthenticationRequestView,
)
from wagtail.admin.views.account import LogoutView as WagtailLogoutView

from home.site_address import absolute_url

from .backends import library_setting
from .company_accounts import DEACTIVATED, REFUSED, UNAVAILABLE
from .provider import ProviderUnavailable, discover, is_configured

logger = logging.getLogger(__name__)


def refusal_message(reason):
    if reason == UNAVAILABLE:
        return _(
            "Company sign-in is not available right now: the company's sign-in service could "
            "not be reached. Please try again in a few minutes."
        )
    if reason == DEACTIVATED:
        return _(
            "Your account here has been deactivated. Ask the Culture team if you think this is "
            "a mistake."
        )
    return _("Company sign-in did not complete. Please try again.")


def back_to_sign_in(request, reason):
    """The sign-in page with the message (the admin's, for someone going to the admin),
    keeping where the person was going."""
    messages.error(request, refusal_message(reason))
    next_url = request.GET.get("next") or request.session.get("oidc_login_next") or ""
    if not url_has_allowed_host_and_scheme(next_url, allowed_hosts={request.get_host()}):
        next_url = ""
    admin = next_url.startswith(resolve_url("wagtailadmin_home"))
    url = resolve_url("wagtailadmin_login" if admin else "login")
    if next_url:
        url += "?" + urlencode({"next": next_url})
    return HttpResponseRedirect(url)


class CompanySignInView(OIDCAuthenticationRequestView):
    """Sends the person to the provider (with state, nonce and a PKCE challenge)."""

    get_settings = staticmethod(library_setting)

    def __init__(self, **kwargs):
        # The library's __init__ reads the authorization endpoint from settings; ours comes from
        # the discovery document, read in get().
        View.__init__(self, **kwargs)

    def get(self, request):
        if not is_configured():
            raise Http404
        try:
            provider = discover()
        except ProviderUnavailable:
            return back_to_sign_in(request, UNAVAILABLE)
        self.OIDC_OP_AUTH_ENDPOINT = provider.authorization_endpoint
        self.OIDC_RP_CLIENT_ID = library_setting("OIDC_RP_CLIENT_ID")
        return super().get(request)


class CompanySignInCallbackView(OIDCAuthenticationCallbackView):
    """Where the provider sends the person back with a code; the backend does the rest."""

    get_settings = staticmethod(library_setting)

    def get(self, request):
        if not is_configured():
            raise Http404
        try:
            return super().get(request)
        except SuspiciousOperation as error:
            # A state this browser never asked for: a callback used twice, or one from another
            # browser (login CSRF).
            logger.warning("Company sign-in callback refused: %s", error)
            return self.login_failure()

    def login_failure(self):
        if self.request.GET.get("error"):
            logger.warning(
                "The provider ended company sign-in with %s: %s",
                self.request.GET.get("error"),
                self.request.GET.get("error_description", ""),
            )
        reason = getattr(self.request, "company_sign_in_refused", REFUSED)
        return back_to_sign_in(self.request, reason)


def provider_sign_out_url(request):
    """Where to send someone signed in with their company account so that the provider ends its
    session too (RP-initiated logout), or None: not signed in that way, no end_session_endpoint
    (Google), or the provider cannot be reached (then only our session ends)."""
    id_token = request.session.get("oidc_id_token")
    if not id_token or not is_configured():
        return None
    try:
        provider = discover()
    except ProviderUnavailable:
        return None
    if not provider.end_session_endpoint:
        return None
    query = urlencode(
        {
            "id_token_hint": id_token,
            "client_id": library_setting("OIDC_RP_CLIENT_ID"),
            "post_logout_redirect_uri": absolute_url(resolve_url("login")),
        }
    )
    separator = "&" if "?" in provider.end_session_endpoint else "?"
    return f"{provider.end_session_endpoint}{separator}{query}"


class EndsProviderSession:
    """Sign-out that ends the provider's session too, when there is one to end."""

    def post(self, request, *args, **kwargs):
        # Read before Django's sign-out empties the session.
        provider_url = provider_sign_out_url(request)
        response = super().post(request, *args, **kwargs)
        if provider_url:
            return HttpResponseRedirect(provider_url)
        return response


class SignOutView(EndsProviderSession, auth_views.LogoutView):
    pass


class AdminSignOutView(EndsProviderSession, WagtailLogoutView):
    pass
