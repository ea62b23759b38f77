from django.conf import settings
from django.contrib.auth import views as auth_views
from django.urls import include, path
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from culture.api import views as api_views
from culture.api.urls import api_urls
from home import views as home_views
from home.accounts import views as accounts_views
from stories.admin_reports import page_types_usage_report, page_types_usage_results

urlpatterns = [
    path("healthz/", home_views.healthz, name="healthz"),
    path("site-colours.css", home_views.site_colours, name="site_colours"),
    path("admin-colours.css", home_views.admin_colours, name="admin_colours"),
    # Wagtail's report, at its own address, without naming pages the reader may not explore.
    path(
        "admin/reports/page-types-usage/",
        page_types_usage_report,
        name="page_types_usage",
    ),
    path(
        "admin/reports/page-types-usage/results/",
        page_types_usage_results,
        name="page_types_usage_results",
    ),
    # Wagtail's sign-out, ending the company sign-in provider's session too (home/accounts).
    path("admin/logout/", accounts_views.AdminSignOutView.as_view(), name="wagtailadmin_logout"),
    path("admin/", include(wagtailadmin_urls)),
    path(
        "accounts/login/",
        # A signed-in user is shown the form, never sent on to `next`: sent back to a page that
        # refuses them, they would loop (home/refusals.py answers them with a 403 instead).
        auth_views.LoginView.as_view(),
        name="login",
    ),
    path("accounts/logout/", accounts_views.SignOutView.as_view(), name="logout"),
    # Company sign-in (OpenID Connect): to the provider and back.
    path("", include("home.accounts.urls")),
    path("account/", home_views.account, name="account"),
    path("documents/", include(wagtaildocs_urls)),
    path("search/", home_views.search, name="search"),
    path(f"{settings.MEDIA_URL.strip('/')}/<path:path>", home_views.private_media, name="media"),
    # Each app's own front-end views (forms, feeds, downloads); their paths are written in full
    # there, so that they read as one list with the pages they sit beside.
    path("", include("stories.urls")),
    path("", include("culture.quotes.urls")),
    path("", include("culture.meetings.urls")),
    path("", include("culture.pulse.urls")),
    path("", include("culture.campaigns.urls")),
    path("", include("culture.learning.urls")),
    path("", include("culture.api.urls")),
    # The JSON API (culture/api): read only, for a session or a personal token; 401 otherwise.
    path("api/v2/", api_urls),
    path("api/", api_views.not_found, name="api_not_found"),
    path("api/<path:rest>", api_views.not_found, name="api_not_found_below"),
    # Wagtail's page serving comes last: it matches every other path.
    path("", include(wagtail_urls)),
]
