"""The story editor's form: "Repeat of" offers the earlier story's corrective actions only."""

from django.utils.translation import gettext as _
from wagtail.admin.forms import WagtailAdminPageForm

from home.ids import page_id


class StoryAdminForm(WagtailAdminPageForm):
    """Moderators say which of the earlier story's corrective actions should have prevented a
    repeat. The choices are that story's actions (the one chosen under "Repeat of", as posted,
    else as saved), so an action of any other story is refused as an invalid choice."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields.get("repeat_of_action")
        if field is None:
            return
        from .models import CorrectiveAction

        earlier = self.earlier_story_id()
        field.queryset = (
            CorrectiveAction.objects.filter(page_id=earlier)
            .select_related("owner_team")
            .order_by("sort_order", "pk")
            if earlier
            else CorrectiveAction.objects.none()
        )
        field.empty_label = _("— None chosen —")
        field.label_from_instance = self.action_label

    @staticmethod
    def action_label(action):
        if action.owner_label:
            return f"{action.description} ({action.owner_label})"
        return action.description

    def earlier_story_id(self):
        if self.is_bound:
            return page_id(self.data.get(self.add_prefix("repeat_of")))
        return self.instance.repeat_of_id
