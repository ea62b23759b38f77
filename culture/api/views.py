"""Making and revoking personal API tokens on "Your settings" (`ApiTokensPanel`).

A new token's secret is shown in the answer to the form's POST and nowhere else: not in a
redirect's message (messages are kept in the session, which is stored), not in the database (it
keeps a digest). The answer is the settings page itself, never cached.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.http import JsonResponse
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.translation import gettext
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from home.views import account

from .forms import NewTokenForm
from .tokens import tokens_of

# Where the panel finds what this request made or refused.
NEW_TOKEN_ATTRIBUTE = "own_it_new_api_token"
FORM_ATTRIBUTE = "own_it_api_token_form"


@require_POST
@never_cache
def create_token(request):
    form = NewTokenForm(request.POST, user=request.user)
    if not form.is_valid():
        setattr(request, FORM_ATTRIBUTE, form)
        response = account(request)
        response.status_code = 400
        return response
    token, secret = form.save()
    setattr(request, NEW_TOKEN_ATTRIBUTE, (token, secret))
    return account(request)


@require_POST
def revoke_token(request, pk):
    token = get_object_or_404(tokens_of(request.user), pk=pk)
    token.delete()
    messages.success(
        request,
        gettext("The token “%(name)s” is revoked: it no longer works.") % {"name": token.name},
    )
    return redirect(reverse("account") + "#api-tokens")


@login_not_required
def not_found(request, rest=""):
    """Any other address under /api/: a script that mistyped one gets JSON, not a sign-in page.
    It says only where the API is, which the README says too."""
    return JsonResponse(
        {
            "message": gettext(
                "No such API address. The API is at /api/v2/pages/, /api/v2/quotes/ and /api/v2/tags/."
            )
        },
        status=404,
    )
