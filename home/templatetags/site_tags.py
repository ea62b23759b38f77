from django import template

from ..panels import menu_items

register = template.Library()


@register.inclusion_tag("includes/main_menu.html", takes_context=True)
def main_menu(context):
    request = context["request"]
    items = menu_items(request)
    return {"items": [(item, item.is_active(request.path)) for item in items]}


@register.simple_tag(takes_context=True)
def render_panel(context, panel):
    return panel.render_html(context)


@register.simple_tag(takes_context=True)
def shows_admin_link(context):
    """Whether the user menu offers "Admin". Asked on every page, so the answer is kept in the
    user's own session; a change of role shows in the menu from their next sign-in (the admin
    itself always checks permissions afresh)."""
    request = context["request"]
    if not request.user.is_authenticated:
        return False
    shown = request.session.get("own_it_shows_admin_link")
    if shown is None:
        shown = request.user.has_perm("wagtailadmin.access_admin")
        request.session["own_it_shows_admin_link"] = shown
    return shown
