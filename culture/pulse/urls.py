"""Front-end views of the pulse."""

from django.urls import path

from . import views

app_name = "pulse"
urlpatterns = [
    path("pulse/<int:pk>/answer/", views.answer, name="answer"),
]
