"""Headless Chromium (Debian's /usr/bin/chromium) driven by Playwright, for use with pytest-django's live_server."""

import os
from pathlib import Path

import pytest

from tests.conftest import perlu_layanan

# Playwright's sync API runs an asyncio event loop in the test thread, and Django refuses ORM calls from a
# thread with a running loop (SynchronousOnlyOperation). The tests really are synchronous, so allow it.
os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"

CHROMIUM = Path("/usr/bin/chromium")
# Without the background-networking switches Chromium keeps calling Google's services, which this
# closed network refuses; --no-sandbox because CI runs as root.
ARGUMEN_CHROMIUM = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


@pytest.fixture(scope="module")
def _chromium():
    if not CHROMIUM.exists():
        perlu_layanan(f"{CHROMIUM} tidak ada (apt-get install chromium)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=ARGUMEN_CHROMIUM)
        yield browser
        browser.close()


@pytest.fixture
def browser_page(_chromium):
    """A fresh browser tab (own cookies) in Indonesian and Gorontalo time; pair it with live_server."""
    context = _chromium.new_context(locale="id-ID", timezone_id="Asia/Makassar")
    page = context.new_page()
    page.set_default_timeout(15_000)
    yield page
    context.close()
