"""The story-of-the-month editor's panel that shows the suggestion for the month being edited.

Free of model imports at module level: `StoryOfTheMonth.panels` uses it while models load."""

from wagtail.admin.panels import Panel


class SuggestionPanel(Panel):
    """The stories good for meetings most marked "I learned from this" in the month, with their
    counts, so the Culture team sees the suggestion beside its own pick."""

    class BoundPanel(Panel.BoundPanel):
        template_name = "learning/admin/suggestion_panel.html"

        def get_context_data(self, parent_context=None):
            from .models import first_of_month
            from .suggestions import suggested_stories

            context = super().get_context_data(parent_context)
            month = getattr(self.instance, "month", None) or first_of_month()
            month = first_of_month(month)
            context["month"] = month
            context["suggestions"] = suggested_stories(month)
            return context
