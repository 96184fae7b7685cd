"""Real-browser fixtures: Debian's Chromium through Playwright's sync API against a live server.

The live server serves static files the way production does (collected, compressed, by WhiteNoise),
so the page weights measured here are what a phone on a slow line downloads.
"""

import os
import re
import shutil
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command
from django.test.utils import override_settings
from playwright.sync_api import sync_playwright
from pytest_django.live_server_helper import LiveServer
from whitenoise import WhiteNoise

from dialogue_portal.accounts.demo import DEMO_PASSWORD

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
VIEWPORTS = {"phone": {"width": 390, "height": 844}, "desktop": {"width": 1280, "height": 900}}
SCREENSHOTS = Path(settings.BASE_DIR) / "test-artifacts" / "screenshots"
TIMEOUT_MS = 15_000


def pytest_collection_modifyitems(config, items):
    here = Path(__file__).parent
    for item in items:
        if here in Path(item.fspath).parents:
            item.add_marker(pytest.mark.browser)


@pytest.fixture(scope="session")
def compressed_static(tmp_path_factory):
    """The static files as `collectstatic` leaves them in production: with .gz (and .br) beside each."""
    root = tmp_path_factory.mktemp("static")
    storages = {**settings.STORAGES, "staticfiles": {"BACKEND": "whitenoise.storage.CompressedStaticFilesStorage"}}
    with override_settings(STATIC_ROOT=root, STORAGES=storages):
        call_command("collectstatic", interactive=False, verbosity=0)
    return root


@pytest.fixture(scope="session")
def live_server(compressed_static):
    """pytest-django's live server, with WhiteNoise in front serving the compressed static files."""
    server = LiveServer("127.0.0.1", start=False)
    server.thread.static_handler = lambda app: WhiteNoise(app, root=compressed_static, prefix=settings.STATIC_URL)
    server.start()
    yield server
    server.stop()


@pytest.fixture(scope="package")
def browser():
    """One Chromium for the browser tests, closed when they end.

    The sync API keeps an asyncio loop open in this thread, which makes Django refuse ORM calls
    from the test ("async context"); nothing else runs on that loop between Playwright calls, so
    the check is switched off for exactly as long as the browser is open.
    """
    previous = os.environ.get("DJANGO_ALLOW_ASYNC_UNSAFE")
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    playwright = sync_playwright().start()
    chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
    yield chromium
    chromium.close()
    playwright.stop()
    if previous is None:
        os.environ.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
    else:
        os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = previous


class Traffic:
    """What a page asked for: requests to other hosts, and the bytes each response carried on the wire."""

    def __init__(self, page, base_url):
        self.page = page
        self.base_url = base_url
        self.foreign: list[str] = []
        self.responses: list = []
        page.on("request", self._request)
        page.on("response", self._response)

    def stop(self):
        self.page.remove_listener("request", self._request)
        self.page.remove_listener("response", self._response)

    def _response(self, response):
        self.responses.append(response)

    def _request(self, request):
        if not request.url.startswith((self.base_url, "data:", "blob:")):
            self.foreign.append(request.url)

    def transferred(self) -> dict[str, int]:
        """Bytes received per URL: headers plus the body as sent (compressed when it was)."""
        sizes = {}
        for response in self.responses:
            size = response.request.sizes()
            sizes[response.url] = size["responseHeadersSize"] + size["responseBodySize"]
        return sizes


@pytest.fixture
def new_page(browser, live_server):
    """``new_page("phone")`` opens a fresh browser context (no cookies) at that viewport."""
    contexts = []

    def make(viewport="desktop"):
        context = browser.new_context(
            viewport=VIEWPORTS[viewport],
            locale="vi-VN",
            timezone_id="Asia/Ho_Chi_Minh",
            base_url=live_server.url,
            accept_downloads=True,
        )
        # Anything not on the live server is refused, and recorded by Visit.
        context.route(re.compile(r"^(?!" + re.escape(live_server.url) + ").*"), lambda route: route.abort())
        context.set_default_timeout(TIMEOUT_MS)
        contexts.append(context)
        return context.new_page()

    yield make
    for context in contexts:
        context.close()


@pytest.fixture
def phone_page(new_page):
    return new_page("phone")


@pytest.fixture
def desktop_page(new_page):
    return new_page("desktop")


@pytest.fixture
def demo(transactional_db):
    """The demo data set (users with password DEMO_PASSWORD), loaded into the live server's database."""
    call_command("seed_demo", stdout=open(os.devnull, "w"))  # noqa: SIM115


def log_in(page, username, password=DEMO_PASSWORD):
    """Log in through the login form, as a person would, and wait for the page after it."""
    page.goto("/accounts/login/")
    page.get_by_label("Tên đăng nhập").fill(username)
    page.get_by_label("Mật khẩu").fill(password)
    page.get_by_role("button", name="Đăng nhập").click()
    page.wait_for_url(lambda url: "/accounts/login/" not in url)


@pytest.fixture
def login():
    return log_in


@pytest.fixture
def screenshots():
    """``shot = screenshots("06-public-outcomes")``; ``shot(page, "step")`` saves NN-step.png for that journey."""

    def for_journey(journey):
        folder = SCREENSHOTS / journey
        shutil.rmtree(folder, ignore_errors=True)
        folder.mkdir(parents=True)
        count = 0

        def shot(page, step):
            nonlocal count
            count += 1
            path = folder / f"{count:02d}-{step}.png"
            page.screenshot(path=path, full_page=True)
            return path

        return shot

    return for_journey
