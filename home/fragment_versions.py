"""Version tokens for cached template fragments: the one place that says what a change retires.

Pages cache their expensive parts with Wagtail's own tags, `{% wagtailcache %}` and
`{% wagtailpagecache %}`. A page's key (its id, path, `last_published_at` and the site) already
changes when that page itself is published. What it does not cover is what a page *shows from
elsewhere*: a listing shows stories, a meeting pack shows quotes and stories, the home page shows
the week's quote. For those, a template passes the version of each *scope* it shows as an extra
key argument, and a change retires a scope by replacing its version:

    {% wagtailpagecache fragments.timeout "pack-agenda" fragments.stories fragments.quotes %}

`fragments` is in every template's context (`context_processor`); a version is read from the
cache only when a template asks for it.

The scopes, and what retires them (signals in `home.apps` and each app's `apps.ready()`):

- "stories": which stories every listing holds (the index and its filters, searches, related
  stories, the home page's latest stories) and every card. Retired when a story is published,
  unpublished, moved or deleted (stories/fragment_signals.py has the list).
- "tag:<slug>": which stories carry one tag (its tag page). Retired with the story's tags.
- "filter_choices": the choices of the stories filter form (tags, teams, series, years that
  readers' stories have). Retired only when a story is the first or the last live one with one
  of those values, so an ordinary publish does not make every reader recompute them.
- "story_details": the names a story shows (byline, team, series, tags). Retired when an
  authorship, team, series or tag changes, and (with "stories", "filter_choices" and
  "campaigns") when a team's size may have crossed the threshold for showing it with an
  anonymous story (stories/small_groups.py). Scope names are template attribute names: no hyphens.
- "actions": the corrective actions on a story's page. Retired when one changes outside the editor
  (a follow-up link) and when a story is published or unpublished (a repeat says which earlier
  action did not hold).
- "quotes": every quote shown (archive, home panel, packs, campaigns). Retired when a quote or
  its tags are saved or deleted; going live (Monday 08:08) is the live week, a key argument.
- "packs": packs shown elsewhere (campaigns, "discussed in N meetings"). Retired when a pack or
  the packs index is published, unpublished, moved or deleted, or a pack's stories change.
- "campaigns": the home page's campaign banner. Retired when a campaign or the campaigns index
  is published, unpublished, moved or deleted.
- "site": the main menu (its section links). Retired by `home.site_fragments` (a Site or the
  site settings saved, a page at depth <= 3 saved, published, unpublished or deleted, any move).

Every fragment is in one language: each tag passes `fragments.language` (the active language)
as a key argument, so a German reader never gets an English fragment (a test checks every tag).

What is never in a fragment: anything that belongs to one reader (their own "I learned from
this", the CSRF token, messages) and any access decision. The view restrictions a reader fails
are asked of the database on every request and passed as a key argument, so readers who may see
different stories never share a fragment. "I learned from this" counts are read live, so a mark
retires nothing.

With a per-process memory cache (no REDIS_URL), a retirement reaches only the process that made
it; fragments then live `LOCAL_TIMEOUT` seconds, which bounds how stale another worker can be.
"""

import hashlib
import uuid

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.utils.translation import get_language

SHARED_TIMEOUT = 60 * 60
LOCAL_TIMEOUT = 30
PREFIX = "fragments:version:"


def is_shared():
    """Whether every worker sees the same cache (Redis), so a retirement reaches them all."""
    backend = settings.CACHES["default"]["BACKEND"]
    return not backend.endswith(("LocMemCache", "DummyCache"))


def timeout():
    return SHARED_TIMEOUT if is_shared() else LOCAL_TIMEOUT


def _new_token():
    return uuid.uuid4().hex[:12]


def version(scope):
    """The current version of `scope`; a missing (evicted) one is replaced by a fresh token,
    never by an old value, so an eviction retires the scope rather than reviving old fragments."""
    key = PREFIX + scope
    token = cache.get(key)
    if token is None:
        token = _new_token()
        # `add` keeps a token another request set meanwhile, so two cold requests agree.
        if not cache.add(key, token, None):
            token = cache.get(key) or token
    return token


def remember(key_args, build):
    """A value (not markup) that a template needs outside any fragment, such as the ids on one
    page of a listing, cached like a fragment: `key_args` must hold the versions it depends on.
    `build()` may not return None (None means "not cached")."""
    key = "fragments:value:" + hashlib.sha256("|".join(map(str, key_args)).encode()).hexdigest()
    value = cache.get(key)
    if value is None:
        value = build()
        cache.set(key, value, timeout())
    return value


def retire(*scopes):
    """Retire every fragment keyed by these scopes: now, and again once the current transaction
    commits. Now, so that the rest of this request sees the change; after the commit too,
    because a request that rendered in between read the old rows and may have stored them
    under the new version. Outside a transaction both happen at once."""

    def replace():
        cache.set_many({PREFIX + scope: _new_token() for scope in scopes}, None)

    replace()
    transaction.on_commit(replace)


def retire_stories(*args, **kwargs):
    """Signal receiver: something every story listing shows has changed (a page moved, a view
    restriction changed), so their filter choices too."""
    retire("stories", "filter_choices")


class Versions:
    """`{{ fragments.<scope> }}` in templates, `fragments.timeout` for the tags' timeout and
    `fragments.language` for the language the fragment is written in.

    One instance serves one render, so each scope is read from the cache once per page. Scopes
    with a colon ("tag:<slug>") are not template syntax: pages that need one put it in their
    context from `version()`.
    """

    def __init__(self):
        self.seen = {}

    def __getattr__(self, scope):
        if scope.startswith("_"):
            raise AttributeError(scope)
        if scope == "timeout":
            return timeout()
        if scope == "language":
            return get_language()
        if scope not in self.seen:
            self.seen[scope] = version(scope)
        return self.seen[scope]


def context_processor(request):
    return {"fragments": Versions()}
