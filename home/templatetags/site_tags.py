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
