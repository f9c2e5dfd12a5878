import pytest
from playwright.sync_api import expect

from campaigns.models import Registration
from tests.factories import PersonFactory, RegistrationRoundFactory, award, make_office_user, make_unit_head

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def test_a_unit_head_registers_and_submits_and_the_office_accepts(login, live_server):
    head = make_unit_head(username="bvdk")
    unit = head.head_of_unit
    PersonFactory(unit=unit, full_name="Nguyễn Thị Hồng Nhung")
    make_office_user(username="vanphong")
    round_ = RegistrationRoundFactory(name="Đăng ký thi đua năm 2026")
    ldtt, ttldtt = award("LDTT"), award("TTLDTT")

    page = login("bvdk")
    page.get_by_role("link", name="Đăng ký thi đua năm 2026").first.click()
    page.get_by_role("button", name="Lập bản đăng ký thi đua").click()
    page.locator("#id_col-0-unit").select_option(str(unit.pk))
    page.locator("#id_col-0-award_type").select_option(str(ttldtt.pk))
    page.locator("#id_ind-0-person").select_option(label="Nguyễn Thị Hồng Nhung")
    page.locator("#id_ind-0-award_type").select_option(str(ldtt.pk))
    page.get_by_label("Nội dung cam kết, chỉ tiêu phấn đấu").fill(
        "Hoàn thành 100% chỉ tiêu kế hoạch năm 2026."
    )
    page.get_by_role("button", name="Lưu và gửi đăng ký").click()

    expect(page.locator("#registration-status")).to_contain_text("Đã gửi, chờ duyệt")
    expect(page.locator("#individual-lines")).to_contain_text("Nguyễn Thị Hồng Nhung")
    registration = Registration.objects.get(round=round_, unit=unit)

    page.context.clear_cookies()
    login("vanphong")
    page.goto(f"{live_server.url}{registration.get_absolute_url()}")
    page.get_by_role("button", name="Chấp nhận").click()

    expect(page.locator("#registration-status")).to_contain_text("Đã chấp nhận")
    expect(page.locator("#events")).to_contain_text("Đã gửi, chờ duyệt → Đã chấp nhận")
    registration.refresh_from_db()
    assert registration.status == "accepted"
    assert registration.individual_lines.get().award_type == ldtt
