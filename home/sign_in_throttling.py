"""Sign-in throttling with django-axes: who is signing in, and what a locked-out person sees.

Axes counts failed sign-ins per account and address (AXES_LOCKOUT_PARAMETERS in
culture/settings/base.py) and refuses the next ones for a cool-off period. The settings point at
the two functions here: `client_ip_address` (AXES_CLIENT_IP_CALLABLE) and `lockout_response`
(AXES_LOCKOUT_CALLABLE). `current_lockouts` feeds the Culture team's unlock screen.
"""

import ipaddress
import math
from dataclasses import dataclass
from datetime import datetime

from axes.handlers.proxy import AxesProxyHandler
from axes.helpers import get_cool_off, get_failure_limit
from axes.models import AccessAttempt
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.exceptions import NON_FIELD_ERRORS
from django.http import HttpResponse
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.translation import ngettext


def client_ip_address(request):
    """The address of the person signing in.

    With TRUSTED_PROXY_COUNT = 0 it is REMOTE_ADDR and X-Forwarded-For is ignored, since anyone
    can send that header. Behind N proxies, each appends the address it was reached from, so the
    person is the N-th entry from the right; entries further left were written by the client and
    are never read (the rule of Werkzeug's ProxyFix). A request with fewer entries did not come
    through all the proxies, and one with an unreadable entry falls back to REMOTE_ADDR.
    """
    remote_addr = request.META.get("REMOTE_ADDR")
    proxies = settings.TRUSTED_PROXY_COUNT
    if proxies <= 0:
        return remote_addr
    forwarded = [part.strip() for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")]
    if len(forwarded) < proxies:
        return remote_addr
    try:
        return str(ipaddress.ip_address(forwarded[-proxies]))
    except ValueError:
        return remote_addr


def lock_ends_at(attempts, limit, cool_off):
    """When sign-in opens again for one account and address, or None if it is open now.

    `attempts` are (attempt_time, failures) rows within the cool-off, in any order (axes keeps
    one row per browser). Rows run out oldest first, so the lock lasts until the row at which
    the newest failures reach the limit runs out."""
    failures = 0
    for attempt_time, count in sorted(attempts, reverse=True):
        failures += count
        if failures >= limit:
            return attempt_time + cool_off
    return None


def minutes_until(moment):
    """Whole minutes from now until `moment`, rounded up, at least one."""
    seconds = (moment - timezone.now()).total_seconds()
    return max(1, math.ceil(seconds / 60))


def lockout_message(minutes):
    # The same words whether or not the account exists: the message never confirms a username.
    return ngettext(
        "Too many failed sign-ins. Try again in %(minutes)d minute, or ask the Culture team to "
        "unlock your account.",
        "Too many failed sign-ins. Try again in %(minutes)d minutes, or ask the Culture team to "
        "unlock your account.",
        minutes,
    ) % {"minutes": minutes}


def lockout_response(request, original_response=None, credentials=None):
    """The sign-in form again, with the lock-out message in place of its errors (AXES_LOCKOUT_CALLABLE).

    Axes calls this from its middleware once a sign-in is refused. All three sign-in forms (the
    site's, the admin's and Wagtail's own) are Django LoginViews that answer a refused sign-in
    with a TemplateResponse holding the bound form, so it is rendered again in its own template
    and look: the username stays filled in and only the message changes. Status 429 throughout.
    """
    cool_off = get_cool_off(request)
    limit = get_failure_limit(request, credentials)
    handler = AxesProxyHandler.get_implementation()
    ends = [
        lock_ends_at(attempts.values_list("attempt_time", "failures_since_start"), limit, cool_off)
        for attempts in handler.get_user_attempts(request, credentials)
    ]
    # The failure that has just locked the account is already counted; "now" is only a fallback.
    ends_at = max((end for end in ends if end), default=timezone.now() + cool_off)
    message = lockout_message(minutes_until(ends_at))
    status = settings.AXES_HTTP_RESPONSE_CODE

    context = getattr(original_response, "context_data", None) or {}
    form = context.get("form")
    if isinstance(original_response, TemplateResponse) and form is not None:
        # "Please enter a correct username and password" would be wrong here: the password was
        # not even checked. Replace it so the message is the only one.
        form.errors.clear()
        form.errors[NON_FIELD_ERRORS] = form.error_class(
            [message], error_class="nonfield", renderer=form.renderer
        )
        # The same response object keeps the view's headers (never_cache) and cookies.
        response = original_response
        response.status_code = status
        response.content = response.rendered_content
    else:
        # No sign-in view of ours ends here; a plain refusal for anything else that authenticates.
        response = HttpResponse(message, status=status, content_type="text/plain; charset=utf-8")
    response["Retry-After"] = str(max(0, math.ceil((ends_at - timezone.now()).total_seconds())))
    return response


@dataclass
class Lockout:
    """An account that is refused sign-in from at least one address right now."""

    username: str
    failures: int
    last_failure: datetime
    locked_until: datetime
    user: object = None


def current_lockouts():
    """Current lock-outs, one per username, the latest first, in one query.

    Addresses are left out on purpose: the Culture team unlocks an account, not an address."""
    cool_off = get_cool_off()
    limit = get_failure_limit(None, None)
    rows = AccessAttempt.objects.filter(attempt_time__gte=timezone.now() - cool_off).values_list(
        "username", "ip_address", "attempt_time", "failures_since_start"
    )
    per_address = {}
    for username, ip_address, attempt_time, failures in rows:
        per_address.setdefault((username, ip_address), []).append((attempt_time, failures))

    lockouts = {}
    for (username, _address), attempts in per_address.items():
        locked_until = lock_ends_at(attempts, limit, cool_off)
        if locked_until is None:
            continue
        failures = sum(count for _time, count in attempts)
        last_failure = max(attempt_time for attempt_time, _count in attempts)
        known = lockouts.get(username)
        if known is None:
            lockouts[username] = Lockout(username or "", failures, last_failure, locked_until)
        else:
            known.failures += failures
            known.last_failure = max(known.last_failure, last_failure)
            known.locked_until = max(known.locked_until, locked_until)

    # Show who the account belongs to; unknown usernames are locked too and say so on the screen.
    User = get_user_model()
    users = User.objects.in_bulk(
        [name for name in lockouts if name], field_name=User.USERNAME_FIELD
    )
    for lockout in lockouts.values():
        lockout.user = users.get(lockout.username)
    return sorted(lockouts.values(), key=lambda lockout: lockout.last_failure, reverse=True)
