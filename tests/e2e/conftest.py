"""Browser tests: Playwright driving Debian's Chromium (/usr/bin/chromium).

Playwright cannot download its own browser here, so it is pointed at the system one. Without
that browser the tests are skipped with a reason, except where ``WIJK_REQUIRE_E2E=1`` (CI):
there a missing browser is an error.
"""

import os
import shutil

import pytest

# Playwright runs an event loop in this thread; the ORM in the same test is still synchronous.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = os.environ.get("WIJK_CHROMIUM", "/usr/bin/chromium")


def _have_browser() -> bool:
    return os.path.exists(CHROMIUM) or shutil.which(CHROMIUM) is not None


def pytest_collection_modifyitems(config, items):
    if _have_browser():
        return
    if os.environ.get("WIJK_REQUIRE_E2E"):
        raise pytest.UsageError(f"WIJK_REQUIRE_E2E is set but no browser at {CHROMIUM}")
    skip = pytest.mark.skip(reason=f"no Chromium at {CHROMIUM} (apt-get install chromium)")
    for item in items:
        if "e2e" in item.keywords:
            item.add_marker(skip)


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    return {
        **browser_type_launch_args,
        "executable_path": CHROMIUM,
        "args": [
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--no-first-run",
        ],
    }


@pytest.fixture
def browser_context_args(browser_context_args):
    return {**browser_context_args, "locale": "nl-NL", "viewport": {"width": 390, "height": 844}}
