"""Admin screen for sign-in lock-outs: the Culture team sees who is locked out and unlocks them."""

from axes.utils import reset
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import TemplateView
from wagtail.admin import messages
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from .roles import CULTURE_TEAM, user_has_role
from .sign_in_throttling import current_lockouts


def can_unlock_sign_ins(user):
    """The Culture team and superusers (user_has_role counts superusers in every role)."""
    return user.is_authenticated and user_has_role(user, CULTURE_TEAM)


class SignInLockoutsView(WagtailAdminTemplateMixin, TemplateView):
    """Lists current lock-outs (GET) and unlocks one account (POST with its username)."""

    template_name = "home/admin/sign_in_lockouts.html"
    page_title = gettext_lazy("Sign-in lock-outs")
    header_icon = "lock"

    def dispatch(self, request, *args, **kwargs):
        # Decided on every request. A plain 403 rather than Wagtail's redirect to the dashboard,
        # so that a refused unlock is never mistaken for a done one.
        if not can_unlock_sign_ins(request.user):
            return TemplateResponse(
                request,
                "home/admin/sign_in_lockouts_forbidden.html",
                self.get_context_data(),
                status=403,
            )
        return super().dispatch(request, *args, **kwargs)

    def get_breadcrumbs_items(self):
        return self.breadcrumbs_items + [{"url": "", "label": self.page_title}]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        if can_unlock_sign_ins(self.request.user):
            context["lockouts"] = current_lockouts()
        return context

    def post(self, request, *args, **kwargs):
        username = request.POST.get("username", "")
        if username:
            # Every address of the account: whoever asked may be trying from another desk.
            reset(username=username)
            messages.success(request, _("%(username)s can sign in again.") % {"username": username})
        return redirect("sign_in_lockouts")
