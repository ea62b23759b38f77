""" "Start a meeting pack": one click from the meeting packs page, the lead's dashboard, a
campaign's "Start a meeting pack" and the story of the month, to a draft pack in the editor.

A front-end page (not in the admin) so that a campaign can link everyone to it: whoever may not
build packs is taken to the meeting packs instead, with a word on who builds them.
"""

from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods
from wagtail.coreutils import find_available_slug

from home.ids import page_id

from .blocks import default_agenda, with_follow_up
from .forms import StartPackForm
from .models import MeetingPackPage, MeetingPacksIndexPage


def _source_pack(request):
    """The published pack a campaign suggests starting from (`?from=<id>`), if any."""
    chosen = page_id(request.GET.get("from") or request.POST.get("from"))
    if chosen is None:
        return None
    return MeetingPackPage.objects.live().filter(id=chosen).first()


def _story_to_discuss(request):
    """The live story to open the agenda with (`?story=<id>`, "Start a meeting pack with it" on
    the story of the month), if the lead may open it."""
    from stories.models import StoryPage

    chosen = page_id(request.GET.get("story") or request.POST.get("story"))
    if chosen is None:
        return None
    return StoryPage.objects.visible_to(request).filter(id=chosen).first()


def starting_agenda(source, team, meeting_date, story=None):
    """The source pack's agenda or the default one; with `story` to discuss first (its own
    discussion questions, as a story item left without questions of its own uses), and a
    follow-up item when the team owns corrective actions that will be open past their due date
    by the meeting."""
    from stories.models import CorrectiveAction

    if source is None:
        agenda = default_agenda()  # (type, value) pairs
        if story is not None:
            agenda = [("story", {"story": story, "questions": [], "minutes": 15})] + agenda
    else:
        # The copied agenda is raw data (each item a dict, a story as its id): the new item too.
        agenda = list(source.agenda.raw_data)
        if story is not None:
            raw = {"story": story.pk, "questions": [], "minutes": 15}
            agenda = [{"type": "story", "value": raw}] + agenda
    late = CorrectiveAction.objects.filter(
        owner_team=team,
        page__live=True,
        status=CorrectiveAction.Status.OPEN,
        due_date__lt=meeting_date,
    )
    return with_follow_up(agenda) if late.exists() else agenda


@require_http_methods(["GET", "POST"])
def start_pack(request):
    index = MeetingPacksIndexPage.objects.first()
    if index is None or not index.permissions_for_user(request.user).can_add_subpage():
        messages.info(
            request,
            _(
                "Team leads start meeting packs. Here are the packs of the teams: ask your lead to put one on the agenda."
            ),
        )
        return redirect(index.url if index else "/")
    source = _source_pack(request)
    story = _story_to_discuss(request)
    form = StartPackForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        title = form.pack_title()
        pack = MeetingPackPage(
            title=title,
            draft_title=title,
            slug=find_available_slug(index, slugify(title) or "meeting-pack"),
            team=data["team"],
            meeting_date=data["meeting_date"],
            start_time=data["start_time"],
            owner=request.user,
            live=False,
            agenda=starting_agenda(source, data["team"], data["meeting_date"], story),
            target_minutes=source.target_minutes if source else 30,
        )
        index.add_child(instance=pack)
        pack.save_revision(user=request.user, log_action=True)
        messages.success(
            request,
            _(
                "“%(title)s” is started as a draft. Add stories from the suggestions, then publish it."
            )
            % {"title": title},
        )
        return redirect("wagtailadmin_pages:edit", pack.pk)
    return render(
        request,
        "meetings/start_pack.html",
        {"form": form, "index": index, "source": source, "story": story},
    )
