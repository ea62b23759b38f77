"""Front-end views of this app that are not Wagtail pages."""

from django.urls import path

from . import views

app_name = "learning"
urlpatterns = [
    path("account/follows/", views.follow, name="follow"),
]
