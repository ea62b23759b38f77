"""Caching for the reading side of stories: shared fragments, never per-user responses.

What is cached is what every reader sees alike: the rendered list of story cards for a given
filter/search/page, the filter choices, the body of a story, its related stories and the home
page's "Latest stories". What is never cached is what belongs to one reader: the page around those
fragments (header, CSRF token, messages), their own "I learned from this" state, drafts.

Invalidation works with a *generation*: a random token kept in the cache and replaced whenever
something a listing shows changes (a story is published, unpublished, moved or deleted; an
authorship, team, series or tag changes; someone marks or un-marks "I learned from this").
Every fragment key contains the generation, so replacing it retires every fragment at once, and
an evicted generation is replaced by a fresh random one, never by an old value.

A story's own body is keyed by its live revision and its byline instead, which are read with the
page itself, so it is exact even when the cache is not shared between processes.

With Redis (`REDIS_URL`) all gunicorn workers share the cache and see a new generation at once.
With the default per-process memory cache, another worker may show a listing up to
`local_timeout()` seconds old, so fragments live for a short time only in that case.
"""

import hashlib
import uuid

from django.conf import settings
from django.core.cache import cache

GENERATION_KEY = "stories:generation"

SHARED_CACHE_TIMEOUT = 60 * 60
LOCAL_CACHE_TIMEOUT = 30


def cache_is_shared():
    backend = settings.CACHES["default"]["BACKEND"]
    return not backend.endswith(("LocMemCache", "DummyCache"))


def timeout():
    """How long a fragment lives: long when invalidation reaches every worker, short otherwise."""
    return SHARED_CACHE_TIMEOUT if cache_is_shared() else LOCAL_CACHE_TIMEOUT


def generation():
    token = cache.get(GENERATION_KEY)
    if token is None:
        token = uuid.uuid4().hex[:12]
        # `add` keeps a token another request set meanwhile, so two cold requests agree.
        if not cache.add(GENERATION_KEY, token, None):
            token = cache.get(GENERATION_KEY) or token
    return token


def bump(*args, **kwargs):
    """Retire every shared fragment. Usable directly as a signal receiver."""
    cache.set(GENERATION_KEY, uuid.uuid4().hex[:12], None)


def key(*parts):
    """A cache key from any parts (filters, search words, ids); long or odd input is hashed."""
    raw = "|".join(str(part) for part in parts)
    return "stories:" + hashlib.sha256(raw.encode()).hexdigest()[:40]


def fragment(parts, build):
    """The cached value for `parts` in the current generation, built by `build()` when missing."""
    cache_key = key(generation(), *parts)
    value = cache.get(cache_key)
    if value is None:
        value = build()
        cache.set(cache_key, value, timeout())
    return value


# View restrictions -------------------------------------------------------------------------
# Listings hide stories under a restriction the reader does not pass (home.visibility). The
# cached fragments are keyed by the restrictions the reader fails, so readers who pass different
# restrictions never share a list. The restrictions themselves are an access decision: they are
# read from the database on every request (a small table), never from the cache.


def view_restrictions():
    from wagtail.models import PageViewRestriction

    return list(PageViewRestriction.objects.select_related("page").prefetch_related("groups"))


def drop_view_restrictions(*args, **kwargs):
    """A restriction changed: listings cached for the old set of restrictions are retired."""
    bump()


def failed_restrictions(request):
    """Ids of the view restrictions this request does not pass (usually none: no query then)."""
    failed = []
    group_ids = None
    for restriction in view_restrictions():
        if restriction.restriction_type == restriction.GROUPS:
            # accept_request() would query the groups of the restriction and of the user each time.
            user = request.user
            if user.is_superuser:
                continue
            if group_ids is None:
                group_ids = set(user.groups.values_list("pk", flat=True)) if user.pk else set()
            if not group_ids & {group.pk for group in restriction.groups.all()}:
                failed.append(restriction.pk)
        elif not restriction.accept_request(request):
            failed.append(restriction.pk)
    return tuple(sorted(failed))


# Signals -----------------------------------------------------------------------------------


def _page_changed(sender, instance=None, **kwargs):
    from .models import StoriesIndexPage, StoryPage

    if isinstance(instance, StoryPage | StoriesIndexPage) or sender in (
        StoryPage,
        StoriesIndexPage,
    ):
        bump()


def _page_published(sender, instance, **kwargs):
    from .models import StoryPage

    if isinstance(instance, StoryPage):
        # Wagtail indexes a page on save, before its inline children (lessons, tags) are written;
        # index it again now that they are, so search finds words in the lessons at once.
        from wagtail.search import index

        index.insert_or_update_object(instance)
    _page_changed(sender, instance)


def connect_signals():
    """Called from StoriesConfig.ready()."""
    from django.db.models.signals import m2m_changed, post_delete, post_save
    from taggit.models import Tag
    from wagtail.models import PageViewRestriction
    from wagtail.signals import page_published, page_slug_changed, page_unpublished, post_page_move

    from .models import LearnedFromThis, Series, StoryAuthorship, StoryPage, Team

    uid = "stories.cache."
    page_published.connect(_page_published, dispatch_uid=uid + "published")
    page_unpublished.connect(_page_changed, dispatch_uid=uid + "unpublished")
    page_slug_changed.connect(_page_changed, dispatch_uid=uid + "slug")
    post_page_move.connect(_page_changed, dispatch_uid=uid + "moved")
    post_delete.connect(_page_changed, sender=StoryPage, dispatch_uid=uid + "deleted")
    for model in (StoryAuthorship, LearnedFromThis, Team, Series, Tag):
        post_save.connect(bump, sender=model, dispatch_uid=f"{uid}{model.__name__}.save")
        post_delete.connect(bump, sender=model, dispatch_uid=f"{uid}{model.__name__}.delete")
    post_save.connect(drop_view_restrictions, sender=PageViewRestriction, dispatch_uid=uid + "pvr")
    post_delete.connect(
        drop_view_restrictions, sender=PageViewRestriction, dispatch_uid=uid + "pvr.delete"
    )
    m2m_changed.connect(
        drop_view_restrictions,
        sender=PageViewRestriction.groups.through,
        dispatch_uid=uid + "pvr.groups",
    )
