"""Browser journey: the office writes a công văn to two addressees, issues it and downloads its PDF."""

import io
import re

import pytest
from playwright.sync_api import expect
from pypdf import PdfReader

from plans.models import Letter
from tests.e2e.conftest import nav_click
from tests.factories import AgencyFactory, make_office_user

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def _named(text):
    """An accessible name that is exactly the text: Chromium counts an icon font's glyph in the name."""
    return re.compile(rf"^\W*{re.escape(text)}$")


def test_office_writes_a_letter_to_two_addressees_issues_it_and_downloads_the_pdf(login, live_server):
    AgencyFactory(
        letterhead="UBND TỈNH ĐỒNG NAI\nSỞ Y TẾ", signer_name="Lê Quang Trung", signer_position="Phó Giám đốc"
    )
    make_office_user(username="vanphong")

    page = login("vanphong")
    nav_click(page, "Kế hoạch")
    page.get_by_role("link", name="Công văn").click()
    page.get_by_role("link", name="Soạn công văn mới").click()
    expect(page.get_by_label("Họ tên người ký")).to_have_value("Lê Quang Trung")
    page.get_by_label("Mã đơn vị soạn thảo").fill("TCCB")
    page.get_by_label("Trích yếu (V/v)").fill("đăng ký thi đua năm 2026")
    page.get_by_label("Kính gửi").fill("Các bệnh viện trực thuộc\nCác trung tâm y tế")
    page.locator("#id_body").fill("Sở Y tế đề nghị các đơn vị gửi bản đăng ký thi đua trước ngày 15/3/2026.")
    page.get_by_role("button", name="Lưu công văn").click()

    expect(page.get_by_role("alert").first).to_contain_text("Đã lưu công văn.")
    page.get_by_label("Ngày ban hành").fill("2026-03-05")
    page.get_by_role("button", name="Ban hành (cấp số)").click()
    expect(page.locator("#confirm-consequences")).to_be_visible()  # it asks first, in words
    page.get_by_role("button", name="Ban hành (cấp số)").click()

    expect(page.get_by_role("alert").first).to_contain_text("Đã ban hành công văn, Số: 01/SYT-TCCB.")
    letter = Letter.objects.get()
    assert (letter.status, letter.number) == ("issued", 1)
    pdf_url = page.get_by_role("link", name=_named("PDF")).get_attribute("href")
    response = page.request.get(f"{live_server.url}{pdf_url}")
    assert response.status == 200 and response.headers["content-type"] == "application/pdf"
    text = re.sub(
        r"\s+", " ", " ".join(p.extract_text() for p in PdfReader(io.BytesIO(response.body())).pages)
    )
    for piece in (
        "Số: 01/SYT-TCCB",
        "V/v đăng ký thi đua năm 2026",
        "Kính gửi:",
        "- Các bệnh viện trực thuộc;",
        "- Các trung tâm y tế.",
        "Lê Quang Trung",
    ):
        assert piece in text
    assert text.index("Số: 01/SYT-TCCB") < text.index("Kính gửi:") < text.index("Lê Quang Trung")
