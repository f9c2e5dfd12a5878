"""Browser journeys: Debian's Chromium driven by Playwright against pytest-django's live server.

Every journey runs with serialized_rollback: the live server needs committed data, and the rows
that data migrations seed (the award catalog, rule sets, schedules) must survive the flush
between transactional tests.
"""

import os
import re

import pytest

from tests.factories import PASSWORD

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = "/usr/bin/chromium"


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    if not os.path.exists(CHROMIUM):
        pytest.exit("Chromium is missing: run `make sysdeps` (apt-get install chromium).", returncode=2)
    return {
        **browser_type_launch_args,
        "executable_path": CHROMIUM,
        "args": [
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
        ],
    }


@pytest.fixture
def browser_context_args(browser_context_args):
    return {**browser_context_args, "locale": "vi-VN", "timezone_id": "Asia/Ho_Chi_Minh"}


@pytest.fixture
def login(page, live_server):
    """Log in through the real form; returns the page on the home screen."""

    def _login(username, password=PASSWORD):
        page.goto(f"{live_server.url}/accounts/login/")
        page.get_by_label("Tên đăng nhập").fill(username)
        page.get_by_label("Mật khẩu").fill(password)
        page.get_by_role("button", name="Đăng nhập").click()
        page.wait_for_load_state("networkidle")
        return page

    return _login


def nav_click(page, name):
    """Follow a link of the main menu, opening the dropdown that holds it when needed."""
    nav = page.get_by_role("navigation", name="Điều hướng chính")
    toggler = nav.locator(".navbar-toggler")
    if toggler.is_visible():
        toggler.click()
    link = nav.get_by_role("link", name=name, exact=True)
    if not link.is_visible():
        # Role locators skip hidden elements: find the closed menu's item by its text instead.
        item = page.locator("a.dropdown-item").filter(has_text=re.compile(rf"^\s*{re.escape(name)}\s*$"))
        nav.locator(".dropdown").filter(has=item).locator(".dropdown-toggle").click()
    link.click()
