from django.core.management.base import BaseCommand

from home.roles import sync_roles


class Command(BaseCommand):
    help = "Create the four roles (groups) and bring their permissions up to date. Safe to re-run."

    def handle(self, *args, **options):
        for name, group in sync_roles().items():
            self.stdout.write(f"{name}: {group.permissions.count()} permissions")
