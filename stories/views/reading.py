"""Reading stories: "I learned from this". The pages themselves are the page models' own
(`StoriesIndexPage`, `StoryPage`; their listings in stories/listings.py)."""

from django.http import Http404, JsonResponse
from django.shortcuts import redirect
from django.utils.translation import gettext, ngettext
from django.views.decorators.http import require_POST

from ..models import LearnedFromThis, StoryPage


@require_POST
def learned_from_this(request, pk):
    """Mark or take back "I learned from this". The form says which, so a double submit is harmless.

    Works without JavaScript (redirects back to the story); static/js/learned.js sends the same
    form with `Accept: application/json` and updates the button in place. Counts are read live
    on every page, so a mark retires nothing cached.
    """
    story = StoryPage.objects.filter(id=pk).visible_to(request).first()
    if story is None:
        raise Http404("No such story")
    if request.POST.get("learned", "1") != "0":
        LearnedFromThis.objects.get_or_create(story=story, user=request.user)
    else:
        LearnedFromThis.objects.filter(story=story, user=request.user).delete()
    state = story.learned_state(request.user)
    if "application/json" in request.headers.get("Accept", ""):
        learned, total = state["learned_by_me"], state["learned_total"]
        # The words come from here, in the reader's language, not from the script.
        count_text = (
            ngettext(
                "%(total)s person learned from this.", "%(total)s people learned from this.", total
            )
            % {"total": total}
            if total
            else gettext("Be the first to say you learned from this.")
        )
        return JsonResponse(
            {
                "learned": learned,
                "count": total,
                "label": gettext("✓ You learned from this" if learned else "I learned from this"),
                "count_text": count_text,
            }
        )
    return redirect(story.get_url(request) + "#learned")
