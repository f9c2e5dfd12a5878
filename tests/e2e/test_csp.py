"""The main pages work under the Content Security Policy in a real browser: every page is opened
(and its scripts exercised: charts drawn, menus opened, htmx requests, a ballot cast) while every
`securitypolicyviolation` event, console error and page error is collected; there must be none."""

import datetime

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from council.services import session_open_voting
from tests.factories import (
    NominationFactory,
    PersonFactory,
    PlanFactory,
    PlanTaskFactory,
    make_admin,
    make_council_session,
    make_office_user,
    make_unit_head,
    make_verified_nomination,
)

from .csp import WATCH_CSP

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


@pytest.fixture
def watched(page):
    """The page, with every CSP violation, console error and uncaught error it meets recorded."""
    problems = []
    page.add_init_script(WATCH_CSP)
    page.on(
        "console",
        lambda msg: problems.append(f"console {msg.type}: {msg.text}") if msg.type == "error" else None,
    )
    page.on("pageerror", lambda exc: problems.append(f"page error: {exc}"))
    page.on("response", lambda r: problems.append(f"HTTP {r.status}: {r.url}") if r.status >= 400 else None)

    def check(where):
        found = problems + [f"CSP: {v}" for v in page.evaluate("window.__violations || []")]
        problems.clear()
        assert found == [], f"{where}: {found}"

    page.check = check
    return page


def open_and_check(page, url, where):
    page.goto(url)
    page.wait_for_load_state("networkidle")
    header = page.evaluate("document.querySelector('meta[name=htmx-config]') !== null")
    assert header, f"{where}: base layout missing"
    page.check(where)


def test_the_main_pages_raise_no_policy_violation(watched, login, live_server):
    page = watched
    year = timezone.localdate().year - 1
    office = make_office_user(username="vanphong")
    head = make_unit_head(username="bvdk")
    unit = head.head_of_unit
    plan = PlanFactory(year=year, issued=True)
    draft = PlanFactory(year=year + 1)
    for status in ("done", "done", "not_started"):
        PlanTaskFactory(plan=plan, lead_unit=unit, due_date=datetime.date(year, 3, 31), status=status)
    NominationFactory(year=year, person=PersonFactory(unit=unit), status="submitted")
    PersonFactory(unit=unit, full_name="Nguyễn Thị Hồng Nhung")
    nominee = PersonFactory(full_name="Phạm Thị Thu Hà")
    council = make_council_session(3, office=office, nominations=[make_verified_nomination(person=nominee)])
    session_open_voting(council.session, by=office)

    # Anonymous: the login page, and a wrong password.
    open_and_check(page, f"{live_server.url}/accounts/login/", "login")
    page.get_by_label("Tên đăng nhập").fill("vanphong")
    page.get_by_label("Mật khẩu").fill("sai-mat-khau")
    page.get_by_role("button", name="Đăng nhập").click()
    expect(page.locator("main form")).to_contain_text("không đúng")
    page.check("login refused")

    # The office: home (bell polled through htmx, user menu through Bootstrap), dashboard charts, a plan.
    login(office.username)
    open_and_check(page, f"{live_server.url}/", "home")
    page.locator("#user-menu").click()
    expect(page.locator(".dropdown-menu-end")).to_be_visible()
    page.evaluate("htmx.trigger('#notification-bell', 'every 60s')")
    page.wait_for_load_state("networkidle")
    page.check("home: menu and bell")

    open_and_check(page, f"{live_server.url}/reports/dashboard/?year={year}", "dashboard")
    page.wait_for_function(
        "() => window.Chart && Chart.getChart(document.querySelector('canvas[data-chart=tasksByQuarter]'))"
    )
    page.check("dashboard charts")

    open_and_check(page, f"{live_server.url}{plan.get_absolute_url()}", "plan")
    open_and_check(page, f"{live_server.url}/plans/{draft.pk}/edit/", "plan editor")

    # A unit head: the nomination form.
    page.context.clear_cookies()
    login(head.username)
    open_and_check(page, f"{live_server.url}/awards/nominations/new/", "nomination form")
    page.locator("#id_year").fill(str(year))
    page.check("nomination form typed in")

    # A council member: the session page with the ballot, and a vote cast.
    page.context.clear_cookies()
    login(council.members[1].username)
    open_and_check(page, f"{live_server.url}/council/mine/", "my sessions")
    page.get_by_role("link", name=council.session.title).click()
    page.wait_for_load_state("networkidle")
    page.check("vote page")
    card = page.locator(".agenda-item").filter(has_text="Phạm Thị Thu Hà")
    card.get_by_role("button", name="Đồng ý", exact=True).click()
    expect(page.locator("#confirm-consequences")).to_be_visible()
    page.check("ballot confirm page")
    page.get_by_role("button", name="Xác nhận: Đồng ý").click()
    expect(page.locator(".agenda-item").filter(has_text="Phạm Thị Thu Hà")).to_contain_text("Đã bỏ phiếu")
    page.check("vote cast")


def test_the_admin_site_raises_no_policy_violation(watched, login, live_server):
    page = watched
    admin = make_admin(username="quantri")

    login(admin.username)
    open_admin = [
        ("/admin/", "admin index"),
        ("/admin/units/unit/", "admin list"),
        ("/admin/units/unit/add/", "admin form"),
    ]
    for path, where in open_admin:
        page.goto(f"{live_server.url}{path}")
        page.wait_for_load_state("networkidle")
        page.check(where)
    expect(page.locator("#content")).to_be_visible()


def test_a_blocked_inline_script_is_seen_by_the_watch(watched, live_server):
    """The watch itself works: an inline script injected into a served page is reported."""
    page = watched
    page.goto(f"{live_server.url}/accounts/login/")
    page.evaluate(
        """() => { const s = document.createElement("script"); s.textContent = "window.__ran = 1";
                   document.body.appendChild(s); }"""
    )
    page.wait_for_timeout(200)

    violations = page.evaluate("window.__violations")
    assert page.evaluate("window.__ran === undefined")
    assert any(v.startswith("script-src") for v in violations)
