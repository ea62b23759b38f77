from laces.components import Component

from .history import cached_times_discussed


class DiscussedInPanel(Component):
    """ "Discussed in N team meetings" on a story page (nothing before the first meeting)."""

    template_name = "meetings/includes/discussed_in.html"
    order = 10

    def __init__(self, story):
        self.story = story

    def get_context_data(self, parent_context=None):
        story = self.story
        return {"meetings": cached_times_discussed(story) if story and story.pk else 0}
