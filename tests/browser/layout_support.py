"""Helpers for browser tests that look at a page's layout: the viewport, sideways scrolling,
axe-core, screenshots.

Test modules outside tests/browser import the fixtures too:
`from tests.browser.conftest import browser, signed_in_browser` (pytest finds fixtures in the
module's namespace). Screenshots go to $SHOTS_DIR when it is set (look at them), else to the
test's temporary folder.
"""

import base64
import os
import pathlib
from importlib.resources import files

import pytest
from selenium.webdriver.support.wait import WebDriverWait

PHONE, SMALL_PHONE, DESKTOP = 390, 320, 1280
PHONE_HEIGHT = 844


@pytest.fixture
def viewport(browser):
    """Set the page's size exactly, as a phone (no scroll bar) below 600 px; back afterwards."""

    def set_size(width, height=PHONE_HEIGHT):
        browser.execute_cdp_cmd(
            "Emulation.setDeviceMetricsOverride",
            {"width": width, "height": height, "deviceScaleFactor": 1, "mobile": width < 600},
        )

    yield set_size
    browser.execute_cdp_cmd("Emulation.clearDeviceMetricsOverride", {})


@pytest.fixture
def without_javascript(browser):
    """Pages opened in this test run no script (as with JavaScript turned off)."""
    browser.execute_cdp_cmd("Emulation.setScriptExecutionDisabled", {"value": True})
    yield
    browser.execute_cdp_cmd("Emulation.setScriptExecutionDisabled", {"value": False})


def open_page(browser, url):
    browser.get(url)
    WebDriverWait(browser, 10).until(
        lambda b: b.execute_script("return document.readyState") == "complete"
    )


def sideways_overflow(browser):
    """How many pixels the page is wider than the screen (0 when nothing scrolls sideways).

    A phone browser widens `window.innerWidth` to fit content that overflows, so the page is
    measured against the document's client width, which stays the screen's.
    """
    return browser.execute_script(
        "const root = document.documentElement;"
        "return Math.max(root.scrollWidth - root.clientWidth, root.scrollWidth - innerWidth, 0);"
    )


def too_wide(browser):
    """The elements that stick out past the right edge of the screen, for the failure message."""
    return browser.execute_script(
        "const edge = document.documentElement.clientWidth;"
        "return [...document.querySelectorAll('body *')]"
        ".filter((e) => e.getBoundingClientRect().right > edge + 0.5)"
        ".slice(0, 8).map((e) => e.tagName.toLowerCase() + '.' + e.className);"
    )


def axe_violations(browser, impacts=("serious", "critical")):
    """axe-core's violations on the open page, of the given impacts."""
    browser.execute_script((files("axe_core_python") / "axe.min.js").read_text())
    result = browser.execute_async_script(
        "const done = arguments[arguments.length - 1];"
        "axe.run(document, {resultTypes: ['violations']})"
        ".then((r) => done(r.violations)).catch((e) => done({error: String(e)}));"
    )
    assert not isinstance(result, dict), result
    return [
        (v["id"], v["impact"], [node["target"] for node in v["nodes"]])
        for v in result
        if v["impact"] in impacts
    ]


def shoot(browser, name, tmp_path, full_page=False):
    """A screenshot (of the whole page with full_page), for a person to look at."""
    folder = pathlib.Path(os.environ.get("SHOTS_DIR") or tmp_path)
    folder.mkdir(parents=True, exist_ok=True)
    shot = browser.execute_cdp_cmd(
        "Page.captureScreenshot", {"format": "png", "captureBeyondViewport": full_page}
    )
    path = folder / f"{name}.png"
    path.write_bytes(base64.b64decode(shot["data"]))
    return path
