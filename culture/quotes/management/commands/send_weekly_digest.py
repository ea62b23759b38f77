from django.core.management.base import BaseCommand

from culture.quotes.digest import queue_week
from culture.quotes.models import DigestDelivery
from culture.quotes.models.quotes import week_label


class Command(BaseCommand):
    help = (
        "Email this week's digest (quote of the week, new stories, other sections) to every "
        "active employee who has not opted out. Safe to run again: nobody gets a week twice, "
        "and failed sends are retried. Schedule it for Monday 08:08 in the site time zone."
    )

    def handle(self, *args, **options):
        week, queued = queue_week()
        deliveries = DigestDelivery.objects.filter(pk__in=queued)
        counts = {
            status: deliveries.filter(status=status).count()
            for status in DigestDelivery.Status.values
        }
        self.stdout.write(
            f"Weekly digest for the week of {week_label(week)}: {len(queued)} queued "
            f"({counts['sent']} sent, {counts['failed']} failed, {counts['queued']} waiting for "
            "the task worker)."
        )
        if counts["failed"]:
            self.stderr.write(
                "Some digests failed; see the log. Run the command again to retry them."
            )
