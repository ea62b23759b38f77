"""Admin for the pulse (snippets for the Culture team) and its home-page panel."""

from django.db.models import Count
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.ui.tables import Column
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from home.panels import HOME_PANELS_HOOK

from .components import PulsePanel
from .models import PrimaryTeam, Pulse, PulseStatement


@hooks.register(HOME_PANELS_HOOK)
def pulse_panel(request):
    return PulsePanel.for_request(request)


class PulseViewSet(SnippetViewSet):
    model = Pulse
    icon = "pick"
    menu_label = _("Pulses")
    list_display = [
        "title",
        "opens_on",
        "closes_on",
        Column("people_answered", label=_("People answered")),
    ]
    list_filter = ["opens_on"]
    search_fields = ["title"]
    ordering = ["-opens_on"]

    def get_queryset(self, request):
        # How many answered, not who: one count per pulse, in the listing's one query.
        return Pulse.objects.annotate(people_answered=Count("answered"))


class PulseStatementViewSet(SnippetViewSet):
    model = PulseStatement
    icon = "list-ol"
    menu_label = _("Statements")
    list_display = ["text", "sort_order", "reverse_scored", "active"]
    list_filter = ["active"]
    ordering = ["sort_order", "pk"]


class PrimaryTeamViewSet(SnippetViewSet):
    model = PrimaryTeam
    icon = "group"
    menu_label = _("Primary teams")
    list_display = ["user", "team"]
    list_filter = ["team"]
    search_fields = ["user__username", "user__first_name", "user__last_name"]

    def get_queryset(self, request):
        return PrimaryTeam.objects.select_related("user", "team")


class PulseViewSetGroup(SnippetViewSetGroup):
    items = (PulseViewSet, PulseStatementViewSet, PrimaryTeamViewSet)
    menu_icon = "pick"
    menu_label = _("Pulse")
    menu_name = "pulse"


register_snippet(PulseViewSetGroup)
