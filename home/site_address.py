"""The site's one public address, for every link that leaves the browser tab.

Feeds, emails, chat posts, calendar files, the PDF handout and Wagtail's own admin emails are read
somewhere else (a feed reader, a mail client, a calendar), so their links must be absolute. They
all come from `BASE_URL` (settings.WAGTAILADMIN_BASE_URL, the setting Wagtail's admin reads too),
never from the request's Host header or the Wagtail Site record: behind a proxy or on another
port those say something different, and a link built from them only works for some readers.

`make run` sets BASE_URL to the address it serves (PORT included) unless BASE_URL is set.
"""

import re
from urllib.parse import urlsplit

from django.conf import settings

# <a href="/…"> as Wagtail writes links to its pages and documents in rich text and templates
# ("//host/…" is another site and is left alone).
SITE_RELATIVE_LINK = re.compile(r'(<a\b[^>]*?\bhref=")(/(?!/)[^"]*)"')


def base_url():
    """The site's address without a trailing slash, e.g. "https://own-it.example.com"."""
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/")


def absolute_url(path):
    """`path` (a site-relative address such as "/stories/") as an absolute address.

    An address that is absolute already (a campaign event's own link) is returned unchanged.
    """
    if path.startswith(("http://", "https://")):
        return path
    return base_url() + "/" + path.lstrip("/")


def absolute_links(html):
    """`html` with its links to this site absolute, for a reader that has no page address to
    resolve "/stories/…" against (a feed reader, a PDF viewer)."""
    return SITE_RELATIVE_LINK.sub(lambda match: f'{match[1]}{absolute_url(match[2])}"', html)


def page_url(page, request=None):
    """A Wagtail page's absolute address on this site, or None when the page has no address
    (it sits outside the site's tree). Unlike `page.get_full_url()` this ignores the Site
    record's hostname and port."""
    parts = page.get_url_parts(request)
    if parts is None:
        return None
    return absolute_url(parts[2])


def hostname():
    """The host part of the address ("own-it.example.com"): for calendar event ids."""
    return urlsplit(base_url()).hostname or "own-it"


def site_record_address():
    """(hostname, port) for the Wagtail Site record, so that Wagtail's own absolute links
    (`page.full_url` in its moderation emails) agree with BASE_URL."""
    parts = urlsplit(base_url())
    default_port = 443 if parts.scheme == "https" else 80
    return parts.hostname or "localhost", parts.port or default_port
