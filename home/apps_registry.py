"""The project's own apps (not Django's, Wagtail's or other libraries'), in INSTALLED_APPS order."""

from importlib import import_module
from importlib.util import find_spec
from pathlib import Path

from django.apps import apps
from django.conf import settings


def own_app_modules(module_name):
    """Import `<app>.<module_name>` from each of our apps that has one, lowest layer first."""
    modules = []
    for config in apps.get_app_configs():
        if not Path(config.path).is_relative_to(settings.BASE_DIR):
            continue
        dotted = f"{config.name}.{module_name}"
        if find_spec(dotted) is not None:
            modules.append(import_module(dotted))
    return modules
