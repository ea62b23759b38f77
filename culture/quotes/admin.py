"""The Culture team's admin for quotes: a snippet listing, and the queue of the weeks ahead.

Quotes are snippets, not pages: a quote is a few fields with no URL tree of its own, and when it
goes live is decided by its week (Monday 08:08), computed at request time, not by Wagtail
publishing. So there is no draft/publish step to forget, no `publish_scheduled` run it depends
on, and "one per week" is a database constraint.
"""

import contextlib
import datetime

import django_filters
from django.urls import path, reverse
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView
from taggit.models import Tag
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.tables import Column
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.admin.views.generic.permissions import PermissionCheckedMixin
from wagtail.admin.viewsets.base import ViewSet
from wagtail.admin.widgets.button import HeaderButton
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.snippets.views.chooser import (
    ChooseResultsView,
    ChooseView,
    SnippetChooserViewSet,
    SnippetChosenView,
)
from wagtail.snippets.views.snippets import (
    CreateView,
    IndexView,
    SnippetViewSet,
    SnippetViewSetGroup,
)

from .models import Quote
from .schedule import live_week, monday_of, site_now, weeks_from

QUEUE_WEEKS_AHEAD = 12
# Seeing quotes before they go live is the Culture team's: whoever may add or change quotes.
# Other apps may grant "view" (team leads choose a meeting's opening quote); they see live quotes only.
SCHEDULE_PERMISSIONS = ["add", "change", "delete"]
quote_permission_policy = ModelPermissionPolicy(Quote)


def quotes_for(user):
    """The quotes an admin user may see: all for the Culture team, live ones for the rest."""
    if quote_permission_policy.user_has_any_permission(user, SCHEDULE_PERMISSIONS):
        return Quote.objects.all()
    return Quote.objects.live()


def schedule_status(quote, current_week=None):
    """A word for the listing: where the quote stands in the schedule."""
    current_week = current_week or live_week()
    if quote.week is None:
        return _("Not scheduled")
    if quote.week == current_week:
        return _("Quote of the week")
    if quote.week < current_week:
        return _("Gone live")
    return _("Scheduled")


class QuoteFilterSet(WagtailFilterSet):
    status = django_filters.ChoiceFilter(
        label=_("Schedule"),
        empty_label=_("All"),
        choices=[
            ("scheduled", _("Scheduled, not live yet")),
            ("live", _("Gone live")),
            ("unscheduled", _("Not scheduled")),
        ],
        method="filter_status",
    )
    tags = django_filters.ModelMultipleChoiceFilter(
        label=_("Tags"),
        field_name="tags",
        queryset=Tag.objects.filter(quotes_quotetag_items__isnull=False)
        .distinct()
        .order_by("name"),
    )

    class Meta:
        model = Quote
        fields = ["status", "tags"]

    def filter_status(self, queryset, name, value):
        if value == "scheduled":
            return queryset.upcoming()
        if value == "live":
            return queryset.live()
        if value == "unscheduled":
            return queryset.filter(week__isnull=True)
        return queryset


class QuoteIndexView(IndexView):
    def get_base_queryset(self):
        return super().get_base_queryset() & quotes_for(self.request.user)

    @cached_property
    def search_query(self):
        # The SQLite search backend puts each word in an FTS5 string without escaping a `"`, so
        # a quote mark typed into the search box was an SQL error. Quotes mean nothing here.
        return " ".join(super().search_query.replace('"', " ").split())

    @cached_property
    def header_buttons(self):
        buttons = super().header_buttons
        if quote_permission_policy.user_has_any_permission(self.request.user, SCHEDULE_PERMISSIONS):
            buttons.append(
                HeaderButton(_("Weeks ahead"), url=reverse("quote_queue:index"), icon_name="date")
            )
        return buttons


class LiveOnlyChooserMixin:
    """The chooser picks a meeting's opening quote, and a pack takes live quotes only (its block
    refuses any other), so the chooser offers live quotes to everyone, the Culture team too."""

    def get_object_list(self):
        return Quote.objects.live()


class QuoteChooseView(LiveOnlyChooserMixin, ChooseView):
    pass


class QuoteChooseResultsView(LiveOnlyChooserMixin, ChooseResultsView):
    pass


class QuoteChosenView(SnippetChosenView):
    def get_object(self, pk):
        return Quote.objects.live().get(pk=pk)


class QuoteChooserViewSet(SnippetChooserViewSet):
    choose_view_class = QuoteChooseView
    choose_results_view_class = QuoteChooseResultsView
    chosen_view_class = QuoteChosenView


class QuoteCreateView(CreateView):
    """Opened from an empty week in the queue with ?week=YYYY-MM-DD, the week is filled in."""

    def get_initial(self):
        initial = super().get_initial()
        with contextlib.suppress(KeyError, ValueError):
            initial["week"] = monday_of(datetime.date.fromisoformat(self.request.GET["week"]))
        return initial


class QuoteViewSet(SnippetViewSet):
    model = Quote
    icon = "openquote"
    menu_label = _("All quotes")
    index_view_class = QuoteIndexView
    add_view_class = QuoteCreateView
    list_display = [
        "__str__",
        Column("week", label=_("Week (Monday)"), accessor="week", sort_key="week"),
        Column("schedule", label=_("Schedule"), accessor=schedule_status),
    ]
    filterset_class = QuoteFilterSet
    ordering = ["-week"]
    list_per_page = 50
    copy_view_enabled = False
    chooser_viewset_class = QuoteChooserViewSet


class QuoteQueueView(PermissionCheckedMixin, WagtailAdminTemplateMixin, TemplateView):
    """This week and the twelve after it: which have a quote and which are still empty."""

    template_name = "quotes/admin/queue.html"
    page_title = _("Weeks ahead")
    header_icon = "date"
    permission_policy = quote_permission_policy
    any_permission_required = SCHEDULE_PERMISSIONS

    def get_breadcrumbs_items(self):
        return [
            {"url": reverse("wagtailadmin_home"), "label": _("Home")},
            {"url": reverse(Quote.snippet_viewset.get_url_name("list")), "label": _("Quotes")},
            {"url": "", "label": self.page_title},
        ]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        today = site_now().date()
        first = monday_of(today)
        weeks = weeks_from(first, QUEUE_WEEKS_AHEAD + 1)
        by_week = {q.week: q for q in Quote.objects.filter(week__in=weeks)}
        viewset = Quote.snippet_viewset
        can_add = self.user_has_permission("add")
        can_change = self.user_has_permission("change")
        current_week = live_week()
        rows = []
        for week in weeks:
            quote = by_week.get(week)
            rows.append(
                {
                    "week": week,
                    "quote": quote,
                    "is_live": week <= current_week,
                    "edit_url": reverse(viewset.get_url_name("edit"), args=[quote.pk])
                    if quote and can_change
                    else "",
                    "add_url": f"{reverse(viewset.get_url_name('add'))}?week={week.isoformat()}"
                    if not quote and can_add
                    else "",
                }
            )
        ahead = rows[1:]
        context.update(
            rows=rows,
            filled=sum(1 for row in ahead if row["quote"]),
            weeks_ahead=len(ahead),
            unscheduled=Quote.objects.filter(week__isnull=True).count(),
            unscheduled_url=reverse(viewset.get_url_name("list")) + "?status=unscheduled",
        )
        return context


class QuoteQueueViewSet(ViewSet):
    name = "quote_queue"
    icon = "date"
    menu_label = _("Weeks ahead")

    def get_urlpatterns(self):
        return [path("", QuoteQueueView.as_view(), name="index")]

    @cached_property
    def menu_item_class(self):
        def is_shown(_self, request):
            return quote_permission_policy.user_has_any_permission(
                request.user, SCHEDULE_PERMISSIONS
            )

        return type("QuoteQueueMenuItem", (MenuItem,), {"is_shown": is_shown})


class QuoteAdminGroup(SnippetViewSetGroup):
    # Short enough for the sidebar, which cuts "Quote of the Week" to "Quote of the …".
    menu_label = _("Quotes")
    menu_icon = "openquote"
    menu_order = 310
    items = (QuoteViewSet, QuoteQueueViewSet)
