from django.core.management.base import BaseCommand
from django.utils.translation import gettext as _

from culture.learning.announcements import announce


class Command(BaseCommand):
    help = (
        "Post this month's story of the month to the chat channels of Site settings (Teams, "
        "Slack), once. Run it from cron every hour: it does nothing once the pick is posted, "
        "and retries a channel that failed."
    )

    def handle(self, *args, **options):
        messages = {
            "posted": _("Posted the story of the month to the chat channels."),
            "already posted": _("The story of the month was already posted."),
            "failed": _("Posting to a chat channel failed; the next run tries again."),
            "no channel": _("No chat channel is set in Site settings; nothing to do."),
            "no pick": _("No story of the month is picked for this month; nothing to do."),
            "not open to everyone": _(
                "This month's story is not published or is restricted; it is not announced."
            ),
        }
        outcome = announce()
        stream = self.stderr if outcome == "failed" else self.stdout
        stream.write(messages[outcome])
