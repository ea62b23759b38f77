"""Cached links to the section pages (stories, meeting packs, campaigns) for the main menu.

The menu is drawn on every page, so looking each section up in the page tree would cost a
query per section per request. The URL is cached per page type and forgotten whenever a page
of that type is saved, published, unpublished, moved or deleted.
"""

from django.conf import settings
from django.core.cache import cache
from django.db.models.signals import post_delete, post_save
from wagtail.models import Page
from wagtail.signals import page_published, page_slug_changed, page_unpublished, post_page_move

_section_models = set()


def _key(model):
    return f"section-url:{model._meta.label_lower}"


def _timeout():
    # A per-process memory cache never hears another worker's invalidation: keep it short there.
    backend = settings.CACHES["default"]["BACKEND"]
    return 60 if backend.endswith(("LocMemCache", "DummyCache")) else 60 * 60


def section_url(model, request=None):
    """The URL of the first live page of `model`, or "" when there is none."""
    _section_models.add(model)
    url = cache.get(_key(model))
    if url is None:
        page = model.objects.live().first()
        url = (page.get_url(request) or "") if page else ""
        cache.set(_key(model), url, _timeout())
    return url


def _forget(sender, instance=None, **kwargs):
    if isinstance(instance, Page) and instance.specific_class in _section_models:
        cache.delete(_key(instance.specific_class))


for _signal in (post_save, post_delete, page_published, page_unpublished, page_slug_changed):
    _signal.connect(_forget, dispatch_uid=f"home.page_links.{id(_signal)}")
post_page_move.connect(_forget, dispatch_uid="home.page_links.move")
