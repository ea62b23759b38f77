"""Deactivating an account takes away every way in at once.

A user saved with `is_active` going from True to False (in the admin, by `sync_accounts`, or any
code that calls `user.save()`) sends `user_deactivated` once the save is done. Receivers:
this app ends the person's sessions; stories deletes their feed token; the API app revokes its
tokens. Code that deactivates someone must use `user.save()`, never `QuerySet.update()`, which
sends no signal.
"""

from importlib import import_module

from django.conf import settings
from django.contrib.auth import SESSION_KEY
from django.dispatch import Signal
from django.utils import timezone

# Sent with `user` (the deactivated user) after the save that deactivated them.
user_deactivated = Signal()


def note_deactivation(sender, instance, raw=False, update_fields=None, **kwargs):
    """pre_save: remember whether this save switches an active account off."""
    instance.accounts_deactivating = False
    if raw or instance.is_active or instance.pk is None:
        return
    if update_fields is not None and "is_active" not in update_fields:
        return
    # One query, and only when an inactive user is saved (rare): was it active until now?
    instance.accounts_deactivating = sender.objects.filter(pk=instance.pk, is_active=True).exists()


def announce_deactivation(sender, instance, created, raw=False, **kwargs):
    """post_save: tell every receiver that the user has just been deactivated."""
    if getattr(instance, "accounts_deactivating", False):
        instance.accounts_deactivating = False
        user_deactivated.send(sender=sender, user=instance)


def end_sessions(sender, user, **kwargs):
    """Sign the user out everywhere: delete each of their sessions, from the database and the
    cache alike (SESSION_ENGINE is cached_db; `SessionStore.delete` clears both).

    Sessions are not indexed by user, so the unexpired ones are read; this runs only when someone
    is deactivated. With a cache-only session engine there would be nothing to read: the
    authentication backends refuse an inactive user on the next request all the same."""
    engine = import_module(settings.SESSION_ENGINE)
    store_class = engine.SessionStore
    model = getattr(store_class, "get_model_class", None)
    if model is None:
        return
    user_key = str(user.pk)
    sessions = model().objects.filter(expire_date__gt=timezone.now())
    for session in sessions.iterator():
        if session.get_decoded().get(SESSION_KEY) == user_key:
            store_class(session_key=session.session_key).delete()


def forget_leaver_mark(sender, user, **kwargs):
    """A deactivation by anyone but sync_accounts (which marks the account after saving) is
    final: the account does not come back at the next company sign-in."""
    from .models import CompanyAccount

    CompanyAccount.objects.filter(user=user).exclude(left_at=None).update(left_at=None)


def deactivate(user):
    """Deactivate `user` through a normal save, so that every receiver hears of it."""
    user.is_active = False
    user.save()
    return user
