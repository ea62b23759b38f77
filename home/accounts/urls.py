from django.contrib.auth.decorators import login_not_required
from django.urls import path

from . import views

urlpatterns = [
    path(
        "accounts/oidc/authenticate/",
        login_not_required(views.CompanySignInView.as_view()),
        name="company_sign_in",
    ),
    path(
        "accounts/oidc/callback/",
        login_not_required(views.CompanySignInCallbackView.as_view()),
        name="company_sign_in_callback",
    ),
]
