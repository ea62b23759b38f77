"""Keep the two lookups every page makes out of the database: the Site and its settings.

Wagtail finds the Site for each request with a query, then loads its root page and the section
page under it (two queries each), and the header reads the site settings (one more). They change rarely, so they are cached, and
forgotten when a Site, a site's root page or the settings are saved, published or deleted.
Each request still gets its own unpickled copies, so nothing is shared between requests.
"""

from contextlib import suppress

from django.conf import settings
from django.core.cache import cache
from django.db import DatabaseError
from django.db.models.signals import post_delete, post_save
from wagtail.models import Page, Site
from wagtail.signals import page_published, page_unpublished, post_page_move

VERSION_KEY = "site-cache:version"


def timeout():
    # A per-process memory cache never hears another worker's invalidation: keep it short there.
    backend = settings.CACHES["default"]["BACKEND"]
    return 60 if backend.endswith(("LocMemCache", "DummyCache")) else 60 * 60


def _version():
    version = cache.get(VERSION_KEY)
    if version is None:
        version = 1
        cache.add(VERSION_KEY, version, None)
    return version


def key(*parts):
    return ":".join(["site-cache", str(_version()), *map(str, parts)])


def forget():
    try:
        cache.incr(VERSION_KEY)
    except ValueError:
        cache.set(VERSION_KEY, 2, None)


def cached_site_for_request(request):
    site_key = key("site", request._get_raw_host(), request.get_port())
    site = cache.get(site_key)
    if site is None:
        site = Site._find_for_request(request)
        if site is None:
            return None
        # Load the root page, as the specific type routing needs, into the cached object.
        site.root_page = site.root_page.specific
        cache.set(site_key, site, timeout())
    return site


class CachedSiteMiddleware:
    """Give Wagtail the request's Site from the cache (Wagtail reads `request._wagtail_site`)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        # With the database down, let the view answer (/healthz/ says so with a 503); a page that
        # needs the Site asks Wagtail, which fails in that view, not for every URL.
        with suppress(DatabaseError):
            request._wagtail_site = cached_site_for_request(request)
        return self.get_response(request)


def _forget_on_site_change(sender, **kwargs):
    forget()


def cached_child(parent, slug):
    """A section page (a child of the home page) by slug, as its specific type, or None."""
    child_key = key("child", parent.pk, slug)
    child = cache.get(child_key)
    if child is None:
        child = parent.get_children().filter(slug=slug).specific().first()
        if child is None:
            return None
        cache.set(child_key, child, timeout())
    return child


def _forget_on_page_change(sender, instance=None, **kwargs):
    # Site root pages (depth 2) and the sections under them (depth 3) are cached.
    if isinstance(instance, Page) and instance.depth is not None and instance.depth <= 3:
        forget()


for _signal in (post_save, post_delete):
    _signal.connect(_forget_on_site_change, sender=Site, dispatch_uid=f"site-cache-{id(_signal)}")
for _signal in (post_save, post_delete, page_published, page_unpublished):
    _signal.connect(_forget_on_page_change, dispatch_uid=f"site-cache-page-{id(_signal)}")
# A move rewrites paths without saving the page; moves are rare, so any move retires the cache.
post_page_move.connect(_forget_on_site_change, dispatch_uid="site-cache-page-move")
