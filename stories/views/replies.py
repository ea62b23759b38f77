"""The message thread of a story, from both sides (stories/replies.py)."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect, render
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from ..models import StoryPage
from ..replies import MessageForm, is_reviewer, post_author_message, post_team_message, thread
from .sharing import own_story


@never_cache
@require_http_methods(["GET", "POST"])
def author_messages(request, pk):
    """The author's side, from My stories."""
    story = own_story(request, pk)
    form = MessageForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        post_author_message(story, form.cleaned_data["text"])
        messages.success(request, _("Sent to the Culture review team. They do not see your name."))
        return redirect("stories:messages", pk=story.pk)
    return render(
        request,
        "stories/messages.html",
        {"story": story, "thread": thread(story), "form": form},
        status=400 if form.is_bound and form.errors else 200,
    )


@never_cache
@require_http_methods(["GET", "POST"])
def team_messages(request, pk):
    """Admin: moderators and the Culture team write to the author without learning who it is."""
    if not is_reviewer(request.user):
        raise PermissionDenied
    story = get_object_or_404(StoryPage, id=pk)
    form = MessageForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        post_team_message(story, request.user, form.cleaned_data["text"])
        messages.success(request, _("Your message is on its way to the author."))
        return redirect("stories_messages", pk=story.pk)
    return TemplateResponse(
        request,
        "stories/admin/messages.html",
        {
            "story": story,
            "thread": thread(story),
            "form": form,
            "edit_url": reverse("wagtailadmin_pages:edit", args=[story.pk]),
        },
        status=400 if form.is_bound and form.errors else 200,
    )
