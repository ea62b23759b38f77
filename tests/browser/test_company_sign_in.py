"""Company sign-in in a real browser: the sign-in pages at phone and desktop widths (axe-core
clean), and the round trip to the OpenID Connect provider on 127.0.0.1 and back, out and back."""

import pytest
from selenium.webdriver.support.wait import WebDriverWait

from tests.accounts.conftest import running_provider, signing_key  # noqa: F401 (fixture)
from tests.browser.layout_support import (
    DESKTOP,
    PHONE,
    axe_violations,
    open_page,
    shoot,
    sideways_overflow,
    viewport,  # noqa: F401 (fixture)
)

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


@pytest.fixture
def provider_for_live_server(settings, signing_key, monkeypatch, live_server, home_page):  # noqa: F811
    monkeypatch.setenv("AUTHLIB_INSECURE_TRANSPORT", "1")
    callback = f"{live_server.url}/accounts/oidc/callback/"
    # The provider sends the browser back to BASE_URL after sign-out.
    settings.WAGTAILADMIN_BASE_URL = live_server.url
    with running_provider(settings, signing_key, callback) as provider:
        # What the settings do with OIDC_ISSUER in the environment: forms may post to the
        # provider (sign-out is sent on there).
        for name in ("CONTENT_SECURITY_POLICY", "ADMIN_CONTENT_SECURITY_POLICY"):
            policy = getattr(settings, name)
            directives = {**policy["DIRECTIVES"]}
            directives["form-action"] = [*directives["form-action"], provider.issuer]
            setattr(settings, name, {**policy, "DIRECTIVES": directives})
        yield provider


def test_sign_in_pages_offer_company_sign_in_at_every_width(
    browser,
    live_server,
    provider_for_live_server,
    viewport,  # noqa: F811
    tmp_path,
):
    for path, name in (("/accounts/login/", "site"), ("/admin/login/", "admin")):
        for width in (PHONE, DESKTOP):
            viewport(width)
            browser.delete_all_cookies()
            open_page(browser, f"{live_server.url}{path}")
            button = browser.find_element("link text", "Sign in with your company account")
            assert button.is_displayed()
            assert sideways_overflow(browser) == 0, (path, width)
            assert axe_violations(browser) == [], (path, width)
            shoot(browser, f"company-sign-in-{name}-{width}", tmp_path, full_page=True)


def test_the_round_trip_to_the_provider_and_back(browser, live_server, provider_for_live_server):
    browser.delete_all_cookies()
    open_page(browser, f"{live_server.url}/search/?q=lesson")
    browser.find_element("link text", "Sign in with your company account").click()
    WebDriverWait(browser, 10).until(
        lambda b: b.current_url.startswith(live_server.url + "/search")
    )
    assert browser.current_url == f"{live_server.url}/search/?q=lesson"
    assert browser.find_element("css selector", ".user-menu summary").text == "Priya"

    browser.find_element("css selector", ".user-menu summary").click()
    browser.find_element("css selector", "form[data-sign-out] button").click()
    WebDriverWait(browser, 10).until(lambda b: "/accounts/login/" in b.current_url)
    # The provider's session was ended too, and it sent the browser back to the sign-in page.
    assert len(provider_for_live_server.ended_sessions) == 1
    assert provider_for_live_server.ended_sessions[0]["post_logout_redirect_uri"] == (
        f"{live_server.url}/accounts/login/"
    )
    assert browser.current_url == f"{live_server.url}/accounts/login/"


def test_a_provider_that_is_down_is_explained_on_the_sign_in_page(
    browser,
    live_server,
    provider_for_live_server,
    viewport,  # noqa: F811
    tmp_path,
):
    provider_for_live_server.stop()
    viewport(PHONE)
    browser.delete_all_cookies()
    open_page(browser, f"{live_server.url}/accounts/login/")
    browser.find_element("link text", "Sign in with your company account").click()
    WebDriverWait(browser, 10).until(lambda b: b.find_elements("css selector", ".message--error"))
    message = browser.find_element("css selector", ".message--error").text
    assert "could not be reached" in message
    assert axe_violations(browser) == []
    assert sideways_overflow(browser) == 0
    shoot(browser, "company-sign-in-provider-down-390", tmp_path, full_page=True)
