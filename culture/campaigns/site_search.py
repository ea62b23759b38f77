"""What the site search finds of the campaigns: published ones the reader may open."""

from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext_lazy

from home.search import excerpt, highlight, plain_text, stream_texts
from home.site_search import SearchSource
from home.visibility import visible_to

from .models import CampaignPage

VOCABULARY_CAMPAIGNS = 200


class CampaignSource(SearchSource):
    slug = "campaign"
    kind = _("Campaign")
    kind_plural = _("Campaigns")
    count_phrase = ngettext_lazy("%(count)d campaign", "%(count)d campaigns", "count")
    order = 30
    page_model = CampaignPage
    vocabulary_scopes = ("campaigns",)

    def candidates(self):
        return visible_to(CampaignPage.objects.all(), self.request)

    def result(self, campaign, stems):
        texts = [
            campaign.search_description,
            plain_text(campaign.introduction),
            *stream_texts(campaign.ways_to_take_part),
        ]
        return self.make_result(
            campaign.title,
            campaign.get_url(self.request),
            summary=highlight(excerpt(texts, stems), stems),
            date=campaign.start_date,
            end_date=campaign.end_date,
        )

    def vocabulary_texts(self):
        rows = self.candidates().order_by("-start_date").values_list("title", "search_description")
        return [text for row in rows[:VOCABULARY_CAMPAIGNS] for text in row]


SEARCH_SOURCES = [CampaignSource]
