"""The home-page banner of the running campaign (a laces Component for `own_it_home_panels`)."""

from laces.components import Component

from .gathering import progress
from .timeframes import local_today

# High on the home page: a running campaign is the first thing people should see.
BANNER_ORDER = 5


class CampaignBanner(Component):
    template_name = "campaigns/includes/banner.html"
    order = BANNER_ORDER

    def __init__(self, campaign, request):
        self.campaign = campaign
        self.request = request

    def get_context_data(self, parent_context=None):
        today = local_today()
        return {
            "campaign": self.campaign,
            "url": self.campaign.get_url(self.request),
            "days_left": self.campaign.days_left(today),
            "figures": progress(self.campaign, today),
        }

    @classmethod
    def for_request(cls, request):
        from home.visibility import visible_to

        from .models import CampaignPage

        today = local_today()
        campaign = (
            visible_to(CampaignPage.objects.all(), request)
            .filter(start_date__lte=today, end_date__gte=today)
            .order_by("start_date")
            .first()
        )
        return cls(campaign, request) if campaign else None
