from django.contrib.auth.models import Permission
from django.shortcuts import redirect
from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem as AdminMenuItem
from wagtail.admin.ui.sidebar import LinkMenuItem as LinkMenuItemComponent

from home.page_links import section_url
from home.panels import HOME_PANELS_HOOK, MENU_HOOK, MenuItem

from . import admin_views
from .components import CampaignBanner
from .digest import DIGEST_SECTIONS_HOOK, campaign_section
from .models import CampaignIndexPage, CampaignPage

# Main navigation: after stories, quotes and meeting packs.
MENU_ORDER = 60


@hooks.register(MENU_HOOK)
def campaigns_menu_item(request):
    url = section_url(CampaignIndexPage, request)
    return MenuItem(_("Campaigns"), url, order=MENU_ORDER) if url else None


@hooks.register(HOME_PANELS_HOOK)
def running_campaign_banner(request):
    return CampaignBanner.for_request(request)


# Admin ------------------------------------------------------------------------------------------

admin_urlpatterns = [
    path("insights/", admin_views.InsightsView.as_view(), name="insights"),
    path("insights/export.csv", admin_views.InsightsCSVView.as_view(), name="insights_csv"),
    path("<int:page_id>/new-from/", admin_views.CopyCampaignView.as_view(), name="copy"),
]


@hooks.register("register_admin_urls")
def register_campaign_admin_urls():
    return [path("campaigns/", include((admin_urlpatterns, "campaigns_admin")))]


class InsightsMenuItem(AdminMenuItem):
    def is_shown(self, request):
        return request.user.has_perm(admin_views.INSIGHTS_PERMISSION)


@hooks.register("register_admin_menu_item")
def register_insights_menu_item():
    return InsightsMenuItem(
        _("Culture insights"),
        reverse("campaigns_admin:insights"),
        name="culture-insights",
        icon_name="crosshairs",
        order=250,
    )


class CampaignsMenuItem(AdminMenuItem):
    """ "Campaigns" in the admin menu, for who may add campaigns (the Culture team): the campaigns
    index in the page explorer, without going through Pages."""

    def is_shown(self, request):
        index = CampaignIndexPage.objects.first()
        return index is not None and index.permissions_for_user(request.user).can_add_subpage()

    def render_component(self, request):
        # The index's address is looked up per request (menu items are shared by all requests).
        index = CampaignIndexPage.objects.first()
        return LinkMenuItemComponent(
            self.name,
            self.label,
            reverse("wagtailadmin_explore", args=[index.pk]),
            icon_name=self.icon_name,
            classname=self.classname,
            attrs=self.attrs,
        )


@hooks.register("register_admin_menu_item")
def register_campaigns_menu_item():
    return CampaignsMenuItem(_("Campaigns"), "#", name="campaigns", icon_name="date", order=240)


@hooks.register("register_permissions")
def register_insights_permission():
    """Lets the insights permission be given to a group on Wagtail's group screen too."""
    return Permission.objects.filter(content_type__app_label="campaigns", codename="view_insights")


@hooks.register("before_copy_page")
def copy_campaigns_to_new_dates(request, page):
    """Wagtail's "Copy" on a campaign opens "Start a new campaign from it" instead, which moves
    the dates and the events together."""
    if page.specific_class is CampaignPage:
        return redirect("campaigns_admin:copy", page.pk)
    return None


# The weekly digest of the quotes app calls this hook, if that app is installed.
hooks.register(DIGEST_SECTIONS_HOOK, campaign_section)


@hooks.register("construct_homepage_panels")
def culture_dashboard_panel(request, panels):
    """The Culture team find what needs them this week first on the admin dashboard."""
    from .dashboard import CultureDashboardPanel

    panel = CultureDashboardPanel.for_user(request.user)
    if panel is not None:
        panels.insert(0, panel)
