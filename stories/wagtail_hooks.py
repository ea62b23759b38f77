"""Admin and navigation for stories: snippets under a "Stories" menu, menu items, editor notes."""

from django.contrib import messages
from django.db.models import Count, Q
from django.urls import reverse
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from wagtail import hooks
from wagtail.admin.ui.tables import Column
from wagtail.models import Page
from wagtail.permissions import register_permission_policy
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import IndexView as SnippetIndexView
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from home.panels import ACCOUNT_PANELS_HOOK, HOME_PANELS_HOOK, MENU_HOOK, MenuItem

from . import blameless, publication, small_groups
from .models import BlamelessPhrase, IdentifyingDetail, MistakeTopic, Series, StoryPage, Team
from .permissions import ReviewedPagePermissionPolicy, chooser_pages_for
from .report_admin import StoryReportViewSet

# Registered at import time, before anything asks the registry for a policy: the site's page
# policy leaves private story drafts out of every admin listing (see stories/permissions.py).
register_permission_policy(Page, ReviewedPagePermissionPolicy(Page))


@hooks.register("construct_page_chooser_queryset")
def hide_stories_from_chooser(pages, request):
    return chooser_pages_for(request.user, pages)


@hooks.register("construct_homepage_summary_items", order=100)
def count_only_explorable_pages(request, items):
    from wagtail.admin.site_summary import PagesSummaryItem

    from .admin_reports import ExplorablePagesSummaryItem

    items[:] = [
        ExplorablePagesSummaryItem(request) if type(item) is PagesSummaryItem else item
        for item in items
    ]


class TeamIndexView(SnippetIndexView):
    """The Teams listing: who is in which team (the members column, its count, its filter and
    export) is for those who may see membership only (`small_groups.sees_membership`), decided
    on each request. Moderators keep the names they choose from in the editor."""

    def setup(self, request, *args, **kwargs):
        super().setup(request, *args, **kwargs)
        if not small_groups.sees_membership(request.user):
            # A view is made for each request, so narrowing its own lists is per request.
            self.list_display = [
                column
                for column in self.list_display
                if getattr(column, "name", column) != "member_count"
            ]
            self.list_filter = [name for name in self.list_filter or [] if name != "members"]
            self.list_export = [name for name in self.list_export if name != "member_count"]


class TeamViewSet(SnippetViewSet):
    model = Team
    icon = "group"
    menu_label = _("Teams")
    index_view_class = TeamIndexView
    list_display = [
        "name",
        "description",
        Column("member_count", label=_("Active members"), sort_key="member_count"),
        Column("story_count", label=_("Published stories"), sort_key="story_count"),
    ]
    list_filter = ["members"]
    search_fields = ["name", "description"]
    search_backend_name = None
    list_export = ["name", "slug", "description", "member_count", "story_count"]
    export_headings = {"member_count": _("Active members"), "story_count": _("Published stories")}
    ordering = ["name"]

    def get_queryset(self, request):
        # Counted in the listing's one query, not one query per row. Members are counted as
        # small_groups does (active ones), and only for those who may see membership.
        teams = Team.objects.annotate(
            story_count=Count("stories", filter=Q(stories__live=True), distinct=True)
        )
        if small_groups.sees_membership(request.user):
            teams = teams.annotate(
                member_count=Count("members", filter=Q(members__is_active=True), distinct=True)
            )
        return teams


class SeriesViewSet(SnippetViewSet):
    model = Series
    icon = "list-ul"
    menu_label = _("Series")
    list_display = [
        "name",
        "description",
        Column("story_count", label=_("Published stories"), sort_key="story_count"),
    ]
    search_fields = ["name", "description"]
    search_backend_name = None
    list_export = ["name", "slug", "description", "story_count"]
    ordering = ["name"]

    def get_queryset(self, request):
        return Series.objects.annotate(
            story_count=Count("stories", filter=Q(stories__live=True), distinct=True)
        )


class BlamelessPhraseViewSet(SnippetViewSet):
    model = BlamelessPhrase
    icon = "warning"
    menu_label = _("Blameless phrases")
    list_display = ["phrase", "suggestion", "language", "is_active"]
    list_filter = ["language", "is_active"]
    search_fields = ["phrase", "suggestion"]
    search_backend_name = None
    list_export = ["language", "phrase", "suggestion", "is_active"]
    ordering = ["language", "phrase"]
    copy_view_enabled = False


class MistakeTopicViewSet(SnippetViewSet):
    """Kinds of mistake and the words people use for them ("Has this happened before?")."""

    model = MistakeTopic
    icon = "tag"
    menu_label = _("Mistake topics")
    list_display = ["name", "words", "is_active"]
    list_filter = ["is_active"]
    search_fields = ["name", "words"]
    search_backend_name = None
    list_export = ["name", "words", "is_active"]
    ordering = ["name"]
    copy_view_enabled = False


class IdentifyingDetailViewSet(SnippetViewSet):
    """What would point at the author of an anonymous story (stories/reidentification.py)."""

    model = IdentifyingDetail
    icon = "view"
    menu_label = _("Identifying details")
    list_display = ["term", "kind", "suggestion", "is_active"]
    list_filter = ["kind", "is_active"]
    search_fields = ["term", "suggestion"]
    search_backend_name = None
    list_export = ["term", "kind", "suggestion", "is_active"]
    ordering = ["kind", "term"]
    copy_view_enabled = False


class StoriesAdminGroup(SnippetViewSetGroup):
    """The "Stories" menu of the admin: what the Culture team manages around stories."""

    items = (
        TeamViewSet,
        SeriesViewSet,
        BlamelessPhraseViewSet,
        IdentifyingDetailViewSet,
        MistakeTopicViewSet,
    )
    menu_label = _("Stories")
    menu_icon = "doc-full-inverse"
    menu_order = 250


register_snippet(StoriesAdminGroup)
register_snippet(StoryReportViewSet)


@hooks.register(MENU_HOOK)
def share_menu_item(request):
    return MenuItem(_("Share a mistake"), "stories:share", order=30)


@hooks.register(MENU_HOOK)
def my_stories_menu_item(request):
    return MenuItem(_("My stories"), "stories:my_stories", order=35)


def _blameless_message(request, page):
    """After a save in the page editor, say how many notes the blameless check has."""
    if not isinstance(page.specific_deferred, StoryPage):
        return
    findings = blameless.count(blameless.check_story(page.get_latest_revision_as_object()))
    if findings:
        messages.warning(
            request,
            ngettext(
                "The blameless check has %(count)s note on this story; see “Blameless check” at "
                "the top of the editor.",
                "The blameless check has %(count)s notes on this story; see “Blameless check” at "
                "the top of the editor.",
                findings,
            )
            % {"count": findings},
        )


def _review_message(request, page):
    """After "Approve and publish" or "Request changes" in the editor, say what happened in
    plain words (Wagtail's own message only says the page was updated)."""
    if not isinstance(page.specific_deferred, StoryPage):
        return
    action = request.POST.get("workflow-action-name")
    title = page.get_admin_display_title()
    goes_live_on = publication.scheduled_date(page) if action == "approve" else None
    if goes_live_on is not None:
        message = _(
            "“%(title)s” is approved. As it is anonymous, it goes live on %(date)s at the daily "
            "publication time, not now. Its author is told by email."
        )
        messages.success(
            request, message % {"title": title, "date": date_format(goes_live_on, "l j F Y")}
        )
        return
    if action == "approve":
        message = _("“%(title)s” is approved and published. Its author is told by email.")
    elif action == "reject":
        message = _("Changes requested on “%(title)s”. Its author gets your note by email.")
    else:
        return
    messages.success(request, message % {"title": title})


@hooks.register("after_edit_page")
def blameless_after_edit(request, page):
    _review_message(request, page)
    _blameless_message(request, page)


@hooks.register("after_create_page")
def blameless_after_create(request, page):
    _blameless_message(request, page)


# Reading: the "Stories" menu item, "Latest stories" on the home page, feed links in settings.


@hooks.register(MENU_HOOK)
def stories_menu_item(request):
    from .components import stories_index

    index = stories_index(request)
    return MenuItem(_("Stories"), index[0], order=20) if index else None


@hooks.register(HOME_PANELS_HOOK)
def latest_stories_panel(request):
    from .components import LatestStoriesPanel

    return LatestStoriesPanel(request)


@hooks.register(ACCOUNT_PANELS_HOOK)
def feed_links_panel(request):
    from .components import FeedLinksPanel

    return FeedLinksPanel(request)


@hooks.register("register_log_actions")
def identity_log_actions(actions):
    """In a story's history: the Culture team opened who wrote it, or the link was erased."""
    from .identity import IDENTITY_ERASED, IDENTITY_VIEWED

    actions.register_action(IDENTITY_VIEWED, _("View who wrote it"), _("Identity viewed"))
    actions.register_action(
        IDENTITY_ERASED,
        _("Erase who wrote it"),
        _("The link to the author was erased (anonymous to everyone)"),
    )


@hooks.register("register_log_actions")
def follow_up_log_actions(actions):
    """In a story's history: a corrective action changed through a follow-up link."""
    from .follow_up import ACTION_DONE, ACTION_MOVED

    actions.register_action(
        ACTION_DONE, _("Mark an action done"), _("A corrective action was marked done")
    )
    actions.register_action(
        ACTION_MOVED, _("Move an action's date"), _("A corrective action's due date was moved")
    )


@hooks.register("register_admin_urls")
def register_identity_admin_urls():
    from django.urls import path

    from .views.identity import reveal_author
    from .views.replies import team_messages

    return [
        path("stories/<int:pk>/author/", reveal_author, name="stories_reveal_author"),
        path("stories/<int:pk>/messages/", team_messages, name="stories_messages"),
    ]


@hooks.register("register_page_header_buttons")
def messages_header_button(page, user, view_name=None, next_url=None):
    """ "Messages with the author" on a story, for moderators and the Culture team."""
    from wagtail.admin.widgets import Button

    from .replies import is_reviewer

    if page.specific_class is StoryPage and is_reviewer(user):
        yield Button(
            _("Messages with the author"),
            reverse("stories_messages", args=[page.pk]),
            icon_name="mail",
            priority=40,
        )
