"""Has this happened before? The panel beside the share form, refreshed as the author types.

static/js/similar-stories.js posts the form as typed here once typing pauses and puts the HTML
it gets back into the panel; without JavaScript the panel is rendered with the form (on opening a
saved draft, and after every save). Nothing is saved here. For a story being edited only its
author gets an answer (404 for everyone else), as for the form itself.
"""

from django.shortcuts import get_object_or_404, render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from home.ids import page_id

from ..forms import StoryForm
from ..models import StoryPage
from ..similar import SHOWN, draft_text, similar_stories


def panel_context(request, form, story=None):
    """What templates/stories/share/_similar.html shows for the form as typed (or as saved)."""
    values = form.check_values()
    title, body = draft_text(values)
    suggestion = _suggestion(request, form, story)
    found = similar_stories(request, title, body, exclude=story.pk if story else None)
    if suggestion is not None and all(other.pk != suggestion.pk for other in found):
        # The story the author chose stays in view even when the text has moved on.
        found = [suggestion, *found][:SHOWN]
    return {
        "similar": found,
        "similar_suggestion": suggestion,
        "similar_asked": bool((title + body).strip()),
    }


def _suggestion(request, form, story):
    """The story the author marked as repeated (as posted, or as saved), if they may open it."""
    if form.is_bound:
        raw = form.data.get("mark_repeat") or form.data.get("repeat_suggestion") or ""
    else:
        raw = str(form.initial.get("repeat_suggestion") or "")
    chosen = page_id(raw)
    if chosen is None or (story is not None and chosen == story.pk):
        return None
    return (
        StoryPage.objects.visible_to(request)
        .filter(id=chosen)
        .prefetch_related("lessons")
        .only("pk", "title", "summary", "url_path", "first_published_at", "path", "depth")
        .first()
    )


@never_cache
@require_POST
def similar_panel(request, pk=None):
    story = None
    if pk is not None:
        story = get_object_or_404(StoryPage, id=pk, authorship__author=request.user)
    form = StoryForm(request.POST, submitting=False)
    return render(request, "stories/share/_similar.html", panel_context(request, form, story))
