"""Browser tests (issue #9): Playwright drives Debian's Chromium, headless, against
pytest-django's live server (a real server thread on a free port).

The browser comes from Debian's ``chromium`` package (``scripts/services/chromium.sh
ensure``, run by ``./scripts/test``): Playwright's own browser download cannot reach
its servers on our machines, so it is never used. Without the browser the tests skip
on a laptop, loudly, and FAIL under CI=true, where a missing browser is a broken
environment.

Portals are chosen by Host, as in production: ``http://<unit slug>.localhost:<port>/``
(``PORTAL_ALIAS_DOMAIN`` is ``localhost`` in settings.test; Chromium is told to map
every ``*.localhost`` name to 127.0.0.1, where the live server listens).

Each step's screenshot is kept in ``artifacts/browser/<test>/<NN>-<step>.png``
(``artifacts/`` is git-ignored), plus ``failure.png`` when a test fails.
"""

import os
import re
import shutil
from pathlib import Path

import pytest
from django.conf import settings
from django.db import connection, connections
from playwright.sync_api import sync_playwright

ARTIFACTS = Path(settings.BASE_DIR) / "artifacts" / "browser"
# The same search order as scripts/services/chromium.sh.
CHROMIUM_CANDIDATES = ("/usr/bin/chromium", "/usr/lib/chromium/chromium", "/usr/bin/chromium-browser")
# The password tests/factories.py gives every user.
PASSWORD = "pw"
# Generous: two cores are shared with other work, and Wagtail's admin JS is heavy.
TIMEOUT_MS = 30_000


def in_ci() -> bool:
    return os.environ.get("CI") in ("true", "1")


def chromium_path() -> str | None:
    for candidate in (os.environ.get("CHROMIUM_PATH"), *CHROMIUM_CANDIDATES):
        if candidate and os.access(candidate, os.X_OK):
            return candidate
    return None


def require_browser() -> str:
    """The browser binary; skip without it, except in CI, where its absence fails."""
    path = chromium_path()
    if path is None:
        message = "Debian's chromium is not installed (scripts/services/chromium.sh ensure, as ./scripts/test does)"
        if in_ci():
            pytest.fail(f"CI=true: {message}")
        pytest.skip(f"!!! BROWSER TESTS SKIPPED: {message}")
    return path


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item, call):
    # Lets the ``shots`` fixture see whether the test failed, to keep a last screenshot.
    outcome = yield
    report = outcome.get_result()
    setattr(item, f"browser_report_{report.when}", report)


@pytest.fixture
def browser(monkeypatch):
    """Headless Chromium, one per test."""
    executable = require_browser()
    # Playwright's sync API runs an event loop in this thread; the test's own ORM
    # calls (fixtures, checks between steps) are still plain synchronous code.
    monkeypatch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=executable,
            headless=True,
            args=[
                "--host-resolver-rules=MAP *.localhost 127.0.0.1, MAP localhost 127.0.0.1",
                "--no-sandbox",  # we run as root in CI
                "--disable-dev-shm-usage",
            ],
        )
        try:
            yield browser
        finally:
            browser.close()
            # Playwright marks its event loop as running in this thread between its
            # calls, so the ORM calls of the test (and of this fixture's dependants)
            # got connections that asgiref keeps per async context, not the thread's
            # ones that pytest-django closes: left open, they keep the test database
            # from being dropped at the end of the session. Closed while the loop is
            # still marked running, so that these are the connections closed.
            connections.close_all()


class Portal:
    """URLs of the live server for one portal: ``portal.url("/tim-kiem/")``."""

    def __init__(self, live_server, slug: str):
        port = live_server.url.rsplit(":", 1)[1]
        self.slug = slug
        self.origin = f"http://{slug}.localhost:{port}"

    def url(self, path: str = "/") -> str:
        return self.origin + path


@pytest.fixture
def portal_url(live_server):
    """``portal_url("sotuphap", "/tin-tuc/")`` → http://sotuphap.localhost:<port>/tin-tuc/."""

    def url(slug: str, path: str = "/") -> str:
        return Portal(live_server, slug).url(path)

    return url


class Shots:
    """Numbered screenshots of a test's steps: ``shots.take(page, "logged-in")``."""

    def __init__(self, folder: Path):
        self.folder = folder
        self.count = 0
        self.last_page = None

    def take(self, page, step: str) -> Path:
        self.count += 1
        self.last_page = page
        path = self.folder / f"{self.count:02d}-{step}.png"
        page.screenshot(path=str(path), full_page=True)
        return path


@pytest.fixture
def shots(request):
    folder = ARTIFACTS / re.sub(r"[^\w.-]+", "_", request.node.name)
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    return Shots(folder)


# Wagtail's editor pings this in the background while a page is open. On SQLite the
# live server's threads share one in-memory connection, and a ping that meets another
# request's write fails with "database table is locked": an artefact of the test
# database, not of the application, so it is not counted there (on PostgreSQL, as in
# CI, it is).
SQLITE_TOLERATED = ("/admin/editing-sessions/",)


def server_error_note(response, errors: list[str]):
    if response.status < 500:
        return
    if connection.vendor == "sqlite" and any(part in response.url for part in SQLITE_TOLERATED):
        return
    errors.append(f"{response.status} {response.request.method} {response.url}")


@pytest.fixture
def new_page(request, browser, shots):
    """A page in a fresh browser context (its own cookies: one person each); when the
    test fails, the page it last used is kept as ``failure.png``. Any server error
    (5xx) a page met fails the test, even when the page carried on."""
    contexts = []
    server_errors = []

    def make():
        context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="vi-VN")
        context.set_default_timeout(TIMEOUT_MS)
        context.on("response", lambda r: server_error_note(r, server_errors))
        contexts.append(context)
        page = context.new_page()
        shots.last_page = page
        return page

    yield make
    report = getattr(request.node, "browser_report_call", None)
    last = shots.last_page
    if report is not None and report.failed and last is not None and not last.is_closed():
        last.screenshot(path=str(shots.folder / "failure.png"), full_page=True)
    for context in contexts:
        context.close()
    assert not server_errors, f"the server answered with errors: {server_errors}"


def admin_login(page, *, origin: str, username: str, shots: Shots | None = None):
    """Log into Wagtail's admin through its login form."""
    page.goto(origin + "/admin/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", PASSWORD)
    if shots:
        shots.take(page, f"login-{username}")
    page.click("form [type=submit]")
    page.wait_for_url(re.compile(r"/admin/$"))
