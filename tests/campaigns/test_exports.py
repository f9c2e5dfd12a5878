import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from tests.factories import (
    PersonFactory,
    RegistrationFactory,
    RegistrationRoundFactory,
    UnitFactory,
    add_collective_line,
    add_individual_line,
    make_office_user,
)
from units.xlsx import is_formula

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "text",
    ['=HYPERLINK("http://x")', "=1", "@SUM(A1)", "+A1", "-2+3+cmd|' /C calc'!A0", "+84-251-3822", "-SUM(1)"],
)
def test_text_a_spreadsheet_would_evaluate_is_a_formula(text):
    assert is_formula(text)


@pytest.mark.parametrize(
    "text",
    ["+84 251 3822 123", "-", "- Khen thưởng đột xuất", "-5", "+84", "@nguyenvana", "Nguyễn Văn An", "="],
)
def test_a_phone_number_a_dash_or_a_name_is_not_a_formula(text):
    assert not is_formula(text)


def test_consolidated_excel_is_read_back_cell_by_cell(client):
    round_ = RegistrationRoundFactory()
    hospital = UnitFactory(name="Bệnh viện Đa khoa Đồng Nai", order=1)
    ward = UnitFactory(name="Khoa Cấp cứu", parent=hospital, department=True)
    reg = RegistrationFactory(round=round_, unit=hospital, submitted=True)
    add_collective_line(reg, ward, "TTLDXS")
    add_individual_line(
        reg, PersonFactory(unit=ward, full_name="Nguyễn Thị Ánh", gender="F", position="Điều dưỡng"), "LDTT"
    )
    add_individual_line(
        reg,
        PersonFactory(unit=hospital, full_name="=cmd|' /C calc'!A0", gender="M", position="Bác sĩ"),
        "CSTDCS",
    )
    client.force_login(make_office_user())

    response = client.get(reverse("campaigns:consolidated-xlsx", args=[round_.pk]))

    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    wb = load_workbook(io.BytesIO(response.content))
    assert wb.sheetnames == ["Tập thể", "Cá nhân"]

    col = wb["Tập thể"]
    assert [c.value for c in col[1]] == [
        "STT", "Đơn vị đăng ký", "Tập thể", "Danh hiệu / hình thức đăng ký",
        "Trạng thái bản đăng ký", "Ghi chú",
    ]  # fmt: skip
    assert all(c.font.bold for c in col[1])
    assert col.freeze_panes == "A2"
    assert col.column_dimensions["B"].width == 36
    assert [c.value for c in col[2]] == [
        1, "Bệnh viện Đa khoa Đồng Nai", "Khoa Cấp cứu", "Tập thể lao động xuất sắc",
        "Đã gửi, chờ duyệt", None,
    ]  # fmt: skip
    assert col["A3"].value == "Tổng cộng"
    assert col["C3"].value == "1 tập thể"
    assert col["A3"].font.bold
    assert col.max_row == 3

    ind = wb["Cá nhân"]
    assert [c.value for c in ind[1]][:7] == [
        "STT", "Họ và tên", "Giới tính", "Chức vụ", "Khoa, phòng / đơn vị", "Đơn vị đăng ký",
        "Danh hiệu / hình thức đăng ký",
    ]  # fmt: skip
    assert ind.freeze_panes == "A2"
    rows = [[c.value for c in row][:7] for row in ind.iter_rows(min_row=2, max_row=3)]
    assert rows == [
        [1, "Nguyễn Thị Ánh", "Nữ", "Điều dưỡng", "Khoa Cấp cứu", "Bệnh viện Đa khoa Đồng Nai",
         "Lao động tiên tiến"],
        [2, "=cmd|' /C calc'!A0", "Nam", "Bác sĩ", "Bệnh viện Đa khoa Đồng Nai",
         "Bệnh viện Đa khoa Đồng Nai", "Chiến sĩ thi đua cơ sở"],
    ]  # fmt: skip
    assert ind["B2"].data_type == "s"
    assert ind["B3"].data_type == "s"
    assert ind["B3"].quotePrefix and not ind["B2"].quotePrefix
    assert (ind["A4"].value, ind["B4"].value) == ("Tổng cộng", "2 cá nhân")


def test_the_export_follows_the_screen_filters(client):
    round_ = RegistrationRoundFactory()
    a = RegistrationFactory(round=round_, accepted=True)
    b = RegistrationFactory(round=round_, submitted=True)
    add_individual_line(a)
    add_individual_line(b)
    client.force_login(make_office_user())

    response = client.get(reverse("campaigns:consolidated-xlsx", args=[round_.pk]), {"status": "accepted"})

    sheet = load_workbook(io.BytesIO(response.content))["Cá nhân"]
    assert sheet["F2"].value == a.unit.name
    assert sheet["A3"].value == "Tổng cộng"
