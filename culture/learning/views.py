"""Following a tag or a team: one button on tag pages, team pages and "Your settings"."""

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from stories.feeds import tag_on
from stories.models import StoryPage, Team

from .models import Follow

KINDS = ("tag", "team")


def _back(request):
    """Where the button was pressed (a page of this site), else "Your settings"."""
    target = request.POST.get("next", "")
    if url_has_allowed_host_and_scheme(target, {request.get_host()}, request.is_secure()):
        return target
    return reverse("account") + "#follows"


def followable(request, kind, slug):
    """The tag or team `slug` names, or None. A tag must be on a story the reader may open, so
    that following cannot confirm a tag only drafts use; every team may be followed (the team
    page shows only what the small-groups rule lets it)."""
    slug = (slug or "")[:100]
    if not slug:
        return None
    if kind == "tag":
        return tag_on(StoryPage.objects.visible_to(request), slug)
    if kind == "team":
        return Team.objects.filter(slug=slug).first()
    return None


@require_POST
def follow(request):
    """Follow (`follow=1`) or stop following (`follow=0`) a tag or a team. The form says which,
    so a double submit is harmless; it works without JavaScript."""
    kind = request.POST.get("kind", "")
    if kind not in KINDS:
        raise Http404("Nothing to follow")
    target = followable(request, kind, request.POST.get("slug") or request.POST.get(kind))
    if target is None:
        messages.error(
            request,
            _("Choose a tag to follow.") if kind == "tag" else _("Choose a team to follow."),
        )
        return redirect(_back(request))
    lookup = {"user": request.user, kind: target}
    if request.POST.get("follow", "1") != "0":
        Follow.objects.get_or_create(**lookup)
        messages.success(
            request,
            _("You follow “%(name)s”: its new stories lead your weekly digest and your home page.")
            % {"name": target.name},
        )
    else:
        Follow.objects.filter(**lookup).delete()
        messages.success(request, _("You no longer follow “%(name)s”.") % {"name": target.name})
    return redirect(_back(request))
