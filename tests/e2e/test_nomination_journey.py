import pytest
from playwright.sync_api import expect

from awards.models import Nomination
from tests.e2e.conftest import nav_click
from tests.factories import (
    PASSWORD,
    InitiativeFactory,
    PersonFactory,
    add_initiative_author,
    award,
    make_office_user,
    make_pdf_bytes,
    make_unit_head,
)

from .csp import WATCH_CSP

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def test_a_unit_head_files_a_nomination_with_a_dossier_and_the_office_verifies(
    page, login, live_server, tmp_path
):
    head = make_unit_head(username="bvdk")
    nominee = PersonFactory(unit=head.head_of_unit, full_name="Nguyễn Thị Hồng Nhung", position="Điều dưỡng")
    own = InitiativeFactory(title="Quy trình chăm sóc người bệnh thở máy", year=2025)
    add_initiative_author(own, nominee)
    colleague = PersonFactory(unit=head.head_of_unit, full_name="Khúc Thị Nhung")
    add_initiative_author(InitiativeFactory(title="Sáng kiến của đồng nghiệp"), colleague)
    make_office_user(username="vanphong")
    ldtt = award("LDTT")
    pdf = tmp_path / "to-trinh.pdf"
    pdf.write_bytes(make_pdf_bytes())

    page.add_init_script(WATCH_CSP)  # the search and the pick run scripts
    login("bvdk")
    nav_click(page, "Đề nghị khen thưởng")
    page.get_by_role("link", name="Đề nghị cho cá nhân").click()
    page.locator("#id_year").fill("2025")
    # The person is found by typing part of the name without accents, and picked from the matches;
    # Enter in the search box searches rather than saving the form.
    form_url = page.url
    page.get_by_label("Tìm cán bộ theo họ tên").fill("nguyen nhung")
    page.get_by_label("Tìm cán bộ theo họ tên").press("Enter")
    results = page.locator("#person-results")
    expect(results.get_by_role("button")).to_have_count(1)
    assert page.url == form_url
    results.get_by_role("button", name="Nguyễn Thị Hồng Nhung").click()
    expect(results).to_be_empty()
    expect(page.locator("#id_person")).to_have_value(str(nominee.pk))
    # Choosing the person loads their initiatives, and only theirs.
    initiatives = page.locator("#nomination-initiatives")
    expect(initiatives).to_contain_text("Quy trình chăm sóc người bệnh thở máy")
    expect(initiatives).not_to_contain_text("Sáng kiến của đồng nghiệp")
    initiatives.get_by_label("Quy trình chăm sóc người bệnh thở máy (2025)").check()
    assert page.evaluate("window.__violations") == []
    page.locator("#id_award_type").select_option(str(ldtt.pk))
    page.locator("#id_achievements").fill("Hoàn thành xuất sắc nhiệm vụ chăm sóc người bệnh năm 2025.")
    page.get_by_role("button", name="Lưu đề nghị").click()
    expect(page.locator("#nomination-status")).to_contain_text("Đang soạn")

    for kind in ("TOTRINH", "BIENBAN"):
        page.get_by_role("link", name="Thêm tệp hồ sơ").click()
        page.locator("#id_file").set_input_files(str(pdf))
        page.locator("#upload-queue li").nth(0).locator("select").select_option(kind)
        page.get_by_role("button", name="Tải lên").click()
        page.wait_for_url("**/awards/nominations/*/")
    expect(page.locator("#dossier-files")).to_contain_text("Biên bản họp xét")
    page.get_by_role("button", name="Gửi đề nghị").click()

    expect(page.locator("#nomination-status")).to_contain_text("Đã gửi")
    nomination = Nomination.objects.get(person=nominee)
    assert nomination.files.count() == 2
    assert list(nomination.proposed_initiatives.all()) == [own]

    page.context.clear_cookies()
    login("vanphong")
    page.goto(f"{live_server.url}/awards/nominations/verify/")
    page.get_by_role("link", name="Nguyễn Thị Hồng Nhung").click()
    nomination.refresh_from_db()
    if nomination.eligibility == "not_eligible":  # going against the rules' verdict is written down
        page.get_by_label("Lý do vẫn thẩm định đạt dù không đủ điều kiện").fill("Giám đốc Sở đồng ý.")
    page.get_by_role("button", name="Thẩm định đạt").click()

    expect(page.locator("#nomination-status")).to_contain_text("Đã thẩm định")
    expect(page.locator("#events")).to_contain_text("Đã gửi → Đã thẩm định")
    nomination.refresh_from_db()
    assert nomination.status == "verified"


def test_without_javascript_the_search_button_offers_the_matches_in_the_field(browser, live_server):
    head = make_unit_head(username="bvdk")
    nominee = PersonFactory(unit=head.head_of_unit, full_name="Nguyễn Thị Hồng Nhung", position="Điều dưỡng")
    PersonFactory(unit=head.head_of_unit, full_name="Khúc Thị Nhung")
    ldtt = award("LDTT")
    context = browser.new_context(java_script_enabled=False, locale="vi-VN")
    page = context.new_page()
    page.goto(f"{live_server.url}/accounts/login/")
    page.get_by_label("Tên đăng nhập").fill("bvdk")
    page.get_by_label("Mật khẩu").fill(PASSWORD)
    page.get_by_role("button", name="Đăng nhập").click()

    page.goto(f"{live_server.url}/awards/nominations/new/?subject=individual")
    page.locator("#id_year").fill("2025")
    page.locator("#id_achievements").fill("Hoàn thành xuất sắc nhiệm vụ năm 2025.")
    page.get_by_label("Tìm cán bộ theo họ tên").fill("nhung")
    page.get_by_role("button", name="Tìm", exact=True).click()

    expect(page.locator("#person-results")).to_contain_text("Tìm thấy 2 cán bộ")
    expect(page.locator("#id_achievements")).to_have_value("Hoàn thành xuất sắc nhiệm vụ năm 2025.")
    assert not Nomination.objects.exists()
    page.locator("#id_person").select_option(str(nominee.pk))
    page.locator("#id_award_type").select_option(str(ldtt.pk))
    page.get_by_role("button", name="Lưu đề nghị").click()

    expect(page.locator("#nomination-status")).to_contain_text("Đang soạn")
    assert Nomination.objects.get().person == nominee
    context.close()
