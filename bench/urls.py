"""The site's URLs plus a bare view, for the benchmark only (never in culture/urls.py).

The bare view is the yardstick: it needs a signed-in user like every page, so each request goes
through exactly the same middleware (session, authentication, the private-site check, CSRF,
messages, security headers) and then does nothing. /healthz/ would not do: it is open to
signed-out visitors, so the session and the user are never loaded, which would flatter nothing
but make every page look slower than it is.
"""

from django.http import HttpResponse
from django.urls import include, path


def bare(request):
    return HttpResponse("ok", content_type="text/plain")


urlpatterns = [
    path("bench/bare/", bare, name="bench_bare"),
    path("", include("culture.urls")),
]
