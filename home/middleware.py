"""Rules for every request: the site is private (every front-end URL needs a signed-in user),
and every response carries the security headers."""

import time

from csp.middleware import CSPMiddleware
from django.conf import settings
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


class ContentSecurityPolicyMiddleware(CSPMiddleware):
    """django-csp's middleware, with the admin's own, looser policy under /admin/.

    Front-end pages get CONTENT_SECURITY_POLICY: no inline script or style at all. The Wagtail
    admin writes inline scripts and styles of its own, so its pages get
    ADMIN_CONTENT_SECURITY_POLICY instead. A view that sets its own policy with django-csp's
    decorators keeps it. Previews inside the admin are still front-end pages: Wagtail renders
    them through the whole middleware stack with a request for the page's own URL, so they get
    the front-end header there, and this middleware leaves a header that is already set alone.
    """

    def get_policy_parts(self, request, response, report_only=False):
        parts = super().get_policy_parts(request, response, report_only=report_only)
        if (
            not report_only
            and parts.config is None
            and request.path.startswith(reverse("wagtailadmin_home"))
        ):
            parts.config = settings.ADMIN_CONTENT_SECURITY_POLICY["DIRECTIVES"]
        return parts


class PermissionsPolicyMiddleware:
    """Nothing here needs a camera, a microphone or the reader's location: the browser refuses
    them to every page, and to anything a page might frame."""

    POLICY = "camera=(), microphone=(), geolocation=()"

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        response.setdefault("Permissions-Policy", self.POLICY)
        return response


class SessionRefreshMiddleware:
    """Keep a signed-in user's session alive while they use the site, without a database write
    on every page.

    A session expires SESSION_COOKIE_AGE (the idle timeout) after its last save, and Django
    saves it only when it changes. Once SESSION_REFRESH_SECONDS have passed since the last
    refresh, this stores the time in the session: Django then saves the row and resends the
    cookie, both with a fresh expiry. Other requests write nothing and send no cookie. It acts
    after the view, so a sign-in is stamped in the save it makes anyway and a sign-out is left
    alone. A request that has no session of its own (a script with an API token, whose user is
    set for that request only) is left alone too: refreshing would start a session for it.
    """

    SESSION_KEY = "own_it_refreshed_at"

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if request.user.is_authenticated and not request.session.is_empty():
            now = int(time.time())
            # A very short idle timeout must still be refreshed before it runs out.
            interval = min(settings.SESSION_REFRESH_SECONDS, settings.SESSION_COOKIE_AGE // 2)
            if now - request.session.get(self.SESSION_KEY, 0) >= interval:
                request.session[self.SESSION_KEY] = now
        return response


class PersonalLanguageMiddleware:
    """The language a signed-in person chose in "Your settings", over their browser's.

    Runs after Django's LocaleMiddleware (which reads Accept-Language) and after authentication;
    the choice comes from the session, where it was put at sign-in (home/languages.py). The
    admin's own account page saves the same choice: after a save there, the session follows."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        from .languages import activate_for, remember_at_sign_in

        activate_for(request)
        response = self.get_response(request)
        if (
            request.method == "POST"
            and request.path == reverse("wagtailadmin_account")
            and request.user.is_authenticated
        ):
            remember_at_sign_in(None, request, request.user)
        return response
