"""Own It is private to the company: every front-end URL needs a signed-in user."""

from django.contrib.auth.middleware import LoginRequiredMiddleware
from django.urls import reverse


class PrivateSiteMiddleware(LoginRequiredMiddleware):
    """Django's LoginRequiredMiddleware, minus the Wagtail admin.

    The admin checks its own permissions and sends signed-out visitors to Wagtail's sign-in,
    which must stay reachable. Anything else that should be open says so with
    `django.contrib.auth.decorators.login_not_required` (and `tests/home/test_privacy.py` lists it).
    """

    def process_view(self, request, view_func, view_args, view_kwargs):
        if request.path.startswith(reverse("wagtailadmin_home")):
            return None
        return super().process_view(request, view_func, view_args, view_kwargs)


class NoIndexMiddleware:
    """Nothing here is for search engines, whatever a page's HTML says."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        response.setdefault("X-Robots-Tag", "noindex, nofollow")
        return response
