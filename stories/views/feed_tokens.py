"""The personal feed token: shown on "Your settings", reset there in two steps (the button
opens an explanation and the button that posts here; stories/account_feeds.html)."""

from django.contrib import messages
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext
from django.views.decorators.http import require_POST

from ..models import FeedToken


def token_for(user):
    """The user's feed token, created the first time it is needed."""
    token, _ = FeedToken.objects.get_or_create(user=user)
    return token


@require_POST
def reset_feed_token(request):
    """A new secret: every feed address with the old one stops working at once."""
    token_for(request.user).reset()
    messages.success(
        request,
        gettext(
            "Your feed links have changed. The old ones no longer work: update your feed reader."
        ),
    )
    return redirect(reverse("account") + "#feeds")
