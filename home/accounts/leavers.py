"""Leavers: accounts the provider no longer knows, or has disabled, lose access here each day.

OpenID Connect has no standard way to list a provider's people, but every provider refuses to
refresh the tokens of someone it has deleted or disabled (`invalid_grant`). `sync_accounts` asks
the token endpoint to refresh each active company account's refresh token (kept from its last
sign-in, with the offline_access scope); a refusal deactivates the account with a normal save, so
its sessions end and its feed and API tokens are revoked at once (deactivation.py).

A refusal does not always mean a leaver (Entra ID also revokes refresh tokens when a password is
reset), so such an account is marked `left_at`: its owner's next company sign-in, which only a
person the provider still knows can do, brings it back. If the provider cannot be reached, or
answers anything but 200 or invalid_grant, nothing is deactivated.
"""

import logging
from dataclasses import dataclass, field

import requests
from django.conf import settings
from django.utils import timezone

from .deactivation import deactivate
from .models import CompanyAccount
from .provider import ProviderUnavailable, discover

logger = logging.getLogger(__name__)


class ProviderRefusedClient(Exception):
    """The provider refused this site itself (a wrong client secret, say): nobody is judged."""


@dataclass
class SyncResult:
    kept: list = field(default_factory=list)
    leavers: list = field(default_factory=list)
    # Accounts with no refresh token to ask about (signed in before offline_access was asked
    # for, or SECRET_KEY changed since): they are checked after their next sign-in.
    unchecked: list = field(default_factory=list)


def still_known(account, provider):
    """True if the provider refreshes the account's token (keeping the new one if it rotated),
    False if it refuses it with invalid_grant, None if there is no token to ask with."""
    refresh_token = account.refresh_token
    if not refresh_token:
        return None
    try:
        response = requests.post(
            provider.token_endpoint,
            data={
                "grant_type": "refresh_token",
                "refresh_token": refresh_token,
                "client_id": settings.OIDC_CLIENT_ID,
                "client_secret": settings.OIDC_CLIENT_SECRET,
            },
            timeout=settings.OIDC_TIMEOUT,
        )
    except requests.RequestException as error:
        raise ProviderUnavailable(str(error)) from error
    if response.status_code == 200:
        new_token = response.json().get("refresh_token")
        if new_token:
            account.refresh_token = new_token
        return True
    try:
        error = response.json().get("error")
    except ValueError:
        error = None
    if response.status_code == 400 and error == "invalid_grant":
        return False
    if response.status_code >= 500:
        raise ProviderUnavailable(f"the token endpoint answered {response.status_code}")
    raise ProviderRefusedClient(f"the token endpoint answered {response.status_code} {error}")


def find_leavers():
    """Ask the provider about every active company account; changes no account's status.

    Raises ProviderUnavailable or ProviderRefusedClient before anyone is judged wrongly."""
    provider = discover()
    result = SyncResult()
    accounts = CompanyAccount.objects.filter(
        user__is_active=True, issuer=provider.issuer
    ).select_related("user")
    now = timezone.now()
    for account in accounts.order_by("pk"):
        known = still_known(account, provider)
        if known is None:
            result.unchecked.append(account)
            continue
        account.last_checked_at = now
        account.save(update_fields=["sealed_refresh_token", "last_checked_at"])
        (result.kept if known else result.leavers).append(account)
    return result


def deactivate_leavers(accounts):
    for account in accounts:
        deactivate(account.user)
        # After the save: deactivation.forget_leaver_mark clears the mark for any deactivation,
        # so that only this one can be undone by signing in again.
        account.left_at = timezone.now()
        account.save(update_fields=["left_at"])
        logger.warning("Deactivated %s: the provider no longer knows them", account.user)
