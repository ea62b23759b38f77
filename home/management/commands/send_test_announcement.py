from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone
from django.utils.translation import gettext

from home import chat
from home.site_address import absolute_url


class Command(BaseCommand):
    help = (
        "Post a test message to each chat channel set in Site settings → Chat announcements "
        "(Microsoft Teams, Slack), to check the addresses. Says what each channel answered."
    )

    def handle(self, *args, **options):
        if not chat.configured_channels():
            raise CommandError(
                "No chat channel is set in Site settings → Chat announcements; nothing to test."
            )
        message = chat.ChatMessage(
            # A new key each time: a test is never "already posted".
            key=f"test:{timezone.now().isoformat()}",
            title=gettext("Own It: a test message"),
            text=gettext("If you can read this, announcements from Own It will arrive here."),
            link=absolute_url("/"),
        )
        outcomes = chat.announce(message)
        for channel, outcome in outcomes.items():
            stream = self.stderr if outcome == "failed" else self.stdout
            stream.write(f"{channel}: {outcome}")
        if "failed" in outcomes.values():
            raise CommandError("A channel did not take the message; the reason is logged above.")
