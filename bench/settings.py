"""Settings for `make bench` only: production settings, plus one bare view to compare against.

`bench/run.py` sets SECRET_KEY, DATABASE_URL, SECURE_SSL_REDIRECT=false and the rest in the
environment; nothing here weakens production itself.
"""

import os

from culture.settings.production import *  # noqa: F403
from culture.settings.production import LOGGING

# The bench URLs: the site's own, plus /bench/bare/ (see bench/urls.py).
ROOT_URLCONF = "bench.urls"
# collectstatic writes here (a temporary folder), not into the project.
STATIC_ROOT = os.environ["BENCH_STATIC_ROOT"]
# Seeding indexes the stories in one pass afterwards (update_index), not one task per save.
if os.environ.get("BENCH_SEEDING"):
    TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
LOGGING["root"]["level"] = "WARNING"
# Production keeps PostgreSQL connections open (CONN_MAX_AGE, set in base.py for PostgreSQL only).
# Do the same for the SQLite bench database: otherwise every request reconnects and re-prepares
# every statement, which measures SQLite's connection set-up rather than the pages.
DATABASES["default"].setdefault("CONN_MAX_AGE", 60)  # noqa: F405
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True  # noqa: F405
# Plain HTTP on 127.0.0.1, no TLS proxy in front: browsers and locust send no "Secure" cookie over
# it, so the session and CSRF cookies of a load run must not be marked Secure.
SESSION_COOKIE_SECURE = False
CSRF_COOKIE_SECURE = False
