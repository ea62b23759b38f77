"""The home-page banner of the running campaign (a laces Component for `own_it_home_panels`)."""

from django.utils.functional import cached_property
from laces.components import Component
from wagtail.models import Site

from home import fragment_versions

from .gathering import progress
from .timeframes import local_today

# High on the home page: a running campaign is the first thing people should see.
BANNER_ORDER = 5


class CampaignBanner(Component):
    """The running campaign, its days left and progress; nothing while no campaign runs.

    Always on the list of panels: which campaign runs is read inside the template's cached
    fragment, keyed by the day, the campaigns' and stories' versions, the site (its
    link) and the view restrictions the reader fails (asked live on every request), so a warm
    home page asks the database only for those restrictions.
    """

    template_name = "campaigns/includes/banner.html"
    order = BANNER_ORDER

    def __init__(self, request):
        self.request = request
        self.today = local_today()

    @classmethod
    def for_request(cls, request):
        return cls(request)

    @cached_property
    def campaign(self):
        from home.visibility import visible_to

        from .models import CampaignPage

        return (
            visible_to(CampaignPage.objects.all(), self.request)
            .filter(start_date__lte=self.today, end_date__gte=self.today)
            .order_by("start_date")
            .first()
        )

    def url(self):
        return self.campaign.get_url(self.request)

    def days_left(self):
        return self.campaign.days_left(self.today)

    def figures(self):
        from stories import small_groups

        return progress(self.campaign, self.today, small_groups.minimum(self.request))

    def get_context_data(self, parent_context=None):
        from home.visibility import failed_restrictions

        site = Site.find_for_request(self.request)
        # Rendered with a plain dict, so the cache tag needs the request and versions from here.
        return {
            "request": self.request,
            "fragments": fragment_versions.Versions(),
            "banner": self,
            "reader_restrictions": failed_restrictions(self.request),
            "site_id": site.pk if site else None,
        }
