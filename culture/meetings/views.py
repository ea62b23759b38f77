"""Admin views of meeting packs: story suggestions (one click to add) and "start a new pack"."""

from django.core.exceptions import PermissionDenied
from django.db.models import Count
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.text import slugify
from django.views.decorators.http import require_POST
from wagtail.admin import messages
from wagtail.coreutils import find_available_slug

from home.ids import page_id

from .forms import NewPackFromForm
from .models import MeetingPackPage
from .suggestions import suggest_stories

STORY_MINUTES = 15
# The agenda item that closes a meeting; stories added from the suggestions go before it.
CLOSING_ITEM = "celebration"
POPULAR_TAGS = 15


def _pack_for_editing(request, pk):
    # `id`, not `pk`: see add_suggestion.
    pack = get_object_or_404(MeetingPackPage, id=pk)
    if not pack.permissions_for_user(request.user).can_edit():
        raise PermissionDenied
    return pack


def suggestions(request, pk):
    """Suggested stories for a pack's team, each with an "Add to agenda" button."""
    from taggit.models import Tag

    from stories.models import StoryPage

    pack = _pack_for_editing(request, pk)
    latest = pack.get_latest_revision_as_object()
    if "tag" in request.GET:
        tags = [tag for tag in request.GET.getlist("tag") if tag.strip()]
    else:
        tags = [tag.name for tag in latest.topics.all()]
    popular_tags = (
        Tag.objects.filter(stories_storytag_items__content_object__live=True)
        .annotate(stories=Count("stories_storytag_items", distinct=True))
        .order_by("-stories", "name")[:POPULAR_TAGS]
    )
    tag_choices = sorted({tag.name for tag in popular_tags} | set(tags), key=str.lower)
    return TemplateResponse(
        request,
        "meetings/admin/suggestions.html",
        {
            "pack": latest,
            "suggestions": suggest_stories(latest, tags=tags),
            "chosen_tags": tags,
            "tag_choices": tag_choices,
            "story_minutes": STORY_MINUTES,
            "edit_url": reverse("wagtailadmin_pages:edit", args=[pack.pk]),
            "live_story_count": StoryPage.objects.live().count(),
        },
    )


@require_POST
def add_suggestion(request, pk):
    """Append a story to the pack's latest revision (a new draft revision), back to the editor."""
    from stories.models import StoryPage

    pack = _pack_for_editing(request, pk)
    edit_url = reverse("wagtailadmin_pages:edit", args=[pack.pk])
    # A tampered or empty value is "not published any more", never a 500 (home/ids.py).
    story_id = page_id(request.POST.get("story"))
    story = None if story_id is None else StoryPage.objects.live().filter(id=story_id).first()
    if story is None:
        messages.error(request, "That story is not published any more; choose another one.")
        return redirect(reverse("meetings_admin:suggestions", args=[pack.pk]))
    lock = pack.get_lock()
    if lock and lock.for_user(request.user):
        messages.error(request, "This pack is locked, so the story was not added.")
        return redirect(edit_url)

    latest = pack.get_latest_revision_as_object()
    if story.pk in latest.story_ids():
        messages.warning(request, f"“{story.title}” is already on the agenda.")
        return redirect(edit_url)
    # Before the closing celebration ("Mistake cake" ends the meeting), else at the end.
    position = len(latest.agenda)
    if position and latest.agenda[position - 1].block_type == CLOSING_ITEM:
        position -= 1
    latest.agenda.insert(
        position, ("story", {"story": story, "minutes": STORY_MINUTES, "questions": []})
    )
    latest.save_revision(user=request.user, log_action=True)
    over = latest.planned_minutes - (latest.target_minutes or 0)
    message = (
        f"“{story.title}” was added to the agenda ({STORY_MINUTES} minutes) as a draft change. "
        "Publish the pack when you are ready."
    )
    if latest.target_minutes and over > 0:
        message += (
            f" The agenda now runs {over} minutes over its {latest.target_minutes}-minute "
            "target: shorten the open round or another item."
        )
    messages.success(request, message)
    return redirect(edit_url)


def new_from(request, pk):
    """Start a new pack from this one: same agenda and notes; new title, date, time and team."""
    source = get_object_or_404(MeetingPackPage, id=pk)
    index = source.get_parent()
    if not index.permissions_for_user(request.user).can_add_subpage():
        raise PermissionDenied
    # Another team's pack lends its published format only: not its draft, not its notes.
    can_edit_source = source.permissions_for_user(request.user).can_edit()
    if not can_edit_source and not source.live:
        raise Http404
    form = NewPackFromForm(request.POST or None, user=request.user, source=source)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        title = data["title"]
        base = source.get_latest_revision_as_object() if can_edit_source else source
        new_pack = base.copy(
            update_attrs={
                "title": title,
                "draft_title": title,
                "slug": find_available_slug(index, slugify(title) or "meeting-pack"),
                "team": data["team"],
                "meeting_date": data["meeting_date"],
                "start_time": data["start_time"],
                "owner": request.user,
                "facilitator_notes": base.facilitator_notes if can_edit_source else "",
            },
            copy_revisions=False,
            keep_live=False,
            user=request.user,
        )
        new_pack.save_revision(user=request.user, log_action=False)
        messages.success(
            request,
            f"“{title}” was started from “{source.title}”. Check the agenda, then publish it.",
        )
        return redirect("wagtailadmin_pages:edit", new_pack.pk)
    return TemplateResponse(
        request,
        "meetings/admin/new_from.html",
        {"source": source, "form": form},
    )
