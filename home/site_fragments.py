"""What retires the "site" fragment scope: the main menu every page shows (templates/base.html).

The menu links to the section pages under the home page (depth 3; the home page is depth 2), with
addresses that depend on the Site. The site settings (name, tagline, colour) are read live with
Wagtail's `for_request`, but retire the scope too, for any fragment that shows them. Connected in
`HomeConfig.ready()`.
"""

from django.db.models.signals import post_delete, post_save
from wagtail.models import Page, Site
from wagtail.signals import page_published, page_unpublished, post_page_move

from . import fragment_versions

SECTION_DEPTH = 3


def retire_site(**kwargs):
    fragment_versions.retire("site")


def _retire_for_page(sender, instance=None, **kwargs):
    # Saves, publishes (renames) and deletes of the root, home and section pages; not stories.
    if isinstance(instance, Page) and (instance.depth or 0) <= SECTION_DEPTH:
        retire_site()


def connect():
    from .models import SiteSettings

    for signal in (post_save, post_delete):
        signal.connect(retire_site, sender=Site, dispatch_uid=f"site-fragments-site-{id(signal)}")
        signal.connect(
            retire_site, sender=SiteSettings, dispatch_uid=f"site-fragments-settings-{id(signal)}"
        )
    # Page signals come with the specific class as sender: listen to all, filter by depth.
    for signal in (post_save, post_delete, page_published, page_unpublished):
        signal.connect(_retire_for_page, dispatch_uid=f"site-fragments-page-{id(signal)}")
    # A move rewrites the URLs of a whole subtree, sections included; moves are rare.
    post_page_move.connect(retire_site, dispatch_uid="site-fragments-move")
