"""The JSON API and the settings views of its tokens."""

from django.urls import path

from . import views
from .endpoints import api_router

app_name = "api"
urlpatterns = [
    path("account/api-tokens/", views.create_token, name="token_create"),
    path("account/api-tokens/<int:pk>/revoke/", views.revoke_token, name="token_revoke"),
]

# Mounted at /api/v2/ by culture/urls.py under its own namespace ("api_v2"), which Wagtail's
# router uses to link listings to details.
api_urls = api_router.urls
