"""The editor's summary panel: running total against the target, missing stories, suggestions."""

from django.forms import Media
from django.urls import reverse
from wagtail.admin.panels import Panel


class AgendaSummaryPanel(Panel):
    """Shows the agenda's length against the target, kept up to date as the lead types.

    The server renders the totals of the saved version (so it works without JavaScript);
    static/js/meetings-admin.js recomputes them from the minutes fields of the agenda while
    the lead edits. It also lists stories that readers no longer see (unpublished or deleted),
    and links to the suggestions and to "start a new pack from this one".
    """

    class BoundPanel(Panel.BoundPanel):
        template_name = "meetings/admin/agenda_summary_panel.html"

        @property
        def media(self):
            return Media(js=["js/meetings-admin.js"])

        def get_context_data(self, parent_context=None):
            context = super().get_context_data(parent_context)
            pack = self.instance
            context.update(
                planned_minutes=pack.planned_minutes,
                target_minutes=pack.target_minutes or 0,
                minutes_over_target=pack.minutes_over_target,
                unavailable_stories=pack.unavailable_stories(),
                stream_prefix="agenda",
                target_input_id=self.form["target_minutes"].id_for_label
                if "target_minutes" in self.form.fields
                else "",
            )
            if pack.pk:
                context.update(
                    suggestions_url=reverse("meetings_admin:suggestions", args=[pack.pk]),
                    new_from_url=reverse("meetings_admin:new_from", args=[pack.pk]),
                )
            return context
