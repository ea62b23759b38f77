"""Local development: `make run`. The only settings file with an insecure key."""

from .base import *  # noqa: F403
from .base import env

DEBUG = True
SECRET_KEY = env.str("SECRET_KEY", default="django-insecure-own-it-local-development-only")
ALLOWED_HOSTS = ["*"]

STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}

# Serve static files straight from the source folders; nothing to collect first.
WHITENOISE_AUTOREFRESH = True
WHITENOISE_USE_FINDERS = True

# Keep `make run` output to what a person needs: Wagtail logs every demo publish at INFO.
LOGGING["loggers"]["wagtail"] = {"level": "WARNING"}  # noqa: F405
