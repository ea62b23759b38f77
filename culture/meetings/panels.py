"""The editor's summary panel: running total against the target, missing stories, suggestions."""

from django.forms import Media
from django.urls import reverse
from wagtail.admin.panels import Panel

from .blocks import CLOSING_ITEM, SHORTEST_OPEN_ROUND


class AgendaSummaryPanel(Panel):
    """Shows the agenda's length against the target, kept up to date as the lead types.

    The server renders the totals of the saved version (so it works without JavaScript);
    static/js/meetings-admin.js recomputes them from the minutes fields of the agenda while
    the lead edits. It also lists stories that readers no longer see (unpublished or deleted),
    suggests stories to add in place (js/agenda-suggestions.js, also before the first save),
    and links to the suggestions page and to "start a new pack from this one".
    """

    class BoundPanel(Panel.BoundPanel):
        template_name = "meetings/admin/agenda_summary_panel.html"

        @property
        def media(self):
            return Media(
                js=["js/meetings-admin.js", "js/agenda-suggestions.js", "js/drill-admin.js"],
                css={"all": ["css/meetings-admin.css"]},
            )

        def _input_id(self, name):
            return self.form[name].id_for_label if name in self.form.fields else ""

        def get_context_data(self, parent_context=None):
            context = super().get_context_data(parent_context)
            pack = self.instance
            context.update(
                planned_minutes=pack.planned_minutes,
                target_minutes=pack.target_minutes or 0,
                minutes_over_target=pack.minutes_over_target,
                minutes_left=max(0, (pack.target_minutes or 0) - pack.planned_minutes),
                editor_suggestions_url=reverse("meetings_admin:editor_suggestions"),
                team_input_id=self._input_id("team"),
                topics_input_id=self._input_id("topics"),
                closing_item=CLOSING_ITEM,
                shortest_open_round=SHORTEST_OPEN_ROUND,
                unavailable_stories=pack.unavailable_stories(),
                stream_prefix="agenda",
                target_input_id=self._input_id("target_minutes"),
                # js/drill-admin.js: the situation proposed for a drill's chosen story.
                drill_situation_url=reverse("meetings_admin:drill_situation", args=[0]),
            )
            if pack.pk:
                context.update(
                    suggestions_url=reverse("meetings_admin:suggestions", args=[pack.pk]),
                    new_from_url=reverse("meetings_admin:new_from", args=[pack.pk]),
                )
            return context
