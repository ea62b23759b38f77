"""Who a company sign-in is: the account here for the provider's verified claims.

The claims have been checked by then (signature, issuer, audience, nonce: backends.py). The
account is found by issuer and subject; the first time, an account here that nobody has linked
yet is adopted when the provider vouches for its email address (`email_verified`), so that
colleagues who had a password keep their stories; otherwise a new account is made. Names, email
and the mapped roles follow the provider at every sign-in.
"""

import re

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from .group_roles import apply_group_roles
from .models import CompanyAccount

# Why a sign-in was refused; views.py turns each into a message.
REFUSED = "refused"
DEACTIVATED = "deactivated"
UNAVAILABLE = "unavailable"


class SignInRefused(Exception):
    def __init__(self, reason, detail=""):
        super().__init__(detail or reason)
        self.reason = reason


def _text(claims, name, limit=150):
    value = claims.get(name)
    return value.strip()[:limit] if isinstance(value, str) else ""


def _names(claims):
    first, last = _text(claims, "given_name"), _text(claims, "family_name")
    if not first and not last:
        # Entra ID sends only "name" unless optional claims are set up.
        first = _text(claims, "name")
    return first, last


def _free_username(claims):
    User = get_user_model()
    wanted = _text(claims, "preferred_username") or _text(claims, "email")
    # Django's username characters; the rest is dropped ("Erin Walsh" -> "ErinWalsh").
    base = re.sub(r"[^\w.@+-]", "", wanted)[:140] or "colleague"
    candidate, number = base, 1
    while User.objects.filter(username__iexact=candidate).exists():
        number += 1
        candidate = f"{base}-{number}"
    return candidate


def _adoptable_user(claims):
    """An account here with the provider-verified email that no company account holds yet."""
    email = _text(claims, "email", limit=254)
    if not email or claims.get("email_verified") is not True:
        return None
    User = get_user_model()
    matches = list(User.objects.filter(email__iexact=email, company_account__isnull=True)[:2])
    # Two accounts with one address: adopting either would be a guess.
    return matches[0] if len(matches) == 1 else None


def sign_in(claims, issuer, refresh_token=""):
    """The user that these verified claims sign in, created or updated; raises SignInRefused."""
    subject = _text(claims, "sub", limit=255)
    if not subject:
        raise SignInRefused(REFUSED, "the claims have no subject")
    User = get_user_model()
    with transaction.atomic():
        account = (
            CompanyAccount.objects.select_related("user")
            .select_for_update()
            .filter(issuer=issuer, subject=subject)
            .first()
        )
        if account is not None:
            user = account.user
        else:
            user = _adoptable_user(claims)
            if user is None:
                user = User(username=_free_username(claims))
                user.set_unusable_password()
            account = CompanyAccount(issuer=issuer, subject=subject)

        if not user.is_active:
            if account.pk is None or account.left_at is None:
                raise SignInRefused(DEACTIVATED, f"user {user.pk} is deactivated")
            # sync_accounts took the account away when the provider refused its refresh token;
            # the provider has just vouched for the person again.
            user.is_active = True
            account.left_at = None

        first_name, last_name = _names(claims)
        if first_name or last_name:
            user.first_name, user.last_name = first_name, last_name
        email = _text(claims, "email", limit=254)
        if email:
            user.email = email
        user.save()
        apply_group_roles(user, claims)

        account.user = user
        account.last_signed_in_at = timezone.now()
        if refresh_token:
            account.refresh_token = refresh_token
        account.save()
    return user
