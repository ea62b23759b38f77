"""Cached links to the section pages (stories, meeting packs, campaigns) for the main menu.

The menu is drawn on every page, so looking each section up in the page tree would cost a
query per section per request. Section pages sit under the home page (depth 3), which
home.site_cache already watches: any change there, to the home page or to a Site retires these
entries with the rest of the site cache.
"""

from django.core.cache import cache

from . import site_cache


def section_url(model, request=None):
    """The URL of the first live page of `model`, or "" when there is none."""
    key = site_cache.key("section-url", model._meta.label_lower)
    url = cache.get(key)
    if url is None:
        page = model.objects.live().first()
        url = (page.get_url(request) or "") if page else ""
        cache.set(key, url, site_cache.timeout())
    return url
