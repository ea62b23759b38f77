"""A request budget per token (and per signed-in user without one), in fixed windows.

The count lives in the shared cache (Redis in production), so every web process counts against
the same budget. `cache.add` starts a window and `cache.incr` counts in it, both atomic in Redis,
so concurrent requests cannot slip past the limit. Over the limit Django REST framework answers
429 with `Retry-After`: the seconds until the window ends.

When the cache is unreachable the request is let through: the API stays up, unmetered, rather
than going down with the cache.
"""

import time

from django.conf import settings
from django.core.cache import cache
from rest_framework.throttling import BaseThrottle

DEFAULT_RATE = (120, 60)  # requests, per seconds


def rate():
    requests, seconds = getattr(settings, "OWN_IT_API_RATE", DEFAULT_RATE)
    return int(requests), int(seconds)


class TokenRateThrottle(BaseThrottle):
    def who(self, request):
        token = request.auth
        if token is not None and getattr(token, "pk", None):
            return f"token:{token.pk}"
        if request.user.is_authenticated:
            return f"user:{request.user.pk}"
        return None

    def allow_request(self, request, view):
        who = self.who(request)
        if who is None:
            return True  # refused as unauthenticated anyway
        limit, window = rate()
        now = time.time()
        window_start = int(now // window * window)
        self.retry_after = max(1, int(window_start + window - now + 0.999))
        key = f"api-rate:{who}:{window_start}"
        if cache.add(key, 1, timeout=window + 1):
            return True
        try:
            count = cache.incr(key)
        except ValueError:
            # The window expired between the two calls, or the cache is down: start over.
            cache.add(key, 1, timeout=window + 1)
            return True
        return count <= limit

    def wait(self):
        return self.retry_after
