from django.utils import timezone
from laces.components import Component

from home import fragment_versions

from .history import times_discussed


class DiscussedInPanel(Component):
    """ "Discussed in N team meetings" on a story page (nothing before the first meeting).

    The count is one small query, cached as a fragment keyed by the "packs" version (retired
    when a pack is published, unpublished, moved or deleted, or its stories change) and today's
    date (a meeting counts once its day has passed).
    """

    template_name = "meetings/includes/discussed_in.html"
    order = 10

    def __init__(self, story, request):
        self.story = story
        self.request = request
        self.today = timezone.localdate()

    def meetings(self):
        story = self.story
        return times_discussed(story, self.today) if story and story.pk else 0

    def get_context_data(self, parent_context=None):
        # Rendered with a plain dict, so the cache tag needs the request and versions from here.
        return {
            "request": self.request,
            "fragments": fragment_versions.Versions(),
            "panel": self,
            "story_id": self.story.pk if self.story else None,
        }
