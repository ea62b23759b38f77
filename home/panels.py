"""Extension points that let the apps above `home` add to shared pages without `home` importing them.

* `own_it_menu_items`: functions returning a `MenuItem` (or None) for the main navigation.
* `own_it_home_panels`: functions taking the request and returning a `laces` Component
  (or None) to show on the home page, ordered by the component's `order`.
* `own_it_account_panels`: the same for the signed-in user's "Your settings" page.
"""

from dataclasses import dataclass

from django.urls import reverse
from wagtail import hooks

MENU_HOOK = "own_it_menu_items"
HOME_PANELS_HOOK = "own_it_home_panels"
ACCOUNT_PANELS_HOOK = "own_it_account_panels"


@dataclass
class MenuItem:
    label: str
    url_name: str
    order: int = 100

    @property
    def url(self):
        return reverse(self.url_name) if not self.url_name.startswith("/") else self.url_name


def contains(url, path):
    """Whether the page at `path` is in the section a menu item's `url` opens: the home page
    only for itself, any other section for its own address and every address below it."""
    if url == "/":
        return path == "/"
    return path == url or path.startswith(url if url.endswith("/") else url + "/")


def current_url(urls, path):
    """The one menu address to mark as the current page's: the longest that contains `path`.

    Sections nest ("Share a mistake" at /stories/share/ is inside "Stories" at /stories/), so
    more than one item can contain a page; marking each of them underlined two items at once.
    """
    matches = [url for url in urls if contains(url, path)]
    return max(matches, key=len, default=None)


def menu_items(request):
    items = [item for fn in hooks.get_hooks(MENU_HOOK) if (item := fn(request))]
    return sorted(items, key=lambda item: item.order)


def _panels(hook_name, request):
    panels = [panel for fn in hooks.get_hooks(hook_name) if (panel := fn(request))]
    return sorted(panels, key=lambda panel: getattr(panel, "order", 100))


def home_page_panels(request):
    return _panels(HOME_PANELS_HOOK, request)


def account_panels(request):
    return _panels(ACCOUNT_PANELS_HOOK, request)
