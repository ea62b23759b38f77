from django import template
from django.utils.translation import get_language

from .. import fragment_versions
from ..panels import current_url, menu_items

register = template.Library()


@register.inclusion_tag("includes/main_menu.html", takes_context=True)
def main_menu(context):
    """The main navigation. Its items (labels and addresses, a query for each section) are
    remembered until a section page or the Site changes (the "site" scope), so they must never
    depend on who reads; which item is current is decided for each request."""
    request = context["request"]
    key = ("main-menu", fragment_versions.version("site"), request.get_host(), get_language())
    items = fragment_versions.remember(
        key, lambda: [(str(item.label), item.url) for item in menu_items(request)]
    )
    current = current_url([url for _, url in items], request.path)
    return {"items": [(label, url, url == current) for label, url in items]}


@register.simple_tag(takes_context=True)
def render_panel(context, panel):
    return panel.render_html(context)


@register.simple_tag(takes_context=True)
def shows_admin_link(context):
    """Whether the user menu offers "Admin": asked of the user's permissions on every request
    (Django keeps the answer on the user object for the rest of this request only)."""
    user = context["request"].user
    return user.is_authenticated and user.has_perm("wagtailadmin.access_admin")
