from wagtail import hooks

from home.panels import ACCOUNT_PANELS_HOOK


@hooks.register(ACCOUNT_PANELS_HOOK)
def api_tokens_panel(request):
    from .components import ApiTokensPanel

    if request.user.is_authenticated:
        return ApiTokensPanel(request)
    return None
