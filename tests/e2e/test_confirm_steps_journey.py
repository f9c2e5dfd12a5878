"""A member's ballot on a phone: choose, read the choice in words, confirm, undo within the seconds,
vote again. The office verifies ticked nominations in bulk through the confirmation page."""

import pytest
from playwright.sync_api import expect

from awards.models import Nomination
from council.models import BallotCast
from council.services import session_open_voting
from tests.awards.builders import evaluate, give, send
from tests.factories import (
    PASSWORD,
    PersonFactory,
    UnitFactory,
    ballots_counted,
    make_council_session,
    make_office_user,
    make_unit_head,
    make_verified_nomination,
)

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

PHONE = {"width": 390, "height": 844}


def test_a_member_confirms_a_ballot_on_a_phone_undoes_it_and_votes_again(
    browser, browser_context_args, live_server
):
    nominee = PersonFactory(full_name="Phạm Thị Thu Hà", position="Điều dưỡng trưởng")
    nomination = make_verified_nomination("LDTT", person=nominee)
    ctx = make_council_session(3, nominations=[nomination], title="Phiên họp xét khen thưởng năm 2025")
    session_open_voting(ctx.session, by=ctx.office)
    member = ctx.members[1]
    phone = browser.new_context(
        **{**browser_context_args, "viewport": PHONE, "is_mobile": True, "has_touch": True}
    )
    page = phone.new_page()
    page.goto(f"{live_server.url}/accounts/login/")
    page.get_by_label("Tên đăng nhập").fill(member.username)
    page.get_by_label("Mật khẩu").fill(PASSWORD)
    page.get_by_role("button", name="Đăng nhập").click()
    page.goto(f"{live_server.url}/council/{ctx.session.pk}/vote/")

    # Choose: a page states the choice in words and writes nothing yet.
    page.locator(".agenda-item").filter(has_text="Phạm Thị Thu Hà").get_by_role(
        "button", name="Không đồng ý"
    ).click()
    consequences = page.locator("#confirm-consequences")
    expect(consequences).to_contain_text(
        "KHÔNG ĐỒNG Ý tặng “Lao động tiên tiến” năm 2025 cho Phạm Thị Thu Hà"
    )
    expect(consequences).to_contain_text("10 giây")
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    assert BallotCast.objects.count() == 0

    # Confirm: counted once; the card offers the undo, counting down.
    page.get_by_role("button", name="Xác nhận: Không đồng ý").click()
    card = page.locator(".agenda-item").filter(has_text="Phạm Thị Thu Hà")
    expect(card).to_contain_text("Đã bỏ phiếu")
    expect(card.locator("[data-undo-text]")).to_contain_text("giây để hoàn tác")
    assert BallotCast.objects.count() == 1 == ballots_counted()
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")

    # Undo within the seconds: the ballot is gone and the buttons are back.
    card.get_by_role("button", name="Hoàn tác phiếu").click()
    expect(page.get_by_text("Đã hoàn tác phiếu của bạn")).to_be_visible()
    assert BallotCast.objects.count() == 0 == ballots_counted()

    # Vote again; once the seconds run out the undo goes away by itself.
    page.locator(".agenda-item").get_by_role("button", name="Đồng ý", exact=True).click()
    page.get_by_role("button", name="Xác nhận: Đồng ý").click()
    expect(page.locator(".agenda-item")).to_contain_text("Đã bỏ phiếu")
    expect(page.get_by_role("button", name="Hoàn tác phiếu")).to_have_count(0, timeout=15_000)
    assert BallotCast.objects.count() == 1 == ballots_counted()
    phone.close()


def test_the_office_ticks_every_nomination_of_the_page_and_verifies_them_after_confirming(
    login, page, live_server
):
    head = make_unit_head(UnitFactory(name="Bệnh viện Đa khoa Đồng Nai"))
    for name in ("Đỗ Minh Khoa", "Trần Thị Lan"):
        person = PersonFactory(unit=head.head_of_unit, full_name=name)
        give(person, "CSTDCS", 2024)
        give(person, "CSTDCS", 2025)
        send(person, "BK_UBND", by=head)
    failing = PersonFactory(unit=head.head_of_unit, full_name="Lê Văn Tùng")
    evaluate(failing, 2025, "HTNV")
    send(failing, "LDTT", by=head)
    office = make_office_user(username="vanphong")
    login(office.username)
    page.goto(f"{live_server.url}/awards/nominations/verify/")

    page.get_by_label("Chọn tất cả trên trang này").check()
    expect(page.locator('input[name="ids"]:checked')).to_have_count(3)
    page.locator("#bulk-nominations").get_by_role("button", name="Thẩm định đạt").click()
    expect(page.locator("h1")).to_contain_text("Thẩm định đạt 3 đề nghị?")
    assert set(Nomination.objects.values_list("status", flat=True)) == {"submitted"}
    page.get_by_role("button", name="Thẩm định đạt 3 đề nghị").click()

    expect(page.get_by_text("Đã thẩm định đạt 2 đề nghị; 1 đề nghị không được: Lê Văn Tùng")).to_be_visible()
    assert sorted(Nomination.objects.values_list("status", flat=True)) == [
        "submitted",
        "verified",
        "verified",
    ]
