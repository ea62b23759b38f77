"""Front-end views of this app that are not Wagtail pages."""

from django.urls import path

from . import views

app_name = "quotes"
urlpatterns = [
    path("quotes/", views.archive, name="archive"),
    path("quotes/<int:pk>/", views.detail, name="detail"),
    path("quotes/<int:pk>/wallpaper/<str:size>.png", views.wallpaper, name="wallpaper"),
    path("quotes/digest/subscription/", views.subscription, name="digest_subscription"),
    path("quotes/digest/unsubscribe/<slug:token>/", views.unsubscribe, name="digest_unsubscribe"),
]
