"""Admin views of meeting packs: story suggestions (one click to add) and "start a new pack"."""

import json

from django.core.exceptions import PermissionDenied
from django.db.models import Count
from django.http import Http404, JsonResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST
from wagtail.admin import messages
from wagtail.coreutils import find_available_slug

from home.ids import page_id

from .blocks import CLOSING_ITEM, STORY_MINUTES, AgendaBlock
from .forms import NewPackFromForm
from .models import MeetingPackPage, MeetingPacksIndexPage
from .permissions import can_manage_team
from .suggestions import suggest_stories, suggest_stories_for

POPULAR_TAGS = 15
# How many suggestions the editor's panel shows; the suggestions page of a saved pack has more.
EDITOR_SUGGESTIONS = 6


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


def editor_suggestions(request):
    """Suggestions inside the pack editor, saved or not (js/agenda-suggestions.js asks as the
    lead edits): the team, topics and stories on the agenda come from the form, not the database.

    Each suggestion carries the story item's form state, so the browser inserts it into the
    agenda in place and nothing the lead typed is lost.
    """
    from stories.models import Team

    index = MeetingPacksIndexPage.objects.first()
    if index is None or not index.permissions_for_user(request.user).can_add_subpage():
        raise PermissionDenied
    team_id = page_id(request.GET.get("team"))
    team = Team.objects.filter(pk=team_id).first() if team_id else None
    if team is not None and not can_manage_team(request.user, team.pk):
        team = None
    tags = [tag for tag in request.GET.getlist("tag") if tag.strip()]
    exclude = [pk for pk in map(page_id, request.GET.getlist("story")) if pk is not None]
    suggestions = []
    if team is not None:
        story_block = AgendaBlock().child_blocks["story"]
        for story in suggest_stories_for(team, tags, exclude_ids=exclude, limit=EDITOR_SUGGESTIONS):
            state = json.dumps(_story_item_state(story_block, story))
            suggestions.append((story, state))
    return TemplateResponse(
        request,
        "meetings/admin/editor_suggestions.html",
        {
            "team": team,
            "tags": tags,
            "suggestions": suggestions,
            "story_minutes": STORY_MINUTES,
        },
    )


def _story_item_state(story_block, story):
    """The form state of a new agenda item for `story`, as the editor's JavaScript takes it.

    Built child by child from the loaded story (the block's own `to_python` would fetch it
    again); the page chooser asks for the story's parent, so a bounded query per suggestion.
    """
    children = story_block.child_blocks
    return {
        "story": children["story"].get_form_state(story),
        "questions": children["questions"].get_form_state(children["questions"].to_python([])),
        "minutes": children["minutes"].get_form_state(STORY_MINUTES),
    }


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
        messages.error(request, _("That story is not published any more; choose another one."))
        return redirect(reverse("meetings_admin:suggestions", args=[pack.pk]))
    lock = pack.get_lock()
    if lock and lock.for_user(request.user):
        messages.error(request, _("This pack is locked, so the story was not added."))
        return redirect(edit_url)

    latest = pack.get_latest_revision_as_object()
    if story.pk in latest.story_ids():
        messages.warning(
            request, _("“%(title)s” is already on the agenda.") % {"title": story.title}
        )
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
    message = _(
        "“%(title)s” was added to the agenda (%(minutes)s minutes) as a draft change. "
        "Publish the pack when you are ready."
    ) % {"title": story.title, "minutes": STORY_MINUTES}
    if latest.target_minutes and over > 0:
        message += " " + ngettext(
            "The agenda now runs %(over)s minute over its %(target)s-minute target: "
            "shorten the open round or another item.",
            "The agenda now runs %(over)s minutes over its %(target)s-minute target: "
            "shorten the open round or another item.",
            over,
        ) % {"over": over, "target": latest.target_minutes}
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
            _("“%(title)s” was started from “%(source)s”. Check the agenda, then publish it.")
            % {"title": title, "source": source.title},
        )
        return redirect("wagtailadmin_pages:edit", new_pack.pk)
    return TemplateResponse(
        request,
        "meetings/admin/new_from.html",
        {"source": source, "form": form},
    )


def drill_situation(request, story_id):
    """The proposed situation of a practice drill: the story's "what happened", cut before the
    outcome (drills.py), for the editor to put in the drill's box when a story is chosen.

    Only for those who build packs, and only of a story the drill's chooser would take (live).
    """
    from stories.models import StoryPage

    from .drills import propose_situation

    index = MeetingPacksIndexPage.objects.first()
    if index is None or not index.permissions_for_user(request.user).can_add_subpage():
        raise PermissionDenied
    story = get_object_or_404(StoryPage.objects.live(), id=story_id)
    return JsonResponse({"situation": propose_situation(story)})
