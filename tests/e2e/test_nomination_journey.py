import pytest
from playwright.sync_api import expect

from awards.models import Nomination
from tests.e2e.conftest import nav_click
from tests.factories import PersonFactory, award, make_office_user, make_pdf_bytes, make_unit_head

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def test_a_unit_head_files_a_nomination_with_a_dossier_and_the_office_verifies(login, live_server, tmp_path):
    head = make_unit_head(username="bvdk")
    nominee = PersonFactory(unit=head.head_of_unit, full_name="Nguyễn Thị Hồng Nhung", position="Điều dưỡng")
    make_office_user(username="vanphong")
    ldtt = award("LDTT")
    pdf = tmp_path / "to-trinh.pdf"
    pdf.write_bytes(make_pdf_bytes())

    page = login("bvdk")
    nav_click(page, "Đề nghị khen thưởng")
    page.get_by_role("link", name="Đề nghị cho cá nhân").click()
    page.locator("#id_year").fill("2025")
    page.locator("#id_person").select_option(str(nominee.pk))
    page.locator("#id_award_type").select_option(str(ldtt.pk))
    page.locator("#id_achievements").fill("Hoàn thành xuất sắc nhiệm vụ chăm sóc người bệnh năm 2025.")
    page.get_by_role("button", name="Lưu đề nghị").click()
    expect(page.locator("#nomination-status")).to_contain_text("Đang soạn")

    for kind in ("TOTRINH", "BIENBAN"):
        page.get_by_role("link", name="Thêm tệp hồ sơ").click()
        page.locator("#id_kind").select_option(kind)
        page.locator("#id_file").set_input_files(str(pdf))
        page.get_by_role("button", name="Tải lên").click()
    expect(page.locator("#dossier-files")).to_contain_text("Biên bản họp xét")
    page.get_by_role("button", name="Gửi đề nghị").click()

    expect(page.locator("#nomination-status")).to_contain_text("Đã gửi")
    nomination = Nomination.objects.get(person=nominee)
    assert nomination.files.count() == 2

    page.context.clear_cookies()
    login("vanphong")
    page.goto(f"{live_server.url}/awards/nominations/verify/")
    page.get_by_role("link", name="Nguyễn Thị Hồng Nhung").click()
    page.get_by_role("button", name="Thẩm định đạt").click()

    expect(page.locator("#nomination-status")).to_contain_text("Đã thẩm định")
    expect(page.locator("#events")).to_contain_text("Đã gửi → Đã thẩm định")
    nomination.refresh_from_db()
    assert nomination.status == "verified"
