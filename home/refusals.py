"""A signed-in reader who may not open a page or a document gets a refusal, not the sign-in page.

Wagtail answers a "login" or "groups" view restriction the request does not pass by redirecting
to the sign-in page. For a signed-out visitor that is right (and `PrivateSiteMiddleware` sends
them there before any page is served). A signed-in reader outside a page's groups would only be
asked to sign in again (and, while the sign-in page sent signed-in users on to `next`, looped
between the two). They get `templates/403.html` instead, with status 403: they followed a link,
so the page is no secret to them, but its title is not shown. Password restrictions keep
Wagtail's password form.

The hooks are registered in `home/wagtail_hooks.py`.
"""

from django.shortcuts import render
from django.utils.cache import add_never_cache_headers
from wagtail.models import BaseViewRestriction

SIGN_IN_RESTRICTIONS = (BaseViewRestriction.LOGIN, BaseViewRestriction.GROUPS)


def refuses(restrictions, request):
    """Whether a login or groups restriction among `restrictions` refuses this request."""
    return any(
        restriction.restriction_type in SIGN_IN_RESTRICTIONS
        and not restriction.accept_request(request)
        for restriction in restrictions
    )


def refusal(request, *, document=False):
    """The 403 page. Never cached: whether someone may see a URL is decided on every request."""
    response = render(request, "403.html", {"refused_document": document}, status=403)
    add_never_cache_headers(response)
    return response


def refuse_signed_in_readers(serve):
    """`on_serve_page` hook, around Wagtail's own view-restriction check.

    Wagtail's check has just read the page's restrictions, and most answers are the page
    itself: so they are read again only when the answer is a redirect (how Wagtail refuses),
    and an ordinary page view costs no extra query. A page that redirects for reasons of its
    own passes every restriction and keeps its redirect.
    """

    def serve_or_refuse(page, request, serve_args, serve_kwargs):
        response = serve(page, request, serve_args, serve_kwargs)
        is_redirect = 300 <= response.status_code < 400
        if (
            is_redirect
            and request.user.is_authenticated
            and refuses(page.get_view_restrictions(), request)
        ):
            return refusal(request)
        return response

    return serve_or_refuse


def refuse_restricted_document(document, request):
    """`before_serve_document` hook, ahead of Wagtail's check of the collection's restrictions."""
    if request.user.is_authenticated and refuses(
        document.collection.get_view_restrictions(), request
    ):
        return refusal(request, document=True)
    return None
