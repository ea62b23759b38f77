from django.core.management.base import BaseCommand

from culture.quotes.webhooks import announce

MESSAGES = {
    "posted": "Posted this week's quote.",
    "already posted": "This week's quote was already posted.",
    "failed": "Posting to a webhook or chat channel failed; the next run tries again.",
    "no webhook": "No webhook URL is set in Quote of the Week settings, and no chat channel in "
    "Site settings; nothing to do.",
    "no quote this week": "No quote has gone live this week; nothing to announce.",
    "no site": "No site is set up yet; nothing to do.",
}


class Command(BaseCommand):
    help = (
        "Post the Quote of the Week to the webhook and the chat channels (Teams, Slack) set in "
        "the admin, once each, after it goes "
        "live at 08:08 on Monday. Run it every minute (or every few): it does nothing once the "
        "quote is posted, and retries after a failure."
    )

    def handle(self, *args, **options):
        outcome = announce()
        stream = self.stderr if outcome == "failed" else self.stdout
        stream.write(MESSAGES.get(outcome, outcome))
