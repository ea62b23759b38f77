import mimetypes
import posixpath

from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.core.cache import caches
from django.core.files.storage import default_storage
from django.db import Error, connection
from django.http import FileResponse, Http404, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.cache import patch_cache_control
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import etag, require_GET

from .cache_backends import cache_status
from .colours import hsl_parts, readable_text_colour
from .languages import LanguageForm, stored_language
from .models import SiteSettings, hex_colour
from .panels import account_panels
from .site_search import SiteSearch


@login_not_required
@never_cache
@require_GET
def healthz(request):
    """For load balancers and uptime monitors: does each dependency answer?

    200 while the database answers, "degraded" if the cache does not (pages are then served
    from the database, slower); 503 only when the database is down, as no page can be served.
    The cache is probed with a real write and read, so that a recovery shows at once.
    """
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
        database = "ok"
    except Error:
        database = "down"
    cache = cache_status(caches["default"])
    if database == "down":
        status = "down"
    elif cache == "down":
        status = "degraded"
    else:
        status = "ok"
    return JsonResponse(
        {"status": status, "database": database, "cache": cache},
        status=503 if database == "down" else 200,
    )


# Only images are served from /media/. Documents go through Wagtail's own view (/documents/…),
# which applies collection privacy; serving their files here would be a way round it.
MEDIA_FOLDERS = ("original_images/", "images/")


def private_media(request, path):
    """Uploaded images (originals and renditions) for signed-in users only.

    The login check itself is PrivateSiteMiddleware's; this view only serves the file, with
    headers that stop a shared proxy from keeping it and a browser from running it.
    """
    path = posixpath.normpath(path)
    if not path.startswith(MEDIA_FOLDERS) or not default_storage.exists(path):
        raise Http404("No such file")
    content_type, _ = mimetypes.guess_type(path)
    response = FileResponse(
        default_storage.open(path, "rb"), content_type=content_type or "application/octet-stream"
    )
    response["Cache-Control"] = "private, max-age=3600"
    response["Content-Security-Policy"] = "default-src 'none'; style-src 'unsafe-inline'; sandbox"
    return response


def search(request):
    """Site-wide search over everything the reader may see: stories first, then quotes,
    campaigns, meeting packs and other pages (home.site_search), with "Did you mean" and what
    to try next when nothing is found. A fixed number of queries whatever the results."""
    # NUL bytes trip PostgreSQL's text type and quote marks carry no meaning here: both are
    # dropped from what is shown again (the words themselves are read by home.search).
    query = " ".join(request.GET.get("q", "").replace("\x00", "").replace('"', " ").split())[:200]
    found = SiteSearch(request, query)
    results = found.page(request.GET.get("page")) if query else None
    return render(
        request, "home/search.html", {"query": query, "search": found, "results": results}
    )


def account(request):
    """The signed-in user's own settings, gathered from every app; their language is home's."""
    # Other panels' forms (API tokens) post to their own views, which answer with this page: only
    # a post to this page's own address is the language form.
    if request.method == "POST" and request.path == reverse("account"):
        language_form = LanguageForm(request.POST)
        if language_form.is_valid():
            language_form.save(request)
            messages.success(request, _("Your language is saved."))
            return redirect("account")
    else:
        language_form = LanguageForm(initial={"language": stored_language(request.user)})
    return render(
        request,
        "home/account.html",
        {"panels": account_panels(request), "language_form": language_form},
    )


def theme_colours(request):
    """The site's primary colour and the text colour that reads on it, both as #rrggbb.

    The colour is checked again here because it is written into CSS: a value that slipped past
    the settings form (the shell, a fixture) falls back to the default instead.
    """
    primary = SiteSettings.for_request(request).primary_colour or ""
    if not hex_colour.regex.fullmatch(primary):
        primary = SiteSettings._meta.get_field("primary_colour").default
    return primary.lower(), readable_text_colour(primary)


def site_colours_etag(request):
    return theme_colours(request)[0].lstrip("#")


@login_not_required
@require_GET
@etag(site_colours_etag)
def site_colours(request):
    """The Culture team's colours as CSS custom properties, so that pages need no inline style.

    Open to signed-out visitors because the sign-in page uses it: it says only the two colours
    that page shows anyway. base.html links it as ?v=<the colour without #>, so a new colour is a
    new address: the current address is kept for a year, any other is revalidated by its ETag.
    """
    primary, on_primary = theme_colours(request)
    return _colours_stylesheet(
        request, "home/site_colours.css", {"primary": primary, "on_primary": on_primary}
    )


@login_not_required
@require_GET
@etag(site_colours_etag)
def admin_colours(request):
    """The same colour for the admin (its sidebar and buttons), in Wagtail's theme properties.

    The colour is dark enough for white text (the settings form checks 4.5 : 1), which is what
    the admin writes on it. Linked from templates/wagtailadmin/admin_base.html, sign-in included.
    """
    primary, _on_primary = theme_colours(request)
    hue, saturation, lightness = hsl_parts(primary)
    return _colours_stylesheet(
        request,
        "home/admin_colours.css",
        {"hue": hue, "saturation": saturation, "lightness": lightness},
    )


def _colours_stylesheet(request, template, context):
    response = render(request, template, context, content_type="text/css; charset=utf-8")
    if request.GET.get("v", "").lower() == theme_colours(request)[0].lstrip("#"):
        patch_cache_control(response, public=True, max_age=60 * 60 * 24 * 365, immutable=True)
    else:
        patch_cache_control(response, no_cache=True)
    return response
