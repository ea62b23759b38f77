"""Each person's language: the one they chose in "Your settings", or else their browser's.

The choice is stored where Wagtail keeps it for the admin (`UserProfile.preferred_language`), so
one choice serves the site, the admin and the emails sent to that person. It is copied into the
session at sign-in, so that reading it costs no query per page; `PersonalLanguageMiddleware`
activates it on every request after Django's LocaleMiddleware has read the browser's.
"""

from contextlib import contextmanager

from django import forms
from django.conf import settings
from django.utils import translation
from django.utils.translation import gettext_lazy as _
from wagtail.users.models import UserProfile

SESSION_KEY = "own_it_language"


def codes():
    return [code for code, _name in settings.LANGUAGES]


def stored_language(user):
    """The language `user` chose, or "" for "my browser's"; never creates a profile."""
    if user is None or not user.pk:
        return ""
    code = UserProfile.objects.filter(user=user).values_list("preferred_language", flat=True)
    code = code.first() or ""
    return code if code in codes() else ""


def language_for(user):
    """The language to write to `user` in when there is no request (emails): their choice, or
    the site's default language (a background worker has no browser to ask)."""
    return stored_language(user) or settings.LANGUAGE_CODE


@contextmanager
def speaking_to(user):
    """Render what is inside in `user`'s language (an email's subject and body)."""
    with translation.override(language_for(user)):
        yield


def remember_at_sign_in(sender, request, user, **kwargs):
    """user_logged_in: the stored choice applies from the first page after signing in."""
    if request is not None and hasattr(request, "session"):
        request.session[SESSION_KEY] = stored_language(user)


def activate_for(request):
    """Activate the language `request`'s user chose, if they chose one (see the middleware)."""
    if not request.user.is_authenticated:
        return
    code = request.session.get(SESSION_KEY, "")
    if code in codes():
        translation.activate(code)
        request.LANGUAGE_CODE = code


class LanguageForm(forms.Form):
    """The language chooser on "Your settings"."""

    language = forms.ChoiceField(
        label=_("Language"),
        required=False,
        widget=forms.RadioSelect,
        help_text=_("Pages, emails and the admin use this language."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Each language is named in its own words, so that a reader who cannot read the current
        # one still finds theirs.
        self.fields["language"].choices = [("", _("The language of my browser"))] + [
            (code, translation.get_language_info(code)["name_local"]) for code in codes()
        ]

    def save(self, request):
        code = self.cleaned_data["language"]
        profile = UserProfile.get_for_user(request.user)
        profile.preferred_language = code
        profile.save(update_fields=["preferred_language"])
        request.session[SESSION_KEY] = code
        # The rest of this request (the confirmation message) speaks the new language.
        translation.activate(code or translation.get_language_from_request(request))
        return code
