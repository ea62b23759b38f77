from django.apps import AppConfig
from django.db.models.signals import post_delete


class CampaignsConfig(AppConfig):
    name = "culture.campaigns"
    label = "campaigns"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from wagtail.signals import page_published, page_unpublished, post_page_move

        from culture.fragments import retiring

        from .models import CampaignIndexPage, CampaignPage

        # "campaigns": which campaign the home page's banner shows, and where it links. A
        # campaign's own page is keyed by its publication (Wagtail's page cache key) instead.
        retire_campaigns = retiring("campaigns")
        uid = "campaigns.retire_campaigns"
        for model in (CampaignPage, CampaignIndexPage):
            for signal in (page_published, page_unpublished, post_delete):
                signal.connect(retire_campaigns, sender=model, weak=False, dispatch_uid=uid)
        post_page_move.connect(retire_campaigns, weak=False, dispatch_uid=uid)
