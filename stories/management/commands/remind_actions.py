"""Email the follow-up contacts of corrective actions that are due soon, due today or overdue.

Run daily from cron (docs/production.md). Each person gets at most one email a run, listing all
their actions; a reminder is recorded when sent, so running it again the same day sends nothing
new (stories/follow_up.py).
"""

from django.core.management.base import BaseCommand
from django.utils.translation import gettext as _

from stories.follow_up import send_reminders


class Command(BaseCommand):
    help = "Remind the follow-up contacts of corrective actions due in a week, today or overdue."

    def handle(self, *args, **options):
        emails, reminders = send_reminders()
        self.stdout.write(
            _("%(emails)d emails sent, about %(reminders)d corrective actions.")
            % {"emails": emails, "reminders": reminders}
        )
