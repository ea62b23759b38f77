from django.conf import settings
from django.core.management.base import BaseCommand
from django.db import transaction

from home.apps_registry import own_app_modules
from home.demo import DEMO_PASSWORD, DEMO_USERS, Demo
from home.roles import sync_roles


class Command(BaseCommand):
    help = (
        "Load the demo content of every app (idempotent: existing content is kept as it is). "
        "Demo accounts are created only when DEBUG is on."
    )

    def handle(self, *args, **options):
        demo = Demo(stdout=self.stdout)
        with transaction.atomic():
            for module in own_app_modules("demo"):
                module.load(demo)
            sync_roles()
        self.stdout.write(self.style.SUCCESS("Demo content is ready."))
        if settings.DEBUG:
            self.stdout.write(f"Demo sign-ins (password for all: {DEMO_PASSWORD}):")
            for username, first, last, roles, superuser in DEMO_USERS:
                role = "superuser" if superuser else ", ".join(roles)
                self.stdout.write(f"  {username:<8} {first} {last} — {role}")
