"""Admin URLs of meeting packs, mounted at /admin/meetings/ by wagtail_hooks.py."""

from django.urls import path

from . import views

urlpatterns = [
    path("suggestions/", views.editor_suggestions, name="editor_suggestions"),
    path("drill-situation/<int:story_id>/", views.drill_situation, name="drill_situation"),
    path("packs/<int:pk>/suggestions/", views.suggestions, name="suggestions"),
    path("packs/<int:pk>/suggestions/add/", views.add_suggestion, name="add_suggestion"),
    path("packs/<int:pk>/new-from/", views.new_from, name="new_from"),
]
