"""The real site in a real browser (marker ``browser``).

The demo site runs as its own process (``manage.py runserver``) on a free loopback port, with
a fresh SQLite database holding the demo content; Playwright drives Debian's Chromium.

Fixtures for browser tests (mark each test module ``pytestmark = pytest.mark.browser``):

- ``site_url``: ``http://127.0.0.1:<port>``, the running demo site (one per test session).
- ``browser``: the launched Chromium; ``context``/``page``: a fresh context per test, so
  each test starts signed out, and ``page.goto("/courses/")`` resolves against ``site_url``.
- ``log_in(page, username="learner")``: signs in through the real log-in form (the demo
  passwords are in ``DEMO_PASSWORDS``).
- ``sign_up(page)``: creates a new learner through the sign-up form and returns the user
  name; tests that change progress use one so they never depend on each other.
- ``demo_pages``: every demo course and lesson URL, read from the running site's catalogue
  and course outlines as the demo learner sees them; ``members_only`` holds those that send
  a visitor to the log-in page, ``public_courses``/``public_lessons`` the others.

The demo database is shared by every browser test: a test that changes what the demo
``learner`` sees (enrols, completes a lesson) should use ``sign_up`` instead. When a test
fails, a screenshot of its page is saved and its path printed with the failure.
"""

import itertools
import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from dataclasses import dataclass
from pathlib import Path

import pytest

from scripts.processes import CHROMIUM, CHROMIUM_ARGS, apt_install
from tests.needs import skip_or_fail

ROOT = Path(__file__).resolve().parents[2]
DEMO_PASSWORDS = {"learner": "elevate-learner", "admin": "elevate-admin"}
NEW_USER_PASSWORD = "a-long-browser-test-password-42"
_new_users = itertools.count(1)


@pytest.fixture(scope="session")
def chromium_path():
    """Debian's Chromium, installed when we are root with apt-get (Playwright cannot download
    its own browsers here). Skips with a reason elsewhere; fails instead in CI."""
    if not Path(CHROMIUM).exists() and os.geteuid() == 0 and shutil.which("apt-get"):
        try:
            apt_install(["chromium"])
        except subprocess.CalledProcessError as error:
            skip_or_fail(f"`apt-get install chromium` failed: {error}")
    if not Path(CHROMIUM).exists():
        skip_or_fail(
            f"needs Chromium at {CHROMIUM} (Debian package `chromium`; "
            "the browser tests install it themselves when run as root)"
        )
    return CHROMIUM


# The site under test --------------------------------------------------------------------


def _free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _manage(args, env, log):
    command = [sys.executable, "manage.py", *args]
    result = subprocess.run(command, cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT)
    if result.returncode:
        pytest.fail(f"`manage.py {' '.join(args)}` failed; see {log.name}", pytrace=False)


def _wait_until_answers(url, server, log_path, timeout=60):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if server.poll() is not None:
            break
        try:
            with urllib.request.urlopen(url, timeout=2) as response:  # noqa: S310 - loopback
                if response.status == 200:
                    return
        except OSError:
            time.sleep(0.2)
    tail = "\n".join(Path(log_path).read_text(errors="replace").splitlines()[-30:])
    pytest.fail(f"the site did not answer {url} within {timeout} s:\n{tail}", pytrace=False)


@pytest.fixture(scope="session")
def site_url(tmp_path_factory):
    """Run the demo site on a free loopback port for the whole session; stop it afterwards,
    also when a test or the start-up failed."""
    workdir = tmp_path_factory.mktemp("site")
    port = _free_port()
    env = {key: value for key, value in os.environ.items() if key != "CACHE_URL"}
    env.update(
        DJANGO_SETTINGS_MODULE="elevate_site.settings.dev",
        DJANGO_DEBUG="true",  # runserver serves the static files only with DEBUG on
        DJANGO_ALLOWED_HOSTS="127.0.0.1,localhost",
        DATABASE_URL=f"sqlite:///{workdir / 'db.sqlite3'}",
        MEDIA_ROOT=str(workdir / "media"),
        PYTHONUNBUFFERED="1",
    )
    log_path = workdir / "site.log"
    with open(log_path, "w") as log:
        _manage(["migrate", "--noinput"], env, log)
        _manage(["seed_demo"], env, log)
        server = subprocess.Popen(  # noqa: S603 - our own manage.py, fixed arguments
            [sys.executable, "manage.py", "runserver", "--noreload", f"127.0.0.1:{port}"],
            cwd=ROOT,
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
    url = f"http://127.0.0.1:{port}"
    try:
        _wait_until_answers(f"{url}/", server, log_path)
        yield url
    finally:
        server.terminate()
        try:
            server.wait(timeout=10)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()


# The browser ----------------------------------------------------------------------------


@pytest.fixture(scope="package")
def browser(chromium_path):
    """One Chromium for the browser tests. Package scope, not session: while Playwright's
    sync API is started it marks an event loop as running, and Django then refuses ORM calls
    in any database test that runs after these in the same session."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium_path, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def context(browser, site_url):
    """A fresh browser context per test: no cookies, so each test starts signed out."""
    context = browser.new_context(base_url=site_url, viewport={"width": 1280, "height": 900})
    context.set_default_timeout(10_000)
    yield context
    context.close()


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item, call):
    report = yield
    if report.when == "call":
        item.browser_test_failed = report.failed
    return report


@pytest.fixture
def page(context, request, tmp_path_factory):
    """A page in the test's own context; screenshotted when the test fails."""
    page = context.new_page()
    yield page
    if getattr(request.node, "browser_test_failed", False) and not page.is_closed():
        path = tmp_path_factory.mktemp("screenshots") / f"{request.node.name}.png"
        page.screenshot(path=path, full_page=True)
        print(f"screenshot of {page.url} at failure: {path}")


def _log_in(page, username="learner", password=None):
    page.goto("/accounts/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", password or DEMO_PASSWORDS[username])
    with page.expect_navigation():
        page.click("form[action='/accounts/login/'] button[type=submit]")
    assert "/accounts/login/" not in page.url, f"log-in as {username!r} failed"


@pytest.fixture
def log_in():
    """``log_in(page, username="learner", password=None)``: sign in through the log-in form.
    Lands on the page the form redirects to ("My learning")."""
    return _log_in


@pytest.fixture
def sign_up():
    """``sign_up(page)``: create a new learner through the sign-up form; returns the user
    name. The page lands on "My learning" with a welcome message."""

    def sign_up(page):
        username = f"browser{os.getpid()}x{next(_new_users)}"
        page.goto("/accounts/signup/")
        page.fill("#id_username", username)
        page.fill("#id_display_name", f"Browser Tester {username[-4:]}")
        page.fill("#id_email", f"{username}@example.com")
        page.fill("#id_password1", NEW_USER_PASSWORD)
        page.fill("#id_password2", NEW_USER_PASSWORD)
        with page.expect_navigation():
            page.click("form[action='/accounts/signup/'] button[type=submit]")
        assert "/accounts/signup/" not in page.url, f"sign-up as {username!r} failed"
        return username

    return sign_up


# The demo content, read from the running site --------------------------------------------


@dataclass(frozen=True)
class DemoPages:
    courses: list  # absolute URLs, in catalogue order
    lessons: list  # absolute URLs, course by course in outline order
    members_only: frozenset  # the URLs above that send a visitor to the log-in page

    @property
    def public_courses(self):
        return [url for url in self.courses if url not in self.members_only]

    @property
    def public_lessons(self):
        return [url for url in self.lessons if url not in self.members_only]


@pytest.fixture(scope="package")
def demo_pages(browser, site_url):
    """Every course in the catalogue (all of its pages) and every lesson in their outlines,
    read from the running site as the demo learner sees them; and which of them are for
    members only (a visitor is redirected to log in)."""
    context = browser.new_context(base_url=site_url)
    page = context.new_page()
    _log_in(page, "learner")
    hrefs = "links => links.map(a => a.href)"
    courses, url = [], f"{site_url}/courses/"
    while url:
        page.goto(url)
        courses += page.locator(".card-title a").evaluate_all(hrefs)
        url = (page.locator("a[rel=next]").evaluate_all(hrefs) or [None])[0]
    lessons = []
    for course in courses:
        page.goto(course)
        found = page.locator(".outline a").evaluate_all(hrefs)
        lessons += [lesson for lesson in found if lesson not in lessons]
    context.close()
    assert courses and lessons, "the demo site lists no courses or lessons"
    visitor = browser.new_context()
    members_only = frozenset(
        url for url in courses + lessons if visitor.request.get(url, max_redirects=0).status != 200
    )
    visitor.close()
    return DemoPages(courses=courses, lessons=lessons, members_only=members_only)
