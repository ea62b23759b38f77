"""Front-end views of this app that are not Wagtail pages."""

from django.urls import path

from . import views

app_name = "campaigns"
urlpatterns = [
    path("campaigns/<int:pk>/calendar.ics", views.calendar_feed, name="calendar"),
    path("campaigns/<int:pk>/events/<int:event_id>.ics", views.event_ics, name="event"),
]
