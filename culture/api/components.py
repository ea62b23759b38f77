"""The "API tokens" panel on "Your settings". Registered in culture/api/wagtail_hooks.py."""

from django.template.loader import render_to_string
from django.utils.safestring import mark_safe
from laces.components import Component

from .forms import NewTokenForm
from .tokens import MAX_TOKENS_PER_USER, tokens_of
from .views import FORM_ATTRIBUTE, NEW_TOKEN_ATTRIBUTE


class ApiTokensPanel(Component):
    """The user's tokens (name, first characters, made, last used), a form for a new one, and
    the new secret, once, right after it is made. One query for the list."""

    template_name = "api/account_tokens.html"
    order = 50

    def __init__(self, request):
        self.request = request

    def get_context_data(self, parent_context=None):
        request = self.request
        user = request.user
        new_token = getattr(request, NEW_TOKEN_ATTRIBUTE, None)
        form = getattr(request, FORM_ATTRIBUTE, None) or NewTokenForm(user=user)
        tokens = list(tokens_of(user))
        return {
            "request": request,
            "csrf_token": (parent_context or {}).get("csrf_token"),
            "tokens": tokens,
            "form": form,
            "new_token": new_token[0] if new_token else None,
            "new_secret": new_token[1] if new_token else None,
            "can_add": len(tokens) < MAX_TOKENS_PER_USER,
        }

    def render_html(self, parent_context=None):
        return mark_safe(
            render_to_string(self.template_name, self.get_context_data(parent_context))
        )
