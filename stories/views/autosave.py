"""Autosave endpoints of the share form (static/js/autosave.js; stories/autosave.py).

Only the author of a story gets an answer (404 for everyone else), as for the form itself.
Nothing here makes a revision or touches the review workflow.
"""

from django.http import JsonResponse
from django.shortcuts import redirect
from django.utils import timezone
from django.utils.formats import time_format
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from .. import autosave
from ..models import DraftAutosave
from .sharing import own_story


def _authors_story(request, pk):
    return None if pk is None else own_story(request, pk)


@never_cache
@require_POST
def keep(request, pk=None):
    story = _authors_story(request, pk)
    fields = autosave.typed_fields(request.POST)
    if fields is None:
        return JsonResponse({"error": _("Too much to autosave; use “Save draft”.")}, status=413)
    kept = autosave.keep(request.user, story, fields)
    saved_at = timezone.localtime(kept.saved_at)
    return JsonResponse(
        {
            "saved_at": saved_at.isoformat(),
            "message": _("Saved %(time)s") % {"time": time_format(saved_at, "H:i")},
        }
    )


@require_POST
def discard(request, pk=None):
    """Forget the autosave and open the form as last saved."""
    story = _authors_story(request, pk)
    DraftAutosave.objects.filter(author=request.user, story=story).delete()
    if story is None:
        return redirect("stories:share")
    return redirect("stories:edit", pk=story.pk)
