from wagtail import hooks

from .panels import MENU_HOOK, MenuItem


@hooks.register(MENU_HOOK)
def home_menu_item(request):
    return MenuItem("Home", "/", order=0)
