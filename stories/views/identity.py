"""Who wrote a story: the Culture team opens it on purpose and on the record; an author who chose
"anonymous to everyone" finds their story again through the private return link."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from home.ids import page_id
from home.roles import CULTURE_TEAM, user_has_role

from .. import follow_up
from ..identity import authorship_for_secret, record_identity_view
from ..models import CorrectiveAction, StoryAuthorship
from ..replies import MessageForm, post_author_message, thread
from .follow_up import MoveDateForm


@never_cache
@require_http_methods(["GET", "POST"])
def reveal_author(request, pk):
    """Admin: the Culture team opens who wrote an anonymous story. GET asks; POST records the
    opening (the story's history, the author's My stories) and shows the author."""
    if not user_has_role(request.user, CULTURE_TEAM):
        raise PermissionDenied
    authorship = get_object_or_404(
        StoryAuthorship.objects.select_related("story", "author"), story_id=pk
    )
    revealed = False
    # Anonymous to everyone: not even before publication (the link is about to be erased).
    if request.method == "POST" and authorship.author and not authorship.erase_when_published:
        if authorship.is_anonymous:
            record_identity_view(authorship, request.user)
        revealed = True
    return TemplateResponse(
        request,
        "stories/admin/reveal_author.html",
        {
            "authorship": authorship,
            "story": authorship.story,
            "revealed": revealed or not authorship.is_anonymous,
            "withheld": authorship.erase_when_published,
            "edit_url": reverse("wagtailadmin_pages:edit", args=[pk]),
        },
    )


@never_cache
@require_http_methods(["GET", "POST"])
def return_link(request, secret):
    """The author's private way back to a story they posted anonymous to everyone: where it
    stands, and the thread with the Culture review team (read, and answered, only here).

    Nothing here records who opened it: the link itself is the only tie to the author.
    """
    authorship = authorship_for_secret(secret)
    if authorship is None:
        raise Http404
    story = authorship.story.specific
    if request.method == "POST" and "follow_up" in request.POST:
        return _follow_up(request, authorship, story)
    form = MessageForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        post_author_message(story, form.cleaned_data["text"])
        messages.success(
            request, _("Sent to the Culture review team. They do not know who you are.")
        )
        return redirect(request.path)
    return _return_page(request, authorship, story, form)


def _return_page(request, authorship, story, form, move_form=None, status=None):
    return render(
        request,
        "stories/return_link.html",
        {
            "authorship": authorship,
            "story": story,
            "latest": story.get_latest_revision_as_object(),
            "thread": thread(story),
            "form": form,
            # The author of an erased link can be reached nowhere else: the story's open
            # corrective actions are followed up here (stories/follow_up.py).
            "open_actions": list(
                story.actions.filter(status=CorrectiveAction.Status.OPEN)
                .select_related("owner_team")
                .order_by("due_date", "sort_order")
            )
            if story.live
            else [],
            "move_form": move_form,
            "today": timezone.localdate(),
        },
        status=status or (400 if form.is_bound and form.errors else 200),
    )


def _follow_up(request, authorship, story):
    """ "Mark done" or "Move the date" on one of the story's open actions, from the return link."""
    action = (
        CorrectiveAction.objects.filter(
            page_id=story.pk,
            pk=page_id(request.POST.get("action")),
            status=CorrectiveAction.Status.OPEN,
        )
        .select_related("page__authorship__author", "owner_team")
        .first()
    )
    if action is None or not story.live:
        messages.info(request, _("This action is done already: nothing was changed."))
        return redirect(request.path)
    if request.POST["follow_up"] == "done":
        follow_up.mark_done(action)
        messages.success(request, _("Marked done: “%(action)s”.") % {"action": action.description})
        return redirect(request.path)
    move_form = MoveDateForm(request.POST)
    if move_form.is_valid():
        follow_up.move_date(action, move_form.cleaned_data["due_date"])
        messages.success(
            request, _("The due date of “%(action)s” is moved.") % {"action": action.description}
        )
        return redirect(request.path)
    move_form.action_pk = action.pk
    return _return_page(request, authorship, story, MessageForm(), move_form, status=400)
