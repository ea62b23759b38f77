"""The "Promote" tab of every Own It page, in Own It's words.

Wagtail's defaults speak of search engines, the public and automatic menus. Own It is private to
the company, its menu is built by the apps (home/panels.py), and search is the site's own: so
the tab keeps the address, the browser-tab title and the search summary, each said plainly.
"""

from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel


def intranet_promote_panels():
    return [
        MultiFieldPanel(
            [
                FieldPanel(
                    "slug",
                    help_text=_(
                        "The last part of the page's address, in lower case with hyphens. "
                        "Changing it breaks links people saved."
                    ),
                ),
                FieldPanel(
                    "seo_title",
                    help_text=_(
                        "A shorter title for the browser tab, when the page title is long. "
                        "Leave it empty to use the page title."
                    ),
                ),
                FieldPanel(
                    "search_description",
                    help_text=_(
                        "One or two sentences shown under the title in the site's search "
                        "results. Leave it empty to use the summary."
                    ),
                ),
            ],
            heading=_("Address and search"),
        ),
    ]
