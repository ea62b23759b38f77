"""Front-end views of this app that are not Wagtail pages."""

from django.urls import path

from . import start

app_name = "meetings"
urlpatterns = [
    path("meeting-packs/start/", start.start_pack, name="start"),
]
