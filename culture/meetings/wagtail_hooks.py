from django.urls import include, path, reverse
from django.utils.translation import gettext as _
from wagtail import hooks
from wagtail.admin import messages
from wagtail.admin.widgets import Button
from wagtail.permissions import page_permission_policy, register_permission_policy

from home.page_links import section_url
from home.panels import MENU_HOOK, MenuItem
from stories.extensions import STORY_PAGE_PANELS_HOOK

from . import admin_urls
from .components import DiscussedInPanel
from .models import MeetingPackPage, MeetingPacksIndexPage
from .permissions import MeetingPackPermissionPolicy

# Registered at import time, before anything asks the registry for a policy.
register_permission_policy(MeetingPackPage, MeetingPackPermissionPolicy(MeetingPackPage))


@hooks.register(MENU_HOOK)
def meeting_packs_menu_item(request):
    url = section_url(MeetingPacksIndexPage, request)
    return MenuItem(_("Meeting packs"), url, order=30) if url else None


@hooks.register("register_admin_urls")
def register_meetings_admin_urls():
    return [path("meetings/", include((admin_urls, "meetings_admin"), namespace="meetings_admin"))]


def _new_from_button(page, user, priority):
    if page.specific_class is not MeetingPackPage:
        return None
    if not page_permission_policy.user_has_permission(user, "add"):
        return None
    return Button(
        _("Start a new pack from this one"),
        reverse("meetings_admin:new_from", args=[page.pk]),
        icon_name="copy",
        priority=priority,
    )


@hooks.register("register_page_header_buttons")
def new_pack_header_button(page, user, view_name=None, next_url=None):
    if button := _new_from_button(page, user, priority=35):
        yield button


@hooks.register("register_page_listing_more_buttons")
def new_pack_listing_button(page, user, next_url=None):
    if button := _new_from_button(page, user, priority=35):
        yield button


def _warn_when_over_target(request, page):
    """After a save: say so when the agenda runs longer than the target (the panel shows it too)."""
    if not isinstance(page, MeetingPackPage) or not request.accepts("text/html"):
        return
    over = page.minutes_over_target
    if over:
        messages.warning(
            request,
            _(
                "The agenda of “%(title)s” runs %(planned)s minutes, %(over)s longer than the "
                "%(target)s-minute target."
            )
            % {
                "title": page.title,
                "planned": page.planned_minutes,
                "over": over,
                "target": page.target_minutes,
            },
        )
    if missing := page.unavailable_stories():
        titles = ", ".join(f"“{title}”" for _, title in missing)
        messages.warning(
            request,
            _(
                "Not shown to readers because they are no longer published: %(titles)s. "
                "Replace or remove them."
            )
            % {"titles": titles},
        )


@hooks.register("after_edit_page")
def warn_after_edit(request, page):
    _warn_when_over_target(request, page)


@hooks.register("after_create_page")
def warn_after_create(request, page):
    _warn_when_over_target(request, page)


@hooks.register(STORY_PAGE_PANELS_HOOK)
def discussed_in_panel(request, story):
    return DiscussedInPanel(story, request)


@hooks.register("construct_homepage_panels")
def lead_dashboard_panel(request, panels):
    """Team leads find their staff meetings first on the admin dashboard."""
    from .dashboard import LeadDashboardPanel

    panel = LeadDashboardPanel.for_user(request.user)
    if panel is not None:
        panels.insert(0, panel)
