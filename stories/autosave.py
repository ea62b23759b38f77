"""Autosave of the share form: what an author typed, kept on the server between saves.

The browser keeps its own copy too (static/js/autosave.js, in localStorage under a key per
user and story: "new" for a story not saved yet, "story-<pk>" for a saved one) until the
server has it; that copy is what survives a session that ran out while writing. After a real
save, the page that follows tells the browser which copies it may drop (`cleared_keys`).
"""

from .models import DraftAutosave

# Buttons and the CSRF token are not part of what the author typed.
NOT_TYPED = {"csrfmiddlewaretoken", "save", "submit", "preview", "mark_repeat"}
# Far above what the form allows (the server checks every limit on save); a bound on abuse.
MAX_FIELDS = 400
MAX_CHARS = 200_000
SESSION_KEY = "autosave_cleared"


def browser_key(story=None):
    return f"story-{story.pk}" if story is not None else "new"


def typed_fields(post):
    """The posted form as [[name, value], …], in order, within the bounds above."""
    fields, size = [], 0
    for name, values in post.lists():
        if name in NOT_TYPED:
            continue
        for value in values:
            size += len(name) + len(value)
            if len(fields) >= MAX_FIELDS or size > MAX_CHARS:
                return None
            fields.append([name, value])
    return fields


def keep(author, story, fields):
    autosave, _ = DraftAutosave.objects.update_or_create(
        author=author, story=story, defaults={"fields": fields}
    )
    return autosave


def waiting(author, story=None):
    """The autosave to offer when the form opens: newer than the story's latest revision."""
    autosave = DraftAutosave.objects.filter(author=author, story=story).first()
    if autosave is None or story is None:
        return autosave
    latest = story.latest_revision_created_at
    if latest is not None and autosave.saved_at <= latest:
        return None
    return autosave


def forget(request, story, *, was_new=False):
    """A real save happened: drop the server's autosaves and tell the browser to drop its copies."""
    DraftAutosave.objects.filter(author=request.user, story=story).delete()
    keys = [browser_key(story)]
    if was_new:
        DraftAutosave.objects.filter(author=request.user, story__isnull=True).delete()
        keys.append(browser_key())
    request.session[SESSION_KEY] = sorted(set(request.session.get(SESSION_KEY, [])) | set(keys))


def cleared_keys(request):
    """The browser copies the page being rendered may drop (once)."""
    return request.session.pop(SESSION_KEY, [])
