"""Members vote on their phones, the office closes the vote, issues the decision and downloads its PDF."""

import io

import pytest
from playwright.sync_api import expect
from pypdf import PdfReader

from awards.models import Nomination
from council.models import BallotCast
from tests.e2e.conftest import nav_click
from tests.factories import (
    PASSWORD,
    PersonFactory,
    ballots_counted,
    make_council_session,
    make_verified_nomination,
)

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

PHONE = {"width": 390, "height": 844}


def test_members_vote_on_their_phones_and_the_office_issues_the_decision(
    login, page, browser, browser_context_args, live_server
):
    nominee = PersonFactory(full_name="Phạm Thị Thu Hà", position="Điều dưỡng trưởng")
    nomination = make_verified_nomination("LDTT", person=nominee)
    ctx = make_council_session(3, nominations=[nomination], title="Phiên họp xét khen thưởng năm 2025")
    office = ctx.office

    # The office opens the vote.
    login(office.username)
    page.goto(f"{live_server.url}{ctx.session.get_absolute_url()}")
    page.get_by_role("button", name="Mở biểu quyết").click()
    expect(page.locator("#confirm-consequences")).to_be_visible()  # it asks first, in words
    page.get_by_role("button", name="Mở biểu quyết").click()
    expect(page.locator("#session-status")).to_contain_text("Đang biểu quyết")

    # Each member votes from a phone.
    for member in ctx.members:
        phone = browser.new_context(
            **{**browser_context_args, "viewport": PHONE, "is_mobile": True, "has_touch": True}
        )
        mobile = phone.new_page()
        mobile.goto(f"{live_server.url}/accounts/login/")
        mobile.get_by_label("Tên đăng nhập").fill(member.username)
        mobile.get_by_label("Mật khẩu").fill(PASSWORD)
        mobile.get_by_role("button", name="Đăng nhập").click()
        mobile.goto(f"{live_server.url}/council/mine/")
        mobile.get_by_role("link", name="Phiên họp xét khen thưởng năm 2025").click()
        card = mobile.locator(".agenda-item").filter(has_text="Phạm Thị Thu Hà")
        expect(card).to_contain_text("Lao động tiên tiến")
        card.get_by_role("button", name="Đồng ý", exact=True).click()
        expect(mobile.locator("#confirm-consequences")).to_contain_text("ĐỒNG Ý tặng")  # asks first
        mobile.get_by_role("button", name="Xác nhận: Đồng ý").click()
        expect(mobile.locator(".agenda-item").filter(has_text="Phạm Thị Thu Hà")).to_contain_text(
            "Đã bỏ phiếu"
        )
        expect(mobile.get_by_role("button", name="Đồng ý", exact=True)).to_have_count(0)
        assert mobile.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
        phone.close()
    assert BallotCast.objects.count() == 3 == ballots_counted()

    # The office sees only the count, then closes and sees the tally.
    page.reload()
    expect(page.locator("#agenda")).to_contain_text("3/3")
    page.get_by_role("button", name="Kết thúc biểu quyết và kiểm phiếu").click()
    expect(page.locator("#confirm-consequences")).to_be_visible()  # it asks first, in words
    page.get_by_role("button", name="Kết thúc biểu quyết và kiểm phiếu").click()
    expect(page.locator("#session-status")).to_contain_text("Đã kết thúc")
    expect(page.locator("#agenda")).to_contain_text("Thông qua")
    assert Nomination.objects.get(pk=nomination.pk).status == "approved"

    # It issues the decision and downloads its PDF.
    nav_click(page, "Quyết định khen thưởng")
    page.get_by_role("link", name="Ban hành quyết định khen thưởng").click()
    page.get_by_label("Phạm Thị Thu Hà — Lao động tiên tiến 2025").check()
    page.get_by_label("Ngày ký").fill("2026-01-15")
    page.get_by_label("Chức vụ người ký").fill("Giám đốc")
    page.locator("#id_signer_name").fill("Lê Quang Trung")
    page.get_by_role("button", name="Ban hành").click()
    expect(page.locator("#decision-items")).to_contain_text("Phạm Thị Thu Hà")
    expect(page.locator("#decision-items")).to_contain_text("710.000")  # 0,3 × 2.340.000, rounded up

    href = page.locator("#decision-pdf").get_attribute("href")
    response = page.request.get(f"{live_server.url}{href}")
    assert response.ok and response.headers["content-type"] == "application/pdf"
    text = " ".join(" ".join(p.extract_text() for p in PdfReader(io.BytesIO(response.body())).pages).split())
    assert "QUYẾT ĐỊNH" in text and "01/QĐ-SYT" in text and "Phạm Thị Thu Hà" in text
    assert Nomination.objects.get(pk=nomination.pk).status == "decided"
