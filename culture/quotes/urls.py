"""Front-end views of this app that are not Wagtail pages."""

app_name = "quotes"
urlpatterns = []
