"""Browser journeys through the organisation pages: units, staff, the staff import, locked logins."""

import datetime
import re

import pytest
from openpyxl import load_workbook
from playwright.sync_api import expect

from tests.e2e.conftest import nav_click
from tests.factories import (
    PersonFactory,
    UnitFactory,
    UserFactory,
    make_office_user,
    make_staff_xlsx,
    make_unit_head,
)
from units.models import Person, Unit

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

# The unit field alone (not "Mã đơn vị"...); a label's text is matched unnormalised, and a required
# field's label ends with crispy's "*".
UNIT_LABEL = re.compile(r"^\s*Đơn vị\*?\s*$")


def _named(text):
    """An accessible name that is exactly the text: Chromium counts an icon font's glyph in the name."""
    return re.compile(rf"^\W*{re.escape(text)}$")


def _search_staff(page, text):
    expect(page.get_by_label("Tìm kiếm")).to_be_visible()  # the search box is always shown
    page.get_by_label("Tìm kiếm").fill(text)
    page.get_by_role("button", name=_named("Tìm")).click()


def test_office_creates_a_unit_and_a_staff_member_and_is_told_of_a_duplicate_code(login):
    make_office_user(username="vanphong")

    page = login("vanphong")
    nav_click(page, "Đơn vị")
    page.get_by_role("link", name="Thêm đơn vị").click()
    page.get_by_label("Mã đơn vị").fill("TTYT-KB")
    page.get_by_label("Tên đơn vị").fill("Trung tâm Y tế huyện Kim Bảng")
    page.get_by_label("Tên viết tắt").fill("TTYT Kim Bảng")
    page.get_by_label("Loại đơn vị").select_option(label="Trung tâm y tế")
    page.get_by_role("button", name="Lưu").click()

    expect(page.get_by_role("alert")).to_contain_text("Đã thêm đơn vị Trung tâm Y tế huyện Kim Bảng.")
    nav_click(page, "Đơn vị")
    expect(page.locator("#unit-table")).to_contain_text("Trung tâm Y tế huyện Kim Bảng")

    nav_click(page, "Cán bộ")
    _search_staff(page, "Thu Hằng")
    expect(page.locator("#person-table")).to_contain_text("Không có cán bộ nào phù hợp.")
    page.get_by_role("link", name="Thêm cán bộ").click()
    page.get_by_label("Mã cán bộ").fill("KB0001")
    page.get_by_label("Họ và tên").fill("Nguyễn Thị Thu Hằng")
    page.get_by_label("Giới tính").select_option(label="Nữ")
    page.get_by_label("Ngày sinh").fill("05/09/1985")
    page.get_by_label(UNIT_LABEL).select_option(label="Trung tâm Y tế huyện Kim Bảng")
    page.get_by_label("Chức vụ").fill("Điều dưỡng trưởng")
    page.get_by_role("button", name="Lưu").click()

    expect(page.get_by_role("alert")).to_contain_text("Đã thêm cán bộ Nguyễn Thị Thu Hằng.")
    person = Person.objects.get(staff_code="KB0001")
    assert person.birth_date == datetime.date(1985, 9, 5)
    assert person.unit == Unit.objects.get(code="TTYT-KB")
    nav_click(page, "Cán bộ")
    _search_staff(page, "Thu Hằng")
    expect(page.locator("#person-table tbody tr")).to_have_count(1)
    expect(page.locator("#person-table")).to_contain_text("05/09/1985")

    page.get_by_role("link", name="Thêm cán bộ").click()
    page.get_by_label("Mã cán bộ").fill("kb0001")
    page.get_by_label("Họ và tên").fill("Trần Văn Bình")
    page.get_by_label("Giới tính").select_option(label="Nam")
    page.get_by_label("Ngày sinh").fill("12/03/1990")
    page.get_by_label(UNIT_LABEL).select_option(label="Trung tâm Y tế huyện Kim Bảng")
    page.get_by_role("button", name="Lưu").click()

    code = page.get_by_label("Mã cán bộ")
    expect(code).to_have_attribute("aria-invalid", "true")
    expect(code).to_have_accessible_description(
        re.compile(r"Mã cán bộ này đã được dùng cho Nguyễn Thị Thu Hằng \(Trung tâm Y tế huyện Kim Bảng\)")
    )
    expect(code).to_have_value("kb0001")
    expect(page.get_by_label("Họ và tên")).to_have_value("Trần Văn Bình")
    expect(page.get_by_label("Ngày sinh")).to_have_value("12/03/1990")
    expect(page.get_by_label(UNIT_LABEL).locator("option:checked")).to_have_text(
        "Trung tâm Y tế huyện Kim Bảng"
    )
    assert not Person.objects.filter(full_name="Trần Văn Bình").exists()


def test_unit_head_sees_and_edits_only_their_own_staff(login, live_server):
    unit = UnitFactory(name="Bệnh viện Đa khoa tỉnh", short_name="BVĐK")
    make_unit_head(unit, username="bvdk")
    PersonFactory(unit=unit, full_name="Lê Thị Mai", position="Điều dưỡng")
    stranger = PersonFactory(
        unit=UnitFactory(name="Trung tâm Kiểm soát bệnh tật", short_name="CDC"), full_name="Phạm Văn Khoa"
    )

    page = login("bvdk")
    nav_click(page, "Cán bộ")

    table = page.locator("#person-table")
    expect(table).to_contain_text("Lê Thị Mai")
    expect(table).not_to_contain_text("Phạm Văn Khoa")
    expect(table).not_to_contain_text("Trung tâm Kiểm soát bệnh tật")

    response = page.goto(f"{live_server.url}{stranger.get_absolute_url()}")
    assert response.status == 404
    expect(page.get_by_text("Phạm Văn Khoa")).to_have_count(0)
    response = page.goto(f"{live_server.url}/units/staff/{stranger.pk}/edit/")
    assert response.status == 404
    expect(page.get_by_text("Phạm Văn Khoa")).to_have_count(0)

    page.goto(f"{live_server.url}/units/staff/")  # the 404 page has no menu to go back with
    page.get_by_role("link", name="Lê Thị Mai").click()
    page.get_by_role("link", name=_named("Sửa")).click()
    page.get_by_label("Chức vụ").fill("Điều dưỡng trưởng khoa")
    page.get_by_label("Ngày sinh").fill("20/11/1988")
    page.get_by_role("button", name="Lưu").click()

    expect(page.get_by_role("alert")).to_contain_text("Đã lưu thay đổi của cán bộ Lê Thị Mai.")
    mai = Person.objects.get(full_name="Lê Thị Mai")
    assert (mai.position, mai.birth_date) == ("Điều dưỡng trưởng khoa", datetime.date(1988, 11, 20))
    stranger.refresh_from_db()
    assert stranger.full_name == "Phạm Văn Khoa"


def test_office_imports_staff_from_the_excel_template(login, live_server, tmp_path):
    make_office_user(username="vanphong")
    UnitFactory(code="BVDK-TINH", name="Bệnh viện Đa khoa tỉnh")
    UnitFactory(code="CDC", name="Trung tâm Kiểm soát bệnh tật")
    upload = tmp_path / "can-bo.xlsx"
    upload.write_bytes(
        make_staff_xlsx(
            [
                ["NK0001", "Đặng Thị Ngọc Ánh", "Nữ", "14/02/1987", "BVDK-TINH", "Bác sĩ", "", "", "", ""],
                ["NK0002", "Hoàng Văn Đức", "Nam", "03/10/1979", "BVDK-TINH", "Trưởng khoa", "", "", "", ""],
                ["NK0003", "Vũ Thị Hương", "Nữ", "21/07/1992", "CDC", "Kỹ thuật viên", "", "", "", ""],
            ]
        )
    )

    page = login("vanphong")
    # The person list has no link to the import page: it is opened by its address.
    page.goto(f"{live_server.url}/units/staff/import/")
    with page.expect_download() as download_info:
        page.get_by_role("link", name="Tải mẫu").click()
    download = download_info.value

    assert download.suggested_filename == "mau-nhap-can-bo.xlsx"
    saved = tmp_path / download.suggested_filename
    download.save_as(saved)
    template = load_workbook(saved, read_only=True)
    assert "Cán bộ" in template.sheetnames
    page.get_by_label("Tệp Excel (.xlsx)").set_input_files(upload)
    page.get_by_role("button", name="Tải lên và kiểm tra").click()

    expect(page.get_by_role("heading", name="Kết quả kiểm tra tệp cán bộ")).to_be_visible()
    expect(page.locator("#staff-import-counts")).to_contain_text("Cán bộ mới")
    expect(page.get_by_role("status")).to_contain_text("Cả 3 dòng đều hợp lệ.")
    expect(page.locator("#staff-import-rows tbody tr")).to_have_count(3)
    assert not Person.objects.filter(staff_code__startswith="NK").exists()  # nothing before the confirm
    page.get_by_role("button", name=_named("Nhập")).click()

    expect(page.get_by_role("alert")).to_contain_text("Đã nhập 3 cán bộ mới, cập nhật 0 cán bộ.")
    expect(page.locator("#person-table")).to_contain_text("Đặng Thị Ngọc Ánh")
    assert Person.objects.filter(staff_code__startswith="NK").count() == 3
    assert Person.objects.get(staff_code="NK0002").birth_date == datetime.date(1979, 10, 3)


def test_a_staff_member_who_left_cannot_log_in(login, live_server):
    make_office_user(username="vanphong")
    person = PersonFactory(full_name="Bùi Quang Huy")
    UserFactory(username="quanghuy", person=person)

    page = login("vanphong")
    page.goto(f"{live_server.url}{person.get_absolute_url()}")
    page.get_by_role("link", name="Nghỉ, chuyển công tác").click()
    page.get_by_role("button", name="Xác nhận").click()
    expect(page.get_by_role("alert")).to_contain_text("Đã ghi nhận cán bộ Bùi Quang Huy ngừng công tác.")
    page.context.clear_cookies()

    login("quanghuy")

    expect(
        page.get_by_text("Tên đăng nhập hoặc mật khẩu không đúng, hoặc tài khoản đã bị khóa.")
    ).to_be_visible()
    expect(page).to_have_url(re.compile(r"/accounts/login/"))
