"""What the site search finds of the meeting packs: published packs the reader may open.

Every employee reads packs on the site; the search finds them by their title, team, topics and
the agenda's own words. Never by the facilitator notes (only the pack's editors see those), nor
by the stories on the agenda (the pack page leaves out those a reader may not open).
"""

from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext_lazy

from home.search import excerpt, highlight, stream_texts
from home.site_search import SearchSource
from home.visibility import visible_to

from .models import MeetingPackPage

VOCABULARY_PACKS = 500


class MeetingPackSource(SearchSource):
    slug = "meeting-pack"
    kind = _("Meeting pack")
    kind_plural = _("Meeting packs")
    count_phrase = ngettext_lazy("%(count)d meeting pack", "%(count)d meeting packs", "count")
    order = 40
    page_model = MeetingPackPage
    select_related = ("team",)
    vocabulary_scopes = ("packs",)

    def candidates(self):
        return visible_to(MeetingPackPage.objects.all(), self.request)

    def result(self, pack, stems):
        texts = [pack.search_description, *stream_texts(pack.agenda)]
        return self.make_result(
            pack.title,
            pack.get_url(self.request),
            summary=highlight(excerpt(texts, stems), stems),
            date=pack.meeting_date,
            byline=pack.team.name,
        )

    def vocabulary_texts(self):
        rows = self.candidates().order_by("-meeting_date").values_list("title", flat=True)
        return list(rows[:VOCABULARY_PACKS])


SEARCH_SOURCES = [MeetingPackSource]
