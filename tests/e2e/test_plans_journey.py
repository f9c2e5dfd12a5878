"""Browser journeys through plans: import a real plan from its text, issue it, print it; a unit head
reports progress on the task their unit leads."""

import io
import re
from pathlib import Path

import pytest
from playwright.sync_api import expect
from pypdf import PdfReader

from plans import services
from plans.importer import parse_plan_text
from plans.models import Plan, PlanTask
from tests.e2e.conftest import nav_click
from tests.factories import UnitFactory, make_office_user, make_pdf_bytes, make_unit_head

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

SEEDS = Path(__file__).resolve().parents[1] / "fixtures" / "seeds"
HA_NAM_TITLE = "Công tác thi đua, khen thưởng năm 2022"
INSPECTION_TASK = "Tổ chức các hoạt động kiểm tra, đánh giá thi đua"


def _seed(prefix: str) -> str:
    (path,) = SEEDS.glob(f"{prefix}_*.txt")
    return path.read_text(encoding="utf-8")


def _named(text):
    """An accessible name that is exactly the text: Chromium counts an icon font's glyph in the name."""
    return re.compile(rf"^\W*{re.escape(text)}$")


def _pdf_text(data: bytes) -> str:
    text = " ".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages)
    return re.sub(r"\s+", " ", text)


def test_office_imports_the_ha_nam_plan_issues_it_and_downloads_the_pdf(login, live_server):
    make_office_user(username="vanphong")
    UnitFactory(code="VP-SYT", name="Văn phòng Sở", short_name="VP Sở", kind="office")

    page = login("vanphong")
    nav_click(page, "Kế hoạch")
    page.get_by_role("link", name="Nhập từ văn bản").click()
    page.get_by_label("Nội dung kế hoạch").fill(_seed("003"))
    page.get_by_role("button", name="Đọc và xem trước").click()

    expect(page.get_by_role("heading", name="Xem trước kế hoạch nhập từ văn bản")).to_be_visible()
    expect(page.locator("#count-tasks")).to_have_text("38")
    expect(page.locator("#count-targets")).to_have_text("13")
    expect(page.locator("#plan-import-date-line")).to_contain_text("Hà Nam, ngày … tháng 3 năm 2022")
    expect(page.get_by_label("Ký hiệu")).to_have_value("KH-HĐTĐKT")
    expect(page.get_by_label("Năm kế hoạch")).to_have_value("2022")
    page.get_by_label("Đơn vị chủ trì mặc định").select_option(label="Văn phòng Sở")
    page.get_by_role("button", name="Lưu dự thảo").click()

    expect(page.get_by_role("alert").first).to_contain_text(
        "Đã tạo dự thảo kế hoạch từ văn bản: 38 nhiệm vụ, 13 chỉ tiêu."
    )
    nav_click(page, "Kế hoạch")
    page.get_by_role("link", name=HA_NAM_TITLE).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(HA_NAM_TITLE)
    expect(page.get_by_role("heading", name=re.compile("Nhiệm vụ"))).to_contain_text("38")
    page.get_by_label("Ngày ban hành").fill("2022-03-18")
    page.get_by_role("button", name="Ban hành (cấp số)").click()
    expect(page.locator("#confirm-consequences")).to_be_visible()  # it asks first, in words
    page.get_by_role("button", name="Ban hành (cấp số)").click()

    expect(page.get_by_role("alert").first).to_contain_text("Đã ban hành kế hoạch, Số: 01/KH-HĐTĐKT.")
    expect(page.get_by_role("article", name="Nội dung kế hoạch")).to_contain_text("Số: 01/KH-HĐTĐKT")
    plan = Plan.objects.get(title=HA_NAM_TITLE)
    assert (plan.status, plan.number, plan.issue_month) == ("issued", 1, 3)

    pdf_url = page.get_by_role("link", name=_named("PDF")).get_attribute("href")
    response = page.request.get(f"{live_server.url}{pdf_url}")  # the browser context's session cookie
    assert response.status == 200
    assert response.headers["content-type"] == "application/pdf"
    body = response.body()
    assert body.startswith(b"%PDF")
    text = _pdf_text(body)
    assert "KẾ HOẠCH" in text
    assert "Hà Nam" in text
    assert "Số: 01/KH-HĐTĐKT" in text
    assert "Hà Nam, ngày 18 tháng 3 năm 2022" in text

    with page.expect_download() as download_info:
        page.get_by_role("link", name=_named("DOCX")).click()
    assert download_info.value.suggested_filename == "Kế hoạch 01-KH-HĐTĐKT năm 2022.docx"


@pytest.fixture
def issued_ha_nam(db):
    """Seed 003 imported and issued; the inspection task led by the provincial hospital."""
    office = make_office_user(username="vanphong")
    office_unit = UnitFactory(code="VP-SYT", name="Văn phòng Sở", kind="office")
    hospital = UnitFactory(name="Bệnh viện Đa khoa tỉnh Hà Nam", short_name="BVĐK tỉnh")
    make_unit_head(hospital, username="bvdk")
    plan = services.plan_create_from_parsed(
        parse_plan_text(_seed("003")), by=office, lead_unit_default=office_unit
    )
    services.plan_issue(plan, by=office)
    task = plan.tasks.get(content__startswith=INSPECTION_TASK)
    PlanTask.objects.filter(pk=task.pk).update(lead_unit=hospital)
    return task


def _open_the_inspection_task(page):
    nav_click(page, "Kế hoạch")
    page.get_by_role("link", name="Nhiệm vụ", exact=True).click()
    # The head's list holds the one task their unit leads, not the 37 others of the plan.
    expect(page.get_by_role("link", name="Cập nhật tiến độ")).to_have_count(1)
    row = page.get_by_role("row").filter(has_text=INSPECTION_TASK)
    expect(row).to_contain_text("Quá hạn")  # a 2022 plan: every open task is past its due date
    row.get_by_role("link", name="Cập nhật tiến độ").click()
    expect(page.get_by_role("heading", name="Cập nhật tiến độ nhiệm vụ")).to_be_visible()


def test_unit_head_reports_progress_with_an_evidence_pdf(login, issued_ha_nam):
    page = login("bvdk")
    _open_the_inspection_task(page)

    page.get_by_label("Tình trạng").select_option(label="Hoàn thành")
    page.get_by_label("Kết quả thực hiện").fill("Đã kiểm tra 12 khoa, phòng; biên bản kèm theo.")
    page.get_by_label("Tệp minh chứng").set_input_files(
        {"name": "bien-ban-kiem-tra.pdf", "mimeType": "application/pdf", "buffer": make_pdf_bytes()}
    )
    page.get_by_role("button", name="Lưu tiến độ").click()

    expect(page.get_by_role("alert").first).to_contain_text("Đã cập nhật tiến độ nhiệm vụ.")
    row = page.get_by_role("row").filter(has_text=INSPECTION_TASK)
    expect(row).to_contain_text("Hoàn thành")
    expect(row).not_to_contain_text("Quá hạn")
    expect(row).to_contain_text("Đã kiểm tra 12 khoa, phòng")
    issued_ha_nam.refresh_from_db()
    assert issued_ha_nam.status == "done"
    assert issued_ha_nam.evidence.name.endswith(".pdf")
    assert issued_ha_nam.evidence.read().startswith(b"%PDF")


def test_unit_head_is_told_at_the_field_that_a_renamed_text_file_is_not_a_pdf(login, issued_ha_nam):
    page = login("bvdk")
    _open_the_inspection_task(page)

    page.get_by_label("Tình trạng").select_option(label="Đang thực hiện")
    page.get_by_label("Kết quả thực hiện").fill("Đang tổng hợp biên bản kiểm tra.")
    page.get_by_label("Tệp minh chứng").set_input_files(
        {"name": "bien-ban.pdf", "mimeType": "application/pdf", "buffer": "Biên bản kiểm tra".encode()}
    )
    page.get_by_role("button", name="Lưu tiến độ").click()

    evidence = page.get_by_label("Tệp minh chứng")
    expect(evidence).to_have_attribute("aria-invalid", "true")
    expect(evidence).to_have_accessible_description(
        re.compile(r"Nội dung tệp không phải là PDF hợp lệ: tệp có thể bị hỏng hoặc đã bị đổi đuôi\.")
    )
    expect(page.get_by_label("Kết quả thực hiện")).to_have_value("Đang tổng hợp biên bản kiểm tra.")
    expect(page.get_by_label("Tình trạng").locator("option:checked")).to_have_text("Đang thực hiện")
    issued_ha_nam.refresh_from_db()
    assert (issued_ha_nam.status, issued_ha_nam.progress_note, issued_ha_nam.evidence.name) == (
        "not_started",
        "",
        "",
    )
