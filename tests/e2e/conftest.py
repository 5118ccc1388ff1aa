"""Browser tests: headless Chromium from Debian's `chromium` package driven by Playwright, against
pytest-django's live server, with axe-core (shipped inside axe-playwright-python, run offline) on
every page a test checks.

Playwright's sync API runs an event loop, which makes Django refuse ORM calls from the test
thread; this switch is for the browser tests only.
"""

import contextlib
import os
import shutil
from pathlib import Path
from urllib.parse import urlparse

import pytest

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

from tests.conftest import IN_CI  # noqa: E402

CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
ARTIFACTS = Path(os.environ.get("TEST_ARTIFACTS", "test-artifacts"))
SCREENSHOTS = ARTIFACTS / "screenshots"
WIDTHS = {"phone": (390, 844), "desktop": (1280, 900)}
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
# Without these flags Chromium tries to reach Google's servers at start; this machine has no network.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-default-apps",
    "--disable-features=Translate,OptimizationHints,MediaRouter",
]


def pytest_collection_modifyitems(config, items):
    for item in items:
        if "tests/e2e/" in str(item.fspath).replace(os.sep, "/"):
            item.add_marker(pytest.mark.e2e)


@pytest.fixture(scope="session")
def browser():
    if not (shutil.which(CHROMIUM) or Path(CHROMIUM).exists()):
        reason = f"needs Chromium at {CHROMIUM} (apt-get install chromium)"
        if IN_CI:
            pytest.fail(f"CI must run the browser tests: {reason}")
        pytest.skip(reason)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


class ForeignRequests(list):
    """Every request the page made to a host other than the live server."""


@pytest.fixture
def page(browser, live_server, request):
    context = browser.new_context(base_url=live_server.url, locale="sv-SE", viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.set_default_timeout(10_000)
    own_host = urlparse(live_server.url).netloc
    foreign = ForeignRequests()

    def record(req):
        parsed = urlparse(req.url)
        if parsed.scheme in ("http", "https", "ws", "wss") and parsed.netloc != own_host:
            foreign.append(req.url)

    page.on("request", record)
    page.foreign_requests = foreign
    yield page
    # Let in-flight requests finish before the live server's database is flushed.
    with contextlib.suppress(Exception):  # a page still busy at the end is not the test's subject
        page.wait_for_load_state("networkidle", timeout=3_000)
    failed = request.node.rep_call.failed if hasattr(request.node, "rep_call") else False
    if failed:
        ARTIFACTS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(ARTIFACTS / f"{request.node.name}.png"), full_page=True)
    context.close()
    assert not foreign, f"the page made requests to other hosts: {foreign}"


@pytest.hookimpl(hookwrapper=True, tryfirst=True)
def pytest_runtest_makereport(item, call):
    outcome = yield
    report = outcome.get_result()
    setattr(item, f"rep_{report.when}", report)


def assert_accessible(page, *, context: str = "") -> None:
    """Run axe-core on the page as it is now; fail on any WCAG 2.1 A or AA violation."""
    from axe_playwright_python.sync_playwright import Axe

    results = Axe().run(page, options={"runOnly": {"type": "tag", "values": WCAG_TAGS}})
    if results.violations_count:
        details = []
        for violation in results.response["violations"]:
            targets = [", ".join(node["target"]) for node in violation["nodes"][:5]]
            details.append(f"- {violation['id']} ({violation['impact']}): {violation['help']} at {targets}")
        where = context or page.url
        raise AssertionError(f"axe found WCAG 2.1 A/AA violations on {where}:\n" + "\n".join(details))


@pytest.fixture
def check_a11y():
    return assert_accessible


@pytest.fixture
def sign_in(page):
    """Sign in through the real login form."""

    def _sign_in(email: str, password: str | None = None):
        from tests.factories import PASSWORD

        page.goto("/konto/login/")
        page.locator("input[name=login]").fill(email)
        page.locator("input[name=password]").fill(password or PASSWORD)
        page.locator("main").get_by_role("button", name="Logga in").click()
        page.wait_for_load_state()
        return page

    return _sign_in


def screenshot(page, name: str) -> None:
    """Full-page screenshots of the page as it is, at phone and desktop widths, for a person to look at
    (test-artifacts/screenshots/NAME-phone.png and NAME-desktop.png); the window's size is put back."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    original = page.viewport_size
    for label, (width, height) in WIDTHS.items():
        page.set_viewport_size({"width": width, "height": height})
        page.screenshot(path=str(SCREENSHOTS / f"{name}-{label}.png"), full_page=True)
    page.set_viewport_size(original)


# What sticks out to the right of a narrow window (WCAG 1.4.10: no sideways scrolling).
WIDER_THAN_WINDOW = """() => {
  const width = document.documentElement.clientWidth;
  const wide = [...document.querySelectorAll("body *")].filter(e => e.getBoundingClientRect().right > width + 1);
  return [document.documentElement.scrollWidth, wide.slice(0, 5).map(e => e.tagName + "." + e.className)];
}"""
