"""The Culture team's admin for the story of the month (a snippet viewset)."""

from django.utils.translation import gettext_lazy as _
from wagtail.snippets.views.snippets import SnippetViewSet

from .models import StoryOfTheMonth


class StoryOfTheMonthViewSet(SnippetViewSet):
    model = StoryOfTheMonth
    icon = "pick"
    menu_label = _("Story of the month")
    menu_name = "story_of_the_month"
    menu_order = 250
    add_to_admin_menu = True
    list_display = ["__str__", "story", "why"]
    ordering = ["-month"]
