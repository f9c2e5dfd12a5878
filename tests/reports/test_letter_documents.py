"""A công văn printed (PDF read back with pdftotext, DOCX with python-docx): the number with the
drafting office's code and no type name, "V/v …" under it, "Kính gửi:" with its addressees, the
body, the letter's own signer and recipients, in that order; the agency's settings changed later
do not change a letter already written."""

import datetime

import pytest
from django.urls import reverse

from plans import services
from reports.documents import render_pdf
from reports.docx import render_docx
from reports.letter_document import letter_document
from tests.factories import AgencyFactory, LetterFactory, make_office_user
from tests.headings import heading
from tests.reports.test_plan_documents import assert_in_order, docx_text, pdf_text
from units.models import Agency

pytestmark = pytest.mark.django_db


@pytest.fixture
def office(db):
    AgencyFactory(signer_name="Lê Quang Trung", signer_position="Phó Giám đốc")
    return make_office_user()


@pytest.fixture
def issued_letter(office):
    letter = LetterFactory(
        addressees=["Các bệnh viện trực thuộc", "Trung tâm Kiểm soát bệnh tật"],
        body="Sở Y tế đề nghị các đơn vị triển khai phong trào.\n- Gửi đăng ký trước ngày 15/3/2026.",
    )
    for _ in range(14):
        services.letter_issue(LetterFactory(), by=office, issue_date=datetime.date(2026, 3, 1))
    services.letter_issue(letter, by=office, issue_date=datetime.date(2026, 3, 5))
    return letter


def test_pdf_prints_the_letter_in_the_order_of_the_decree_model(issued_letter):
    text = pdf_text(render_pdf(letter_document(issued_letter)))

    assert_in_order(
        text,
        [
            "UBND TỈNH ĐỒNG NAI",
            "SỞ Y TẾ",
            "Số: 15/SYT-TCCB",
            "V/v phát động phong trào thi đua năm 2026",
            "Đồng Nai, ngày 05 tháng 3 năm 2026",
            "Kính gửi:",
            "- Các bệnh viện trực thuộc;",
            "- Trung tâm Kiểm soát bệnh tật.",
            "Sở Y tế đề nghị các đơn vị triển khai phong trào.",
            "- Gửi đăng ký trước ngày 15/3/2026./.",
            "Nơi nhận:",
            "- Như trên;",
            "- Lưu: VT, TCCB.",
            "KT. GIÁM ĐỐC",
            "PHÓ GIÁM ĐỐC",
            "Lê Quang Trung",
        ],
    )
    assert "KẾ HOẠCH" not in text and "CÔNG VĂN" not in text


def test_one_addressee_is_written_on_the_line_of_kinh_gui(office):
    letter = LetterFactory(addressees=["Các đơn vị trực thuộc Sở"])

    text = pdf_text(render_pdf(letter_document(letter)))

    assert "Kính gửi: Các đơn vị trực thuộc Sở." in " ".join(text.split())


def test_docx_has_the_same_parts_in_the_same_order(issued_letter):
    text = docx_text(render_docx(letter_document(issued_letter)))

    assert_in_order(
        text,
        [
            "Số: 15/SYT-TCCB",
            "V/v phát động phong trào thi đua năm 2026",
            "Kính gửi:",
            "- Các bệnh viện trực thuộc;",
            "- Trung tâm Kiểm soát bệnh tật.",
            "Sở Y tế đề nghị",
            "Nơi nhận:",
            "KT. GIÁM ĐỐC",
            "Lê Quang Trung",
        ],
    )


def test_a_letter_keeps_its_own_header_and_signer_when_the_agency_changes(office):
    letter = LetterFactory(
        **heading(
            authority_line="UBND TỈNH HÒA BÌNH",
            place="Hòa Bình",
            signer_prefix="TL.",
            signer_position="TRƯỞNG PHÒNG TỔ CHỨC CÁN BỘ",
            signer_name="Bùi Văn Khánh",
        )
    )
    agency = Agency.load()
    agency.place_name, agency.signer_name, agency.governing_body = (
        "Đồng Nai",
        "Người Khác",
        "UBND tỉnh Đồng Nai",
    )
    agency.save()

    text = pdf_text(render_pdf(letter_document(letter)))

    assert_in_order(
        text, ["UBND TỈNH HÒA BÌNH", "Hòa Bình, ngày", "TL. GIÁM ĐỐC", "TRƯỞNG PHÒNG", "Bùi Văn Khánh"]
    )
    assert "Đồng Nai" not in text and "Người Khác" not in text


def test_pdf_and_docx_downloads_carry_the_letter_number(client, office, issued_letter):
    client.force_login(office)

    pdf = client.get(reverse("reports:letter-pdf", args=[issued_letter.pk]))
    docx = client.get(reverse("reports:letter-docx", args=[issued_letter.pk]))

    assert pdf.status_code == 200 and pdf["Content-Type"] == "application/pdf"
    assert "15-SYT-TCCB" in pdf["Content-Disposition"]
    assert docx.status_code == 200 and "attachment" in docx["Content-Disposition"]
    assert "Số: 15/SYT-TCCB" in pdf_text(pdf.content)
