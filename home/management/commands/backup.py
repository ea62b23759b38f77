from django.core.management.base import BaseCommand, CommandError

from home.backups import BackupError, backup


class Command(BaseCommand):
    help = "Back up the database and the uploads into one dated archive (home/backups.py)."

    def add_arguments(self, parser):
        parser.add_argument("folder", nargs="?", default="backups", help="Where to write it.")

    def handle(self, *args, folder, **options):
        try:
            archive = backup(folder)
        except BackupError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(f"Backup written to {archive}")
