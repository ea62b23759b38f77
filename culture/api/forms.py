from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from wagtail.models import APIToken

from .tokens import MAX_TOKENS_PER_USER, tokens_of


class NewTokenForm(forms.Form):
    name = forms.CharField(
        label=_("Name of the new token"),
        max_length=60,
        help_text=_(
            "What it is for, so you know which one to revoke, for example “Team dashboard”."
        ),
        error_messages={"required": _("Give the token a name, for example “Team dashboard”.")},
    )

    def __init__(self, *args, user, **kwargs):
        self.user = user
        super().__init__(*args, **kwargs)

    def clean(self):
        cleaned = super().clean()
        if tokens_of(self.user).count() >= MAX_TOKENS_PER_USER:
            raise forms.ValidationError(
                ngettext(
                    "You have %(count)d token already, the most you can have. Revoke one you no "
                    "longer use first.",
                    "You have %(count)d tokens already, the most you can have. Revoke one you no "
                    "longer use first.",
                    MAX_TOKENS_PER_USER,
                )
                % {"count": MAX_TOKENS_PER_USER}
            )
        return cleaned

    def save(self):
        """The new token and its secret, which exists only in this return value."""
        return APIToken.create_token(user=self.user, name=self.cleaned_data["name"])
