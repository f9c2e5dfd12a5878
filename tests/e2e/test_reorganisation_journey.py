"""Browser journey: the office records the merger of two health centres, opens the successor's
award history and sees the predecessor's award under the name it was issued to."""

import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import nav_click
from tests.factories import AwardRecordFactory, UnitFactory, award, make_office_user
from units.enums import UnitKind

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def test_office_records_a_merger_and_sees_the_predecessors_award_on_the_successors_history(login):
    make_office_user(username="vanphong")
    trang_bom = UnitFactory(name="Trung tâm Y tế huyện Trảng Bom", kind=UnitKind.HEALTH_CENTRE)
    UnitFactory(name="Trung tâm Y tế huyện Thống Nhất", kind=UnitKind.HEALTH_CENTRE)
    AwardRecordFactory(
        person=None, unit=trang_bom, award_type=award("TTLDXS"), year=2024, decision_number="88/QĐ-UBND"
    )

    page = login("vanphong")
    nav_click(page, "Sắp xếp, tổ chức lại đơn vị")
    page.get_by_role("link", name="Ghi nhận sắp xếp").click()
    page.get_by_label("Hình thức sắp xếp").select_option(label="Hợp nhất (các đơn vị thành một đơn vị mới)")
    page.get_by_label("Ngày có hiệu lực").fill("01/07/2025")
    page.get_by_label("Số quyết định").fill("1566/QĐ-UBND")
    page.get_by_label("Ngày quyết định").fill("25/06/2025")
    page.get_by_label("Cơ quan ban hành").fill("UBND tỉnh Đồng Nai")
    page.get_by_label("Đơn vị trước sắp xếp").select_option(
        label=["Trung tâm Y tế huyện Trảng Bom", "Trung tâm Y tế huyện Thống Nhất"]
    )
    page.get_by_label("Đơn vị mới").fill("TTYT-KV-TB | Trung tâm Y tế khu vực Trảng Bom")
    # Submitted without the main predecessor first: the form says so at the field, input kept.
    page.get_by_role("button", name="Ghi nhận").click()
    expect(page.locator("#reorganisation-form")).to_contain_text(
        "Chọn đơn vị tiền thân chính mà đơn vị mới tiếp nối chuỗi năm thi đua."
    )
    expect(page.get_by_label("Số quyết định")).to_have_value("1566/QĐ-UBND")
    page.get_by_label("Đơn vị tiền thân chính").select_option(label="Trung tâm Y tế huyện Trảng Bom")
    page.get_by_role("button", name="Ghi nhận").click()

    expect(page.get_by_role("alert")).to_contain_text("Đã ghi nhận")
    expect(page.locator("#reorganisation-facts")).to_contain_text("Trung tâm Y tế khu vực Trảng Bom")
    page.get_by_role("link", name="lịch sử khen thưởng").click()

    records = page.locator("#award-records")
    expect(page.get_by_role("heading", level=1)).to_contain_text("Trung tâm Y tế khu vực Trảng Bom")
    expect(records).to_contain_text("Trung tâm Y tế huyện Trảng Bom")
    expect(records).to_contain_text("đơn vị tiền thân")
    expect(records).to_contain_text("88/QĐ-UBND")
