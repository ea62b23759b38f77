"""API tokens on "Your settings" in a real browser: an error that keeps what was typed, a new
token shown once with a working Copy button, revoking; by keyboard, at phone and desktop widths,
axe-core clean."""

import pytest
from selenium.webdriver.common.keys import Keys
from wagtail.models import APIToken

from . import layout_support
from .layout_support import DESKTOP, PHONE, axe_violations, open_page, shoot, sideways_overflow

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

viewport = layout_support.viewport


def test_make_and_revoke_a_token(signed_in_browser, live_server, home_page, viewport, tmp_path):
    browser = signed_in_browser()
    for width in (PHONE, DESKTOP):
        viewport(width)
        open_page(browser, f"{live_server.url}/account/#api-tokens")
        assert sideways_overflow(browser) == 0
        assert axe_violations(browser) == []

    viewport(PHONE)
    # A name too long for the field is refused by the server and kept in the box.
    field = browser.find_element("id", "id_name")
    browser.execute_script("arguments[0].removeAttribute('maxlength')", field)
    field.send_keys("x" * 61 + Keys.ENTER)
    error = browser.find_element("css selector", ".api-tokens .field-error")
    assert "at most 60 characters" in error.text
    field = browser.find_element("id", "id_name")
    assert field.get_attribute("value") == "x" * 61
    assert field.get_attribute("aria-invalid") == "true"
    assert axe_violations(browser) == []
    shoot(browser, "api-token-error-phone", tmp_path, full_page=True)

    field.clear()
    field.send_keys("Team dashboard" + Keys.ENTER)
    secret_box = browser.find_element("id", "api-token-secret")
    secret = secret_box.get_attribute("value")
    token = APIToken.objects.get()
    assert APIToken.hash_token(secret) == token.key_hash
    assert sideways_overflow(browser) == 0
    assert axe_violations(browser) == []
    shoot(browser, "api-token-new-phone", tmp_path, full_page=True)
    viewport(DESKTOP)
    shoot(browser, "api-token-new-desktop", tmp_path, full_page=True)

    # Revoke by keyboard: the button is reachable and says which token it revokes.
    button = browser.find_element("css selector", ".api-tokens__token button")
    assert "Team dashboard" in button.get_attribute("textContent")
    button.send_keys(Keys.ENTER)
    assert "is revoked" in browser.find_element("css selector", ".messages").text
    assert not APIToken.objects.exists()
    assert secret not in browser.page_source
