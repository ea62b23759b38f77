"""`manage.py sync_accounts`: leavers lose access here the day the provider lets them go."""

from io import StringIO

import pytest
from django.contrib.auth import SESSION_KEY, get_user_model
from django.core.management import CommandError, call_command
from django.test import Client

from home.accounts.models import CompanyAccount
from stories.models import FeedToken
from tests.accounts.conftest import company_sign_in

pytestmark = pytest.mark.django_db

User = get_user_model()


def sync(*args):
    out = StringIO()
    call_command("sync_accounts", *args, stdout=out)
    return out.getvalue()


@pytest.fixture
def colleagues(identity_provider):
    """Priya and Tom, each signed in with their company account in a browser of their own."""
    identity_provider.add_person(sub="sub-tom", email="tom@example.com", preferred_username="tom")
    browsers = {}
    for sub in ("f3b1c2d4-0001", "sub-tom"):
        identity_provider.signed_in_as = sub
        browser = Client()
        company_sign_in(browser)
        user = User.objects.get(pk=browser.session[SESSION_KEY])
        FeedToken.objects.create(user=user)
        browsers[sub] = (browser, user)
    return browsers


def test_the_provider_still_knowing_someone_keeps_them(identity_provider, colleagues):
    account = CompanyAccount.objects.get(subject="sub-tom")
    old_token = account.refresh_token

    assert sync() == "2 still known, 0 deactivated, 0 not checked (no refresh token yet).\n"

    account.refresh_from_db()
    assert account.last_checked_at is not None
    # The provider rotates refresh tokens; the new one is kept for tomorrow.
    assert account.refresh_token != old_token
    assert account.refresh_token in identity_provider.refresh_tokens
    assert User.objects.filter(is_active=True, company_account__isnull=False).count() == 2


@pytest.mark.parametrize("how", ["disabled", "deleted"])
def test_a_leaver_is_deactivated_signed_out_and_loses_their_feed(
    identity_provider, colleagues, how
):
    if how == "disabled":
        identity_provider.people["sub-tom"].disabled = True
    else:
        del identity_provider.people["sub-tom"]
    browser, tom = colleagues["sub-tom"]

    output = sync()

    assert "Leaver: tom (sub-tom)" in output
    assert output.endswith("1 still known, 1 deactivated, 0 not checked (no refresh token yet).\n")
    tom.refresh_from_db()
    assert not tom.is_active
    assert browser.get("/").status_code == 302
    assert not FeedToken.objects.filter(user=tom).exists()
    priya_browser, priya = colleagues["f3b1c2d4-0001"]
    assert priya_browser.get("/").status_code == 200


def test_a_leaver_back_at_the_provider_comes_back_at_sign_in(identity_provider, colleagues):
    identity_provider.people["sub-tom"].disabled = True
    sync()
    identity_provider.people["sub-tom"].disabled = False
    identity_provider.signed_in_as = "sub-tom"

    browser = Client()
    company_sign_in(browser)

    _, tom = colleagues["sub-tom"]
    tom.refresh_from_db()
    assert tom.is_active
    assert browser.session[SESSION_KEY] == str(tom.pk)
    assert tom.company_account.left_at is None


def test_an_account_deactivated_in_the_admin_stays_off(identity_provider, colleagues):
    identity_provider.people["sub-tom"].disabled = True
    sync()
    _, tom = colleagues["sub-tom"]
    # Someone reactivates and deactivates it by hand: that decision is not the provider's.
    tom.refresh_from_db()
    tom.is_active = True
    tom.save()
    tom.is_active = False
    tom.save()
    identity_provider.people["sub-tom"].disabled = False
    identity_provider.signed_in_as = "sub-tom"

    browser = Client()
    company_sign_in(browser)

    assert SESSION_KEY not in browser.session
    tom.refresh_from_db()
    assert not tom.is_active


def test_a_provider_that_is_down_deactivates_nobody(identity_provider, colleagues):
    identity_provider.stop()
    with pytest.raises(CommandError, match="Nobody was deactivated"):
        sync()
    assert User.objects.filter(is_active=True, company_account__isnull=False).count() == 2


def test_a_wrong_client_secret_deactivates_nobody(identity_provider, colleagues, settings):
    sync()  # the discovery document is cached; now the secret is wrong
    settings.OIDC_CLIENT_SECRET = "rotated-at-the-provider"
    with pytest.raises(CommandError, match="Nobody was deactivated"):
        sync()
    assert User.objects.filter(is_active=True, company_account__isnull=False).count() == 2


def test_dry_run_and_the_limit_deactivate_nobody(identity_provider, colleagues):
    identity_provider.people["sub-tom"].disabled = True
    identity_provider.people["f3b1c2d4-0001"].disabled = True

    assert "2 would be deactivated" in sync("--dry-run")
    with pytest.raises(CommandError, match="more than --max-leavers=1"):
        sync("--max-leavers", "1")
    assert User.objects.filter(is_active=True, company_account__isnull=False).count() == 2
    assert "2 deactivated" in sync("--max-leavers", "2")


def test_accounts_without_a_refresh_token_are_counted_not_judged(identity_provider, colleagues):
    CompanyAccount.objects.filter(subject="sub-tom").update(sealed_refresh_token="")
    assert sync().endswith("1 still known, 0 deactivated, 1 not checked (no refresh token yet).\n")
