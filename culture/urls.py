from django.conf import settings
from django.contrib.auth import views as auth_views
from django.urls import include, path
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from home import views as home_views

urlpatterns = [
    path("healthz/", home_views.healthz, name="healthz"),
    path("admin/", include(wagtailadmin_urls)),
    path(
        "accounts/login/",
        auth_views.LoginView.as_view(redirect_authenticated_user=True),
        name="login",
    ),
    path("accounts/logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("account/", home_views.account, name="account"),
    path("documents/", include(wagtaildocs_urls)),
    path("search/", home_views.search, name="search"),
    path(f"{settings.MEDIA_URL.strip('/')}/<path:path>", home_views.private_media, name="media"),
    # Each app's own front-end views (forms, feeds, downloads); their paths are written in full
    # there, so that they read as one list with the pages they sit beside.
    path("", include("stories.urls")),
    path("", include("culture.quotes.urls")),
    path("", include("culture.meetings.urls")),
    path("", include("culture.campaigns.urls")),
    # Wagtail's page serving comes last: it matches every other path.
    path("", include(wagtail_urls)),
]
