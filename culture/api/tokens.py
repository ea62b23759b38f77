"""Personal API tokens: Wagtail's own `APIToken` (wagtailcore), made and revoked by their owner
on "Your settings".

Wagtail keeps only an HMAC-SHA-256 digest of each token (keyed with SECRET_KEY, so tokens survive a
rotation through SECRET_KEY_FALLBACKS), never the token itself: the owner sees it once, when it is
made. That is why this app has no token model of its own; the common token models of Django REST
framework and others keep their keys in clear, Wagtail's does not.

A token works only while its owner is active (checked on every request), and the tokens of a user
who is deactivated are deleted by `delete_tokens_of_deactivated_user`.
"""

from django.utils import timezone
from wagtail.models import APIToken

MAX_TOKENS_PER_USER = 10


def tokens_of(user):
    """The tokens `user` can still use, newest first."""
    return APIToken.objects.filter(user=user, revoked_at__isnull=True).order_by("-created", "-pk")


def token_for_secret(secret):
    """The unrevoked token with this secret whose owner is active, with its owner; or None.

    A string that cannot be a token (wrong prefix, length or checksum) costs no query."""
    if not APIToken.validate_token_format(secret):
        return None
    return (
        APIToken.objects.select_related("user")
        .filter(
            key_hash__in=APIToken.candidate_key_hashes(secret),
            revoked_at__isnull=True,
            user__is_active=True,
        )
        .first()
    )


def mark_used(token, every_seconds=3600):
    """Record when the token was last used, at most once an hour: not a write per request."""
    now = timezone.now()
    if token.last_used_at is None or (now - token.last_used_at).total_seconds() >= every_seconds:
        APIToken.objects.filter(pk=token.pk).update(last_used_at=now)
        token.last_used_at = now


def delete_tokens_of_deactivated_user(sender, instance, raw=False, **kwargs):
    """post_save of the user model (wired in ApiConfig.ready): a leaver's tokens are deleted when
    their account is deactivated, by the admin or by the company sign-in's leaver sync (both an
    ordinary save of the user).

    Requests check `is_active` anyway, so the tokens already stopped working; deleting them means
    that reactivating the account does not bring old secrets back to life. One small DELETE on
    each save of an inactive user, which is rare."""
    if raw or instance.is_active:
        return
    APIToken.objects.filter(user_id=instance.pk).delete()
