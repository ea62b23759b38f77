"""Store again the terms "Has this happened before?" compares for every published story.

Run once after upgrading to the release that added it (stories published before have none), or
after loading stories without Wagtail's publish signal. Mistake topics changed in the admin
re-index by themselves (stories/similar_signals.py).
"""

from django.core.management.base import BaseCommand
from django.utils.translation import gettext as _

from stories.similar import index_all


class Command(BaseCommand):
    help = "Store the terms of every published story for “Has this happened before?”."

    def handle(self, *args, **options):
        count = index_all()
        self.stdout.write(_("%(count)d published stories indexed.") % {"count": count})
